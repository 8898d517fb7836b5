package dev.krb5gss.ap;

import static dev.krb5gss.ap.ApRejectionTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.error.Reason;
import dev.krb5gss.testkit.AesEnctype;
import dev.krb5gss.testkit.ForgeCrypto;
import dev.krb5gss.testkit.LongTermKey;
import dev.krb5gss.testkit.TicketForge;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;

import dev.krb5gss.keytab.KeytabParser;
import dev.krb5gss.keytab.ServiceKey;
import dev.krb5gss.keytab.ServiceKeyTable;
import dev.krb5gss.name.PrincipalName;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ticket's sname travels in clear (RFC 4120 §5.3: only enc-part is encrypted). An AD account
 * with several SPNs has one key for all of them, so an attacker can rewrite a captured AP-REQ's
 * sname to another SPN of the account and the ticket still decrypts. Neither the replay cache nor
 * the service allowlist may rely on that name.
 */
@ExtendWith(KdcExtension.class)
class ServiceNameRewriteTest {
  private static final String WWW = "HTTP/www.forge.test@FORGE.TEST";
  private static final String XYZ = "HTTP/xyz.forge.test@FORGE.TEST";

  private final byte[] accountKey = ForgeCrypto.kerby().randomKey(
      AesEnctype.AES256_CTS_HMAC_SHA1_96);
  private final LongTermKey wwwKey = key(WWW);
  private final LongTermKey xyzKey = key(XYZ);
  private final Clock clock = Clock.fixed(ForgeFixture.NOW, ZoneOffset.UTC);

  @Test
  void aReplayRewrittenToAnotherSpnOfTheSameKeyIsStillAReplay() throws Exception {
    ApAcceptor acceptor = new ApAcceptor(ForgeFixture.table(wwwKey, xyzKey),
        ApPolicy.builder().clock(clock).build());
    byte[] captured = tokenFor(wwwKey);
    assertThat(acceptor.accept(captured, null).service().toString()).isEqualTo(WWW);

    byte[] rewritten = rewrite(captured, "www.forge.test", "xyz.forge.test");
    assertRejected(() -> acceptor.accept(rewritten, null), Reason.REPLAY, "alice@FORGE.TEST",
        "replayed");
  }

  @Test
  void aJdkInitiatorsApReqRewrittenToAnotherSpnOfTheAccountIsAReplay(KdcPrincipals names)
      throws Exception {
    String service = names.addService("HTTP");
    String client = names.addUser("rewrite", "pw");
    // the account's second SPN: same key, kvno and enctype under another name (AD: setspn -A)
    List<ServiceKey> keys = new ArrayList<>(KeytabParser.parse(
        Files.readAllBytes(names.keytab(service))));
    for (ServiceKey k : List.copyOf(keys)) {
      keys.add(new ServiceKey(PrincipalName.parse("XTTP/" + names.host(), k.principal().realm()),
          k.kvno(), k.encType(), k.secret()));
    }
    ApAcceptor acceptor = new ApAcceptor(ServiceKeyTable.of(keys), ApPolicy.defaults());
    byte[] captured;
    try (JdkInitiator init = JdkInitiator.to(names.hostbased("HTTP")).mutual(false)
        .start(names.kdc().login(client, "pw"))) {
      captured = init.firstToken();
    }
    assertThat(acceptor.accept(captured, null).client().toString()).isEqualTo(client);

    byte[] rewritten = rewrite(captured, "HTTP", "XTTP");
    assertRejected(() -> acceptor.accept(rewritten, null), Reason.REPLAY, client, "replayed");
  }

  @Test
  void theAllowlistCannotBeSidesteppedByRewritingTheSname() {
    ApAcceptor acceptor = new ApAcceptor(ForgeFixture.table(wwwKey, xyzKey),
        ApPolicy.builder().clock(clock).allowedServices(p -> p.toString().equals(WWW)).build());
    byte[] forXyz = tokenFor(xyzKey);
    byte[] rewritten = rewrite(forXyz, "xyz.forge.test", "www.forge.test");
    assertRejected(() -> acceptor.accept(rewritten, null), Reason.SERVICE_NOT_ALLOWED,
        WWW, XYZ, "shares its key", "not authenticated");
  }

  @Test
  void aKeySharedWithAPrincipalOutsideTheAllowlistIsRefusedEvenForAnAllowedName() {
    ApAcceptor acceptor = new ApAcceptor(ForgeFixture.table(wwwKey, xyzKey),
        ApPolicy.builder().clock(clock).allowedServices(p -> p.toString().equals(WWW)).build());
    assertRejected(() -> acceptor.accept(tokenFor(wwwKey), null), Reason.SERVICE_NOT_ALLOWED,
        XYZ, "admit", "remove");
  }

  @Test
  void anAllowlistAdmittingEverySpnOfTheKeyAccepts() throws Exception {
    ApAcceptor acceptor = new ApAcceptor(ForgeFixture.table(wwwKey, xyzKey),
        ApPolicy.builder().clock(clock)
            .allowedServices(p -> p.toString().equals(WWW) || p.toString().equals(XYZ)).build());
    assertThat(acceptor.accept(tokenFor(wwwKey), null).client().toString())
        .isEqualTo("alice@FORGE.TEST");
  }

  @Test
  void principalsWithDistinctKeysDoNotConstrainEachOther() throws Exception {
    LongTermKey own = new LongTermKey(XYZ, AesEnctype.AES256_CTS_HMAC_SHA1_96, 3,
        ForgeCrypto.kerby().randomKey(AesEnctype.AES256_CTS_HMAC_SHA1_96));
    ApAcceptor acceptor = new ApAcceptor(ForgeFixture.table(wwwKey, own),
        ApPolicy.builder().clock(clock).allowedServices(p -> p.toString().equals(WWW)).build());
    assertThat(acceptor.accept(tokenFor(wwwKey), null).client().toString())
        .isEqualTo("alice@FORGE.TEST");
  }

  private LongTermKey key(String principal) {
    return new LongTermKey(principal, AesEnctype.AES256_CTS_HMAC_SHA1_96, 3, accountKey);
  }

  private byte[] tokenFor(LongTermKey service) {
    TicketForge forge = TicketForge.forService(service).withClock(clock);
    return forge.apReq(forge.ticket().client("alice@FORGE.TEST").build()).build().gssToken();
  }

  /** Replaces the one occurrence of {@code from} (the clear sname) by {@code to}, same length. */
  static byte[] rewrite(byte[] token, String from, String to) {
    byte[] f = from.getBytes(StandardCharsets.US_ASCII);
    byte[] t = to.getBytes(StandardCharsets.US_ASCII);
    assertThat(t).hasSameSizeAs(f);
    byte[] out = token.clone();
    int found = -1;
    for (int i = 0; i + f.length <= out.length; i++) {
      if (java.util.Arrays.equals(out, i, i + f.length, f, 0, f.length)) {
        assertThat(found).as("one occurrence of " + from).isEqualTo(-1);
        found = i;
      }
    }
    assertThat(found).as("the sname " + from + " in the token").isNotNegative();
    System.arraycopy(t, 0, out, found, t.length);
    return out;
  }
}
