package dev.krb5gss.pac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.crypto.CipherKey;
import dev.krb5gss.der.DerWriter;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.name.PrincipalName;
import dev.krb5gss.testkit.ForgedPacBuilder;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The PAC is verified where it lies in the ticket's authorization data, not copied out: a PAC
 * at any offset of a larger array, with other bytes around it, verifies exactly as the same PAC
 * alone (same result, same rejection for every changed byte); verification never writes to the
 * array, on success or failure, also with threads verifying the same array at once; and the
 * verified {@link Pac} keeps none of its bytes.
 */
class PacInPlaceTest {

  static Stream<PacVectors.Vector> vectors() {
    return PacVectors.ALL.values().stream().sorted((a, b) -> a.name().compareTo(b.name()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void aPacInAuthorizationDataVerifiesAsThePacAloneWhereverItLies(PacVectors.Vector v)
      throws RejectedException {
    byte[] pac = v.pac();
    String alone = alone(pac, v.principal(), v);
    assertThat(alone).startsWith("verified");
    Set<Integer> alignments = new HashSet<>();
    Random random = new Random(v.name().hashCode());
    for (int junk = 0; junk < 12; junk++) {
      byte[] authz = embed(pac, junk(random, junk), junk(random, 23 - junk));
      int at = located(authz, pac);
      alignments.add(at % 8);
      byte[] before = authz.clone();

      assertThat(inPlace(authz, v.principal(), v)).as("PAC at offset %d", at).isEqualTo(alone);
      assertThat(authz).as("the authorization data after verifying").isEqualTo(before);
    }
    assertThat(alignments).as("the PAC's offset modulo 8").hasSize(8);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void everyByteChangedInThePacWhereItLiesFailsAsInThePacAlone(PacVectors.Vector v)
      throws RejectedException {
    byte[] pac = v.pac();
    Random random = new Random(v.name().hashCode());
    byte[] authz = embed(pac, junk(random, 13), junk(random, 7));
    int at = located(authz, pac);
    PacLayout layout = PacLayout.parse(pac);
    int header = 8 + 16 * layout.count();
    int covered = 0;
    for (int i = 0; i < pac.length; i++) {
      byte[] changedPac = pac.clone();
      changedPac[i] ^= 0x21;
      byte[] changedAuthz = authz.clone();
      changedAuthz[at + i] ^= 0x21;
      byte[] before = changedAuthz.clone();

      String alone = alone(changedPac, v.principal(), v);
      assertThat(inPlace(changedAuthz, v.principal(), v)).as("byte %d of the PAC", i)
          .isEqualTo(alone);
      assertThat(changedAuthz).as("the authorization data after byte %d", i).isEqualTo(before);
      if (i >= header && !inSignatureBuffer(layout, i)) {
        // covered by the server signature and checked by nothing before it
        assertThat(alone).as("byte %d of the PAC", i)
            .startsWith("PAC_INVALID: PAC check SERVER_SIGNATURE failed")
            .contains("does not verify");
        covered++;
      }
    }
    assertThat(covered).isGreaterThan(pac.length / 2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void aRejectedPacLeavesTheAuthorizationDataUnchanged(PacVectors.Vector v)
      throws RejectedException {
    byte[] pac = v.pac();
    Random random = new Random(v.name().hashCode());
    byte[] authz = embed(pac, junk(random, 5), junk(random, 30));
    byte[] before = authz.clone();
    PrincipalName bob = PrincipalName.of(1, List.of("bob"), v.realm());
    byte[] otherKey = new byte[v.key().length() / 2];
    Arrays.fill(otherKey, (byte) 0x42);
    CipherKey wrongKey = dev.krb5gss.crypto.CryptoProfiles.of(v.serviceKey().encType())
        .orElseThrow().key(dev.krb5gss.crypto.SecretBytes.copyOf(otherKey));

    assertThatThrownBy(() -> PacVerifier.verify(authz, v.principal(), v.ticketAuthTime(),
        wrongKey)).hasMessageStartingWith("PAC_INVALID: PAC check SERVER_SIGNATURE failed");
    assertThat(authz).isEqualTo(before);
    assertThatThrownBy(() -> PacVerifier.verify(authz, bob, v.ticketAuthTime(), v.serviceKey()))
        .hasMessageStartingWith("PAC_INVALID: PAC check CLIENT_INFO failed");
    assertThat(authz).isEqualTo(before);
  }

  /**
   * A PAC cut short where it lies (its range ending early, the next bytes still in the array)
   * is rejected as the same PAC cut short alone: nothing reads past the PAC's range.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void aRangeEndingEarlyIsRejectedAsThePacCutShort(PacVectors.Vector v) {
    byte[] pac = v.pac();
    Random random = new Random(v.name().hashCode());
    byte[] big = new byte[17 + pac.length + 40];
    random.nextBytes(big);
    System.arraycopy(pac, 0, big, 17, pac.length);
    for (int cut : new int[] {1, 2, 7, 8, 16, pac.length - 8, pac.length - 1}) {
      byte[] before = big.clone();
      int length = pac.length - cut;
      String alone = outcome(() -> PacVerifier.verifyPac(Arrays.copyOf(pac, length),
          v.principal(), v.ticketAuthTime(), v.serviceKey()));
      String inPlace = outcome(() -> PacVerifier.verify(PacLayout.parse(big, 17, length),
          v.principal(), v.ticketAuthTime(), v.serviceKey()));

      assertThat(inPlace).as("the PAC cut by %d bytes", cut).isEqualTo(alone)
          .startsWith("PAC_INVALID");
      assertThat(big).isEqualTo(before);
    }
  }

  /** Threads verifying the same authorization data at once all see it intact. */
  @Test
  void threadsVerifyingTheSameAuthorizationDataAllSucceed() throws Exception {
    PacVectors.Vector v = PacVectors.ALL.get("s4u-regular");
    byte[] authz = embed(v.pac(), new byte[3], new byte[9]);
    byte[] before = authz.clone();
    String expected = inPlace(authz, v.principal(), v);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(pool.submit(() -> {
          List<String> seen = new ArrayList<>();
          for (int i = 0; i < 300; i++) {
            seen.add(inPlace(authz, v.principal(), v));
          }
          return seen;
        }));
      }
      for (Future<List<String>> f : results) {
        assertThat(f.get()).hasSize(300).containsOnly(expected);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(expected).startsWith("verified");
    assertThat(authz).isEqualTo(before);
  }

  /**
   * The verified PAC keeps no bytes of the PAC (so never the shared authorization data): no
   * array of bytes and no layout in {@link Pac} or the values it holds, and no method hands out
   * one.
   */
  @Test
  void aVerifiedPacKeepsNoneOfThePacsBytes() {
    for (Class<?> type : List.of(Pac.class, ClientInfo.class, LogonInfo.class, UpnDnsInfo.class,
        PacExtras.class, Sid.class, GroupMembership.class)) {
      for (Field f : type.getDeclaredFields()) {
        if (!Modifier.isStatic(f.getModifiers())) {
          assertThat(f.getType()).as("%s.%s", type.getSimpleName(), f.getName())
              .isNotEqualTo(byte[].class).isNotEqualTo(PacLayout.class)
              .isNotEqualTo(java.nio.ByteBuffer.class);
        }
      }
      if (type.isRecord()) {
        for (RecordComponent c : type.getRecordComponents()) {
          assertThat(c.getType()).as("%s.%s", type.getSimpleName(), c.getName())
              .isNotEqualTo(byte[].class);
        }
      }
    }
    for (Method m : Pac.class.getMethods()) {
      assertThat(m.getReturnType()).as("Pac.%s", m.getName()).isNotEqualTo(byte[].class)
          .isNotEqualTo(java.nio.ByteBuffer.class);
    }
  }

  /**
   * Authorization data as a KDC may write it, the PAC amid other elements: an element of type
   * 141 holding {@code before}, AD-IF-RELEVANT holding the AD-WIN2K-PAC, one of type 142 holding
   * {@code after}.
   */
  private static byte[] embed(byte[] pac, byte[] before, byte[] after) {
    return DerWriter.sequence(element(141, before),
        element(PacAuthorizationData.AD_IF_RELEVANT, ForgedPacBuilder.ifRelevant(pac)),
        element(142, after));
  }

  private static byte[] element(int type, byte[] data) {
    return DerWriter.sequence(DerWriter.explicit(0, DerWriter.integer(type)),
        DerWriter.explicit(1, DerWriter.octetString(data)));
  }

  private static byte[] junk(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  /** Where the PAC lies in {@code authz}, checked to be {@code pac} and not at its start. */
  private static int located(byte[] authz, byte[] pac) throws RejectedException {
    long found = PacAuthorizationData.find(authz);
    int at = PacAuthorizationData.offset(found);
    assertThat(PacAuthorizationData.length(found)).isEqualTo(pac.length);
    assertThat(Arrays.copyOfRange(authz, at, at + pac.length)).isEqualTo(pac);
    assertThat(at).isPositive();
    return at;
  }

  /**
   * Whether byte {@code i} lies in a signature buffer: their shapes are checked before the server
   * signature, and the KDC signature's bytes are not covered by it.
   */
  private static boolean inSignatureBuffer(PacLayout layout, int i) {
    for (int b = 0; b < layout.count(); b++) {
      int type = layout.type(b);
      if ((type == PacBufferType.SERVER_CHECKSUM || type == PacBufferType.PRIVSVR_CHECKSUM
          || type == PacBufferType.TICKET_CHECKSUM || type == PacBufferType.FULL_CHECKSUM)
          && i >= layout.offset(b) && i < layout.offset(b) + layout.size(b)) {
        return true;
      }
    }
    return false;
  }

  /** Verifying a PAC alone ({@code verifyPac}). */
  private static String alone(byte[] pac, PrincipalName client, PacVectors.Vector v) {
    return outcome(() -> PacVerifier.verifyPac(pac, client, v.ticketAuthTime(), v.serviceKey()));
  }

  /** Verifying the PAC in authorization data, where it lies ({@code verify}). */
  private static String inPlace(byte[] authz, PrincipalName client, PacVectors.Vector v) {
    return outcome(() -> PacVerifier.verify(authz, client, v.ticketAuthTime(), v.serviceKey()));
  }

  private interface Verification {
    Optional<Pac> run() throws RejectedException;
  }

  /** The result as text: what the verified PAC says, or the rejection's reason and message. */
  private static String outcome(Verification verification) {
    try {
      return verification.run().map(PacInPlaceTest::describe).orElse("verified, no logon info");
    } catch (RejectedException e) {
      assertThat(e.reason()).isEqualTo(Reason.PAC_INVALID);
      return e.getMessage();
    }
  }

  private static String describe(Pac p) {
    return "verified " + p + " user " + p.userSid() + " groups " + p.groups() + " upn " + p.upn()
        + " dns " + p.dnsDomainName() + " sam " + p.samName() + " client " + p.clientName()
        + " at " + p.authTime() + " server " + p.logonServer() + " full name " + p.fullName()
        + " flags " + p.userFlags() + "/" + p.userAccountControl() + " attributes "
        + p.attributesFlags() + " requestor " + p.requestorSid() + " buffers " + p.bufferTypes()
        + " logon " + p.logonTime();
  }
}
