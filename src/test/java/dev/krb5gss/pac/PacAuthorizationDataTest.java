package dev.krb5gss.pac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.der.DerReader;
import dev.krb5gss.der.DerWriter;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link PacAuthorizationData#find}: where the PAC lies (RFC 4120 §5.2.6, MS-PAC §3.1), at most
 * one, AD-IF-RELEVANT followed {@code MAX_DEPTH} deep; and the same answer, check for check and
 * message for message, as the walk it replaced (a reader per element, kept below as the oracle),
 * on real authorization data and 20,000 corrupted variants of it.
 */
class PacAuthorizationDataTest {
  private static final byte[] PAC = {1, 2, 3, 4, 5};

  @Test
  void findsThePacWhereItLies() throws RejectedException {
    byte[] authz = authz(element(141, new byte[300]), element(1, authz(element(128, PAC))));
    long found = PacAuthorizationData.find(authz);

    int at = PacAuthorizationData.offset(found);
    assertThat(PacAuthorizationData.length(found)).isEqualTo(PAC.length);
    assertThat(Arrays.copyOfRange(authz, at, at + PAC.length)).isEqualTo(PAC);
    assertThat(at).isGreaterThan(300);
  }

  @Test
  void noPacIsNone() throws RejectedException {
    assertThat(PacAuthorizationData.find(new byte[0])).isEqualTo(PacAuthorizationData.NONE);
    assertThat(PacAuthorizationData.find(authz(element(141, PAC))))
        .isEqualTo(PacAuthorizationData.NONE);
  }

  @Test
  void anEmptyPacIsFoundAsEmpty() throws RejectedException {
    long found = PacAuthorizationData.find(authz(element(128, new byte[0])));

    assertThat(found).isNotEqualTo(PacAuthorizationData.NONE);
    assertThat(PacAuthorizationData.length(found)).isZero();
  }

  @Test
  void containersAreFollowedFourDeep() throws RejectedException {
    byte[] four = nest(authz(element(128, PAC)), 4);
    byte[] five = nest(authz(element(128, PAC)), 5);

    assertThat(PacAuthorizationData.length(PacAuthorizationData.find(four))).isEqualTo(5);
    assertThat(PacAuthorizationData.find(five)).isEqualTo(PacAuthorizationData.NONE);
  }

