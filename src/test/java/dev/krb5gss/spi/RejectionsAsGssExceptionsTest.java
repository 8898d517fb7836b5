package dev.krb5gss.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.Krb5GssProvider;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.error.RejectedGssException;
import dev.krb5gss.testkit.AesEnctype;
import dev.krb5gss.testkit.ForgeCrypto;
import dev.krb5gss.testkit.GssChecksum;
import dev.krb5gss.testkit.JaasLogins;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.testkit.KeytabFile;
import dev.krb5gss.testkit.LongTermKey;
import dev.krb5gss.testkit.SessionKey;
import dev.krb5gss.testkit.TicketForge;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KeyTab;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.ietf.jgss.ChannelBinding;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.MessageProp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every rejection reaches the GSS caller as a GSSException whose major code is the reason's
 * (RFC 2743 §1.2.1.1), whose minor code identifies the reason, and whose type carries it; driven
 * through GSSManager.getInstance() with real KDC tickets, the JDK's initiator and forged tokens.
 */
@ExtendWith(KdcExtension.class)
class RejectionsAsGssExceptionsTest {

  @BeforeAll
  static void install() {
    Krb5GssProvider.install();
  }

  @AfterAll
  static void uninstall() {
    Krb5GssProvider.uninstall();
  }

  @ParameterizedTest
  @EnumSource(Reason.class)
  void everyReasonMapsToItsMajorAndMinorCode(Reason reason) {
    GSSException e = GssErrors.of(new RejectedException(reason, "expected x, got y"));
    assertThat(e.getMajor()).isEqualTo(reason.gssMajor());
    assertThat(e.getMinor()).isEqualTo(reason.minorCode());
    assertThat(e.getMessage()).contains(reason.name(), "expected x, got y");
    assertThat(((RejectedGssException) e).reason()).isEqualTo(reason);
  }

  @Test
  void garbageAfterTheKerberosHeaderIsDefective(KdcPrincipals names) throws Exception {
    GssServer server = serverFor(names, "garbage");
    byte[] token = {0x60, 0x0f, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7,
        0x12, 0x01, 0x02, 0x02, 0x01, 0x00, 0x6e, 0x05};
    assertRejected(() -> server.accept(token), Reason.MALFORMED_TOKEN);
  }

  @Test
  void aTicketForAnotherServiceIsNoCred(KdcPrincipals names) throws Exception {
    String wanted = names.addService("wanted");
    String other = names.addService("other");
    Subject service = new Subject();
    service.getPrivateCredentials().add(KeyTab.getUnboundInstance(names.keytab(other).toFile()));
    GssServer server = GssServer.create(service);
    byte[] token = jdkToken(names, "wanted", null);
    assertRejected(() -> server.accept(token), Reason.SERVICE_NOT_IN_KEYTAB);
    assertThat(wanted).isNotEqualTo(other);
  }

  @Test
  void aStaleKeytabIsAKvnoMismatch(KdcPrincipals names) throws Exception {
    String service = names.addService("stale");
    Path keytab = KeytabFile.write(names.kdc().workDir().resolve(names.tag() + "-stale.keytab"),
        names.kdc().serviceKeys(service).stream().map(k -> k.withKvno(2)).toList());
    GssServer server = GssServer.create(JaasLogins.acceptor(keytab, service));
    byte[] token = jdkToken(names, "stale", null);
    assertRejected(() -> server.accept(token), Reason.KVNO_MISMATCH);
  }

  @Test
  void aKeytabWithoutTheTicketsEnctypeSaysSo(KdcPrincipals names) throws Exception {
    String service = names.addService("aes128only");
    LongTermKey aes128 = names.kdc().serviceKey(service, AesEnctype.AES128_CTS_HMAC_SHA1_96);
    Path keytab = KeytabFile.write(names.kdc().workDir().resolve(names.tag() + "-128.keytab"),
        List.of(aes128));
    GssServer server = GssServer.create(JaasLogins.acceptor(keytab, service));
    byte[] token = jdkToken(names, "aes128only", null);
    assertRejected(() -> server.accept(token), Reason.ENCTYPE_NOT_IN_KEYTAB);
  }

