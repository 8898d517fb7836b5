package dev.krb5gss.ap;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.crypto.CryptoProfiles;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.keytab.KeytabCache;
import dev.krb5gss.keytab.ServiceKeyTable;
import dev.krb5gss.name.PrincipalName;
import dev.krb5gss.testkit.AesEnctype;
import dev.krb5gss.testkit.ForgedTicket;
import dev.krb5gss.testkit.KeytabFile;
import dev.krb5gss.testkit.ForgeCrypto;
import dev.krb5gss.testkit.LongTermKey;
import dev.krb5gss.testkit.TicketForge;
import java.nio.file.Path;
import java.util.List;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import javax.security.auth.Subject;
import org.ietf.jgss.ChannelBinding;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.MessageProp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real exchanges: tickets from the Kerby KDC, AP-REQs from the JDK's own krb5 initiator, accepted by
 * our core; our AP-REP fed back to the JDK, which must establish with mutual authentication.
 */
@ExtendWith(KdcExtension.class)
class ApAcceptorExchangeTest {

  @ParameterizedTest
  @EnumSource(value = AesEnctype.class, names = {"AES128_CTS_HMAC_SHA1_96", "AES256_CTS_HMAC_SHA1_96"})
  void acceptsTheJdkInitiatorAndTheJdkAcceptsOurApRep(AesEnctype enctype, KdcPrincipals names)
      throws Exception {
    String service = names.addService("HTTP" + enctype.id(), enctype);
    String user = names.addUser("alice" + enctype.id(), "pw-alice");
    Subject alice = names.kdc().login(user, "pw-alice");
    ApAcceptor acceptor = new ApAcceptor(KeytabCache.load(names.keytab(service)),
        ApPolicy.defaults());

    try (JdkInitiator init = JdkInitiator.to(names.hostbased("HTTP" + enctype.id())).start(alice)) {
      ApEstablished est = acceptor.accept(init.firstToken(), null);

      assertThat(est.client()).isEqualTo(PrincipalName.parse(user, ""));
      assertThat(est.service()).isEqualTo(PrincipalName.parse(service, ""));
      assertThat(est.ticketEncType().id()).isEqualTo(enctype.id());
      assertThat(est.kvno()).isPositive();
      assertThat(est.flags()).contains(ContextFlag.MUTUAL, ContextFlag.CONF, ContextFlag.INTEG,
          ContextFlag.REPLAY, ContextFlag.SEQUENCE).doesNotContain(ContextFlag.DELEG);
      assertThat(est.mechOid()).isEqualTo(InitialContextToken.KRB5_OID);
      assertThat(est.acceptorSubkey()).isPresent();
      assertThat(est.contextKey()).isSameAs(est.acceptorSubkey().get());
      assertThat(est.endTime()).isAfter(est.authTime());
      assertThat(est.outputToken()).isNotEmpty();

      assertThat(init.complete(est.outputToken())).isNull();
      assertThat(init.isEstablished()).isTrue();
      assertThat(init.getMutualAuthState()).isTrue();
      assertJdkUsesOurContextKey(init, est);
    }
  }

  /** aes-sha2 (RFC 8009) tickets, which Kerby's KDC cannot issue, forged for a JDK initiator. */
  @ParameterizedTest
  @EnumSource(AesEnctype.class)
  void everyAesEnctypeFromAForgedTicketThroughTheJdkInitiator(AesEnctype enctype,
      KdcPrincipals names) throws Exception {
    String service = names.service("forged" + enctype.id());
    LongTermKey key = new LongTermKey(service, enctype, 7,
        ForgeCrypto.ours().randomKey(enctype));
    TicketForge forge = TicketForge.forService(key).withCrypto(ForgeCrypto.ours());
    ForgedTicket ticket = forge.ticket().client(names.user("gil" + enctype.id())).build();
    Path keytab = KeytabFile.write(names.kdc().workDir().resolve(
        names.tag() + "-forged" + enctype.id() + ".keytab"), List.of(key));
    ApAcceptor acceptor = new ApAcceptor(KeytabCache.load(keytab), ApPolicy.defaults());
    try (JdkInitiator init = JdkInitiator.to(names.hostbased("forged" + enctype.id()))
        .start(forge.forgedInitiatorSubject(ticket))) {
      ApEstablished est = acceptor.accept(init.firstToken(), null);
      assertThat(est.ticketEncType().id()).isEqualTo(enctype.id());
      assertThat(est.kvno()).isEqualTo(7);
      assertThat(est.client().toString()).isEqualTo(names.user("gil" + enctype.id()));
      assertThat(init.complete(est.outputToken())).isNull();
      assertThat(init.isEstablished()).isTrue();
      assertThat(init.getMutualAuthState()).isTrue();
      assertJdkUsesOurContextKey(init, est);
    }
  }

  @Test
  void withoutMutualAuthThereIsNoApRepAndTheSequenceNumbersAgree(KdcPrincipals names)
      throws Exception {
    String service = names.addService("nomutual");
    Subject bob = names.kdc().login(names.addUser("bob", "pw-bob"), "pw-bob");
    ApAcceptor acceptor = new ApAcceptor(KeytabCache.load(names.keytab(service)),
        ApPolicy.defaults());
    try (JdkInitiator init = JdkInitiator.to(names.hostbased("nomutual")).mutual(false)
        .start(bob)) {
      ApEstablished est = acceptor.accept(init.firstToken(), null);

      assertThat(est.outputToken()).isEmpty();
      assertThat(est.flags()).doesNotContain(ContextFlag.MUTUAL);
      assertThat(est.acceptorSubkey()).isEmpty();
      assertThat(est.acceptorSequence()).isEqualTo(est.initiatorSequence());
      assertThat(init.isEstablished()).isTrue();
      assertJdkUsesOurContextKey(init, est);
    }
  }