  @Test
  void everyPacIsCounted() {
    byte[] three = authz(element(128, PAC), element(1, authz(element(128, PAC))),
        element(1, nest(authz(element(128, PAC)), 2)));

    assertThatThrownBy(() -> PacAuthorizationData.find(three))
        .isInstanceOfSatisfying(RejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.PAC_INVALID);
          assertThat(e.getMessage()).isEqualTo("PAC_INVALID: PAC check AUTHORIZATION_DATA "
              + "failed: expected at most one AD-WIN2K-PAC, got 3");
        });
  }

  @Test
  void answersAsTheWalkItReplacedOnCorruptedAuthorizationData() {
    List<byte[]> seeds = new ArrayList<>();
    seeds.add(PacVectors.load("/vectors/pac/samba-4.17-ad.authz.hex"));
    seeds.add(PacVectors.load("/vectors/pac/gokrb5-ad.authz.hex"));
    seeds.add(PacVectors.load("/vectors/pac/ms-pac-3-example.authz.hex"));
    seeds.add(authz(element(141, PAC), element(1, nest(authz(element(128, PAC)), 3)),
        element(128, PAC)));
    seeds.add(nest(authz(element(1, authz()), element(128, PAC)), 4));
    Random random = new Random(20261126);
    int rejected = 0;
    for (int n = 0; n < 20_000; n++) {
      byte[] seed = seeds.get(n % seeds.size());
      byte[] b = corrupt(seed, random);
      String expected = oracle(b);
      assertThat(outcome(b)).as("case %d", n).isEqualTo(expected);
      rejected += expected.startsWith("PAC_INVALID") ? 1 : 0;
    }
    for (byte[] seed : seeds) {
      assertThat(outcome(seed)).isEqualTo(oracle(seed));
    }
    assertThat(rejected).isBetween(2_000, 19_000);
  }

  private static byte[] corrupt(byte[] seed, Random random) {
    switch (random.nextInt(4)) {
      case 0: // truncated
        return Arrays.copyOf(seed, random.nextInt(seed.length));
      case 1: // trailing bytes, and maybe bytes changed too (which error comes first)
        byte[] b = Arrays.copyOf(seed, seed.length + 1 + random.nextInt(3));
        return random.nextBoolean() ? b : change(b, random);
      default:
        return change(seed.clone(), random);
    }
  }

  /** One to three bytes of {@code b} changed, mostly in the DER around the PAC. */
  private static byte[] change(byte[] b, Random random) {
    for (int k = 0, changes = 1 + random.nextInt(3); k < changes; k++) {
      int i = random.nextInt(4) == 0 ? random.nextInt(b.length)
          : random.nextInt(Math.min(b.length, 40));
      b[i] = random.nextBoolean() ? (byte) random.nextInt(256) : (byte) (b[i] + 1);
    }
    return b;
  }

  private static String outcome(byte[] authz) {
    try {
      long found = PacAuthorizationData.find(authz);
      return found == PacAuthorizationData.NONE ? "none"
          : "at " + PacAuthorizationData.offset(found) + " + " + PacAuthorizationData.length(found);
    } catch (RejectedException e) {
      return e.getMessage();
    }
  }

  // The walk before find: a DerReader per element, the first PAC's range kept.

  private static String oracle(byte[] authz) {
    if (authz.length == 0) {
      return "none";
    }
    int[] found = {-1, -1, 0};
    try {
      try {
        oracleCollect(authz, 0, authz.length, 0, found);
      } catch (RejectedException e) {
        throw PacCheck.AUTHORIZATION_DATA.fail("the ticket's authorization data is not valid "
            + "DER: " + e.detail());
      }
      if (found[2] > 1) {
        throw PacCheck.AUTHORIZATION_DATA.fail("expected at most one AD-WIN2K-PAC, got "
            + found[2]);
      }
    } catch (RejectedException e) {
      return e.getMessage();
    }
    return found[2] == 0 ? "none" : "at " + found[0] + " + " + found[1];
  }

  private static void oracleCollect(byte[] der, int from, int to, int depth, int[] found)
      throws RejectedException {
    DerReader all = DerReader.of(der, from, to, "AuthorizationData");
    DerReader seq = all.read(DerReader.SEQUENCE);
    all.expectEnd();
    while (seq.hasMore()) {
      DerReader entry = seq.read(DerReader.SEQUENCE);
      DerReader typeField = entry.field(0);
      int type = typeField.readInt32();
      typeField.expectEnd();
      DerReader dataField = entry.field(1);
      DerReader data = dataField.readOctetStringInPlace();
      dataField.expectEnd();
      entry.expectEnd();
      int start = data.position();
      int end = start + data.remaining();
      if (type == 128) {
        if (found[2]++ == 0) {
          found[0] = start;
          found[1] = end - start;
        }
      } else if (type == 1 && depth < 4) {
        oracleCollect(der, start, end, depth + 1, found);
      }
    }
  }

  private static byte[] nest(byte[] authz, int levels) {
    byte[] b = authz;
    for (int i = 0; i < levels; i++) {
      b = authz(element(1, b));
    }
    return b;
  }

  private static byte[] authz(byte[]... elements) {
    return DerWriter.sequence(elements);
  }

  private static byte[] element(int type, byte[] data) {
    return DerWriter.sequence(DerWriter.explicit(0, DerWriter.integer(type)),
        DerWriter.explicit(1, DerWriter.octetString(data)));
  }
}