  @Test
  void theLoginModulesEnctypePolicyApplies(KdcPrincipals names) throws Exception {
    String service = names.addService("policy");
    Subject subject = new Subject();
    subject.getPrivateCredentials().add(dev.krb5gss.keytab.AcceptorKeys.bound(
        dev.krb5gss.keytab.ReloadingKeytab.shared(names.keytab(service), Duration.ofSeconds(5)),
        java.util.Set.of(dev.krb5gss.name.PrincipalName.parse(service, "")),
        dev.krb5gss.crypto.EnctypePolicy.of(dev.krb5gss.crypto.EncType.AES128_CTS_HMAC_SHA1_96)));
    GssServer server = GssServer.create(subject);
    byte[] token = jdkToken(names, "policy", null);
    assertRejected(() -> server.accept(token), Reason.ENCTYPE_NOT_PERMITTED);
  }

  @Test
  void aWrongKeyIsATicketIntegrityFailure(KdcPrincipals names) throws Exception {
    String service = names.addService("wrongkey");
    LongTermKey wrong = new LongTermKey(service, AesEnctype.AES256_CTS_HMAC_SHA1_96, 1,
        ForgeCrypto.kerby().randomKey(AesEnctype.AES256_CTS_HMAC_SHA1_96));
    Path keytab = KeytabFile.write(names.kdc().workDir().resolve(names.tag() + "-wrong.keytab"),
        List.of(wrong));
    GssServer server = GssServer.create(JaasLogins.acceptor(keytab, service));
    byte[] token = jdkToken(names, "wrongkey", null);
    assertRejected(() -> server.accept(token), Reason.TICKET_INTEGRITY);
  }

  @Test
  void theSameApReqTwiceIsAReplayAcrossManagersAndRequests(KdcPrincipals names) throws Exception {
    String service = names.addService("replay");
    Path keytab = names.keytab(service);
    byte[] token = jdkToken(names, "replay", null);
    GssServer.create(JaasLogins.acceptor(keytab, service)).accept(token);
    GssServer second = GssServer.create(JaasLogins.acceptor(keytab, service));
    assertRejected(() -> second.accept(token), Reason.REPLAY);
  }

  @Test
  void differentChannelBindingsAreBadBindings(KdcPrincipals names) throws Exception {
    String service = names.addService("cb");
    GssServer server = GssServer.create(JaasLogins.acceptor(names.keytab(service), service),
        new ChannelBinding("server-end".getBytes(StandardCharsets.UTF_8)));
    byte[] token = jdkToken(names, "cb",
        new ChannelBinding("client-end".getBytes(StandardCharsets.UTF_8)));
    assertRejected(() -> server.accept(token), Reason.CHANNEL_BINDING_MISMATCH);
  }

  @Test
  void forgedTicketsAndAuthenticatorsAreRejectedForTheirReason(KdcPrincipals names)
      throws Exception {
    String service = names.addService("forged");
    Path keytab = names.keytab(service);
    TicketForge forge = TicketForge.forService(
        names.kdc().serviceKey(service, AesEnctype.AES256_CTS_HMAC_SHA1_96));
    String alice = names.user("alice");
    Instant now = Instant.now();

    assertForged(keytab, service, forge.apReq(forge.ticket().client(alice)
        .startTime(now.minus(Duration.ofHours(3))).endTime(now.minus(Duration.ofHours(1)))
        .build()).build().gssToken(), Reason.TICKET_EXPIRED);
    assertForged(keytab, service, forge.apReq(forge.ticket().client(alice)
        .startTime(now.plus(Duration.ofHours(1))).endTime(now.plus(Duration.ofHours(3)))
        .build()).build().gssToken(), Reason.TICKET_NOT_YET_VALID);
    assertForged(keytab, service, forge.apReq(forge.ticket().client(alice).build())
        .ctime(now.minus(Duration.ofMinutes(10))).build().gssToken(), Reason.CLOCK_SKEW);
    assertForged(keytab, service, forge.apReq(forge.ticket().client(alice).build())
        .client(names.user("mallory")).build().gssToken(), Reason.CLIENT_MISMATCH);
    assertForged(keytab, service, forge.apReq(forge.ticket().client(alice).build())
        .encryptAuthenticatorWith(SessionKey.random(AesEnctype.AES256_CTS_HMAC_SHA1_96,
            ForgeCrypto.kerby())).build().gssToken(), Reason.AUTHENTICATOR_INTEGRITY);
    assertForged(keytab, service, forge.apReq(forge.ticket().client(alice).build())
        .rawChecksum(0x8003, new byte[7]).build().gssToken(), Reason.BAD_GSS_CHECKSUM);
    assertForged(keytab, service, forge.apReq(forge.ticket().client(alice).build())
        .checksum(GssChecksum.builder().lengthField(99)).build().gssToken(),
        Reason.BAD_GSS_CHECKSUM);
  }