  @Test
  void anyPrincipalOfAMultiServiceKeytabIsAccepted(KdcPrincipals names) throws Exception {
    String first = names.addService("first");
    String second = names.addService("second");
    Subject carol = names.kdc().login(names.addUser("carol", "pw-carol"), "pw-carol");
    ServiceKeyTable keys = KeytabCache.load(names.keytab(first, second));
    ApAcceptor acceptor = new ApAcceptor(keys, ApPolicy.defaults());
    for (String svc : new String[] {"first", "second"}) {
      try (JdkInitiator init = JdkInitiator.to(names.hostbased(svc)).start(carol)) {
        ApEstablished est = acceptor.accept(init.firstToken(), null);
        assertThat(est.service().components().get(0)).isEqualTo(svc);
      }
    }
  }

  @Test
  void jdkChannelBindingsMatchOursAndADifferentBindingIsRefused(KdcPrincipals names)
      throws Exception {
    String service = names.addService("cb");
    Subject dave = names.kdc().login(names.addUser("dave", "pw-dave"), "pw-dave");
    ApAcceptor acceptor = new ApAcceptor(KeytabCache.load(names.keytab(service)),
        ApPolicy.defaults());
    byte[] appData = "tls-server-end-point:0123456789".getBytes(StandardCharsets.US_ASCII);
    try (JdkInitiator init = JdkInitiator.to(names.hostbased("cb"))
        .channelBinding(new ChannelBinding(appData)).start(dave)) {
      ApEstablished est = acceptor.accept(init.firstToken(),
          ChannelBindings.ofApplicationData(appData));
      init.complete(est.outputToken());
      assertThat(init.isEstablished()).isTrue();
    }
    try (JdkInitiator init = JdkInitiator.to(names.hostbased("cb"))
        .channelBinding(new ChannelBinding(appData)).start(dave)) {
      ChannelBindings other = ChannelBindings.ofApplicationData(
          "tls-server-end-point:9999999999".getBytes(StandardCharsets.US_ASCII));
      assertThatThrownBy(() -> acceptor.accept(init.firstToken(), other))
          .isInstanceOfSatisfying(RejectedException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.CHANNEL_BINDING_MISMATCH));
    }
  }

  @Test
  void aReplayedJdkTokenIsRefusedAndSkewCarriesAnErrorToken(KdcPrincipals names)
      throws Exception {
    String service = names.addService("replay");
    Subject frank = names.kdc().login(names.addUser("frank", "pw-frank"), "pw-frank");
    ServiceKeyTable keys = KeytabCache.load(names.keytab(service));
    ApAcceptor acceptor = new ApAcceptor(keys, ApPolicy.defaults());
    try (JdkInitiator init = JdkInitiator.to(names.hostbased("replay")).start(frank)) {
      byte[] token = init.firstToken();
      acceptor.accept(token, null);
      assertThatThrownBy(() -> acceptor.accept(token, null))
          .isInstanceOfSatisfying(RejectedException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.REPLAY));
    }
    ApAcceptor skewed = new ApAcceptor(keys, ApPolicy.builder()
        .clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(20))).build());
    try (JdkInitiator init = JdkInitiator.to(names.hostbased("replay")).start(frank)) {
      RejectedException e = org.junit.jupiter.api.Assertions.assertThrows(
          RejectedException.class, () -> skewed.accept(init.firstToken(), null));
      assertThat(e.reason()).isEqualTo(Reason.CLOCK_SKEW);
      assertThat(e.getMessage()).contains("behind").contains("5m0s");
      byte[] error = e.errorToken().orElseThrow();
      assertThat(InitialContextToken.parse(error, 65536).tokId())
          .isEqualTo(InitialContextToken.TOK_ERROR);
      // The JDK 17 initiator does not interpret KRB-ERROR tokens; it must at least not establish.
      assertThatThrownBy(() -> init.complete(error)).isInstanceOf(GSSException.class);
      assertThat(init.isEstablished()).isFalse();
    }
  }

  /**
   * The JDK's getMIC token (RFC 4121 §4.2.6.1) must verify with our context key: proves both
   * sides derived the same key and the JDK took our acceptor subkey (flag bit 2, §4.2.2).
   */
  static void assertJdkUsesOurContextKey(JdkInitiator init, ApEstablished est) throws Exception {
    byte[] msg = "the same key on both sides".getBytes(StandardCharsets.UTF_8);
    byte[] mic = init.call(() -> init.context().getMIC(msg, 0, msg.length, new MessageProp(0, false)));
    assertThat(mic[0]).isEqualTo((byte) 0x04);
    assertThat(mic[1]).isEqualTo((byte) 0x04);
    assertThat((mic[2] & 0x04) != 0).isEqualTo(est.acceptorSubkey().isPresent());
    byte[] header = Arrays.copyOfRange(mic, 0, 16);
    byte[] data = new byte[msg.length + 16];
    System.arraycopy(msg, 0, data, 0, msg.length);
    System.arraycopy(header, 0, data, msg.length, 16);
    byte[] expected = CryptoProfiles.of(est.contextKey().encType()).orElseThrow()
        .checksum(est.contextKey(), 25, data, 0, data.length);
    assertThat(Arrays.copyOfRange(mic, 16, mic.length)).isEqualTo(expected);
    long seq = 0;
    for (int i = 8; i < 16; i++) {
      seq = (seq << 8) | (mic[i] & 0xff);
    }
    assertThat(seq).isEqualTo(est.initiatorSequence());
  }
}