  @Test
  void perMessageFailuresKeepTheirReason(KdcPrincipals names) throws Exception {
    String service = names.addService("msg");
    String user = names.addUser("bob", "pw");
    GssServer server = GssServer.create(JaasLogins.acceptor(names.keytab(service), service));
    try (JdkInitiator init = JdkInitiator.to(names.hostbased("msg"))
        .start(names.kdc().login(user, "pw"))) {
      init.complete(server.accept(init.firstToken()));
      byte[] msg = "pay 10".getBytes(StandardCharsets.UTF_8);
      byte[] token = init.call(() -> init.context().wrap(msg, 0, msg.length,
          new MessageProp(0, true)));
      byte[] tampered = token.clone();
      tampered[tampered.length - 1] ^= 1;

      assertRejected(() -> server.context.unwrap(tampered, 0, tampered.length,
          new MessageProp(0, false)), Reason.BAD_MIC);
      assertThat(server.context.unwrap(token, 0, token.length, new MessageProp(0, false)))
          .isEqualTo(msg);
      assertRejected(() -> server.context.unwrap(token, 0, token.length,
          new MessageProp(0, false)), Reason.DUPLICATE_TOKEN);
      // The JDK's GSSContextImpl returns null for a non-transferable context without asking us.
      assertThat(server.context.isTransferable()).isFalse();
      assertThat(server.context.export()).isNull();
    }
  }

  @Test
  void contextExportAndImportAreUnavailable() {
    ServerContextSpi spi = new ServerContextSpi(dev.krb5gss.gss.MechOids.Jgss.KRB5, null);
    assertRejected(spi::export, Reason.UNSUPPORTED_OPERATION);
    assertRejected(() -> new Krb5MechanismFactory(sun.security.jgss.GSSCaller.CALLER_ACCEPT)
        .getMechanismContext(new byte[] {1}), Reason.UNSUPPORTED_OPERATION);
    assertRejected(() -> spi.initSecContext(null, 0), Reason.UNSUPPORTED_OPERATION);
  }

  @Test
  void perMessageCallsBeforeEstablishmentAreNoContext(KdcPrincipals names) throws Exception {
    GssServer server = serverFor(names, "early");
    byte[] garbage = {0x60, 0x0f, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7,
        0x12, 0x01, 0x02, 0x02, 0x01, 0x00, 0x6e, 0x05};
    assertRejected(() -> server.accept(garbage), Reason.MALFORMED_TOKEN);
    assertRejected(() -> server.context.getMIC(new byte[1], 0, 1, new MessageProp(0, false)),
        Reason.NO_CONTEXT);
  }

  private static void assertForged(Path keytab, String service, byte[] token, Reason reason)
      throws Exception {
    GssServer server = GssServer.create(JaasLogins.acceptor(keytab, service));
    assertRejected(() -> server.accept(token), reason);
  }

  private static GssServer serverFor(KdcPrincipals names, String name) throws Exception {
    String service = names.addService(name);
    return GssServer.create(JaasLogins.acceptor(names.keytab(service), service));
  }

  private static byte[] jdkToken(KdcPrincipals names, String service, ChannelBinding cb)
      throws Exception {
    String user = names.user("client");
    Subject client;
    try {
      client = names.kdc().login(user, "pw");
    } catch (javax.security.auth.login.LoginException e) {
      names.addUser("client", "pw");
      client = names.kdc().login(user, "pw");
    }
    JdkInitiator.Options o = JdkInitiator.to(names.hostbased(service));
    if (cb != null) {
      o.channelBinding(cb);
    }
    try (JdkInitiator init = o.start(client)) {
      return init.firstToken();
    }
  }

  private static void assertRejected(ThrowingCallable call, Reason reason) {
    assertThatThrownBy(call).isInstanceOfSatisfying(RejectedGssException.class, e -> {
      assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
      assertThat(e.getMajor()).isEqualTo(reason.gssMajor());
      assertThat(e.getMinor()).isEqualTo(reason.minorCode());
    });
  }
}
