package dev.krb5gss.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.ap.ApAcceptor;
import dev.krb5gss.ap.ApEstablished;
import dev.krb5gss.ap.ApPolicy;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.keytab.KeytabCache;
import dev.krb5gss.testkit.AesEnctype;
import dev.krb5gss.testkit.ForgedTicket;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.testkit.KeytabFile;
import dev.krb5gss.testkit.ForgeCrypto;
import dev.krb5gss.testkit.LongTermKey;
import dev.krb5gss.testkit.TicketForge;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.security.auth.Subject;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.MessageProp;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RFC 4121 §4.2 tokens across implementations, with the JDK's own krb5 mechanism as the peer:
 * the JDK initiator establishes a context with our {@link ApAcceptor} (our AP-REP with an acceptor
 * subkey), then JDK wrap → our unwrap, our wrap → JDK unwrap, MICs both ways, sealed and not.
 * Tickets for 17/18 come from the in-process Kerby KDC; for 17-20 from the kit's TicketForge
 * (Kerby's KDC cannot issue RFC 8009 tickets), presented by the JDK from a forged Subject.
 */
@ExtendWith(KdcExtension.class)
class JdkPerMessageInteropTest {
  private static final int[] SIZES = {0, 1, 15, 16, 17, 1024, 65536 + 3};

  @ParameterizedTest(name = "{0}, ticket from the Kerby KDC")
  @EnumSource(value = AesEnctype.class, names = {"AES128_CTS_HMAC_SHA1_96", "AES256_CTS_HMAC_SHA1_96"})
  void kdcTickets(AesEnctype enctype, KdcPrincipals names) throws Exception {
    String service = names.addService("msg" + enctype.id(), enctype);
    String user = names.addUser("mia" + enctype.id(), "pw-mia");
    Subject mia = names.kdc().login(user, "pw-mia");
    ApAcceptor acceptor = new ApAcceptor(KeytabCache.load(names.keytab(service)),
        ApPolicy.defaults());
    try (JdkInitiator init = JdkInitiator.to(names.hostbased("msg" + enctype.id())).start(mia)) {
      // The ticket is in the service's enctype; the KDC picks the session key's (aes256 first).
      ApEstablished est = exchange(init, acceptor);
      assertThat(est.ticketEncType().id()).isEqualTo(enctype.id());
    }
  }

  @ParameterizedTest(name = "{0}, forged ticket")
  @EnumSource(AesEnctype.class)
  void forgedTickets(AesEnctype enctype, KdcPrincipals names) throws Exception {
    String service = names.service("forgedmsg" + enctype.id());
    LongTermKey key = new LongTermKey(service, enctype, 3,
        ForgeCrypto.ours().randomKey(enctype));
    TicketForge forge = TicketForge.forService(key).withCrypto(ForgeCrypto.ours());
    ForgedTicket ticket = forge.ticket().client(names.user("noa" + enctype.id())).build();
    Path keytab = KeytabFile.write(names.kdc().workDir().resolve(
        names.tag() + "-msg" + enctype.id() + ".keytab"), List.of(key));
    ApAcceptor acceptor = new ApAcceptor(KeytabCache.load(keytab), ApPolicy.defaults());
    try (JdkInitiator init = JdkInitiator.to(names.hostbased("forgedmsg" + enctype.id()))
        .start(forge.forgedInitiatorSubject(ticket))) {
      ApEstablished est = exchange(init, acceptor);
      assertThat(est.ticketEncType().id()).isEqualTo(enctype.id());
      assertThat(est.sessionKey().encType().id()).isEqualTo(enctype.id());
      assertThat(est.contextKey().encType().id()).isEqualTo(enctype.id());
    }
  }

  private static ApEstablished exchange(JdkInitiator init, ApAcceptor acceptor)
      throws Exception {
    ApEstablished est = acceptor.accept(init.firstToken(), null);
    assertThat(est.acceptorSubkey()).isPresent();
    init.complete(est.outputToken());
    assertThat(init.isEstablished()).isTrue();
    MessageProtection ours = MessageProtection.forAcceptor(est);
    GSSContext jdk = init.context();
    for (int size : SIZES) {
      byte[] msg = message(size);
      for (boolean conf : new boolean[] {true, false}) {
        byte[] fromJdk = init.call(() -> jdk.wrap(msg, 0, msg.length, new MessageProp(0, conf)));
        Unwrapped u = ours.unwrap(fromJdk, 0, fromJdk.length);
        assertThat(u.data()).as("JDK wrap -> our unwrap, %d bytes, conf %s", size, conf)
            .isEqualTo(msg);
        assertThat(u.confidential()).isEqualTo(conf);
        assertThat(u.supplementary()).isEqualTo(Supplementary.NONE);

        byte[] fromUs = ours.wrap(msg, 0, msg.length, conf);
        MessageProp prop = new MessageProp(0, !conf);
        byte[] back = init.call(() -> jdk.unwrap(fromUs, 0, fromUs.length, prop));
        assertThat(back).as("our wrap -> JDK unwrap, %d bytes, conf %s", size, conf)
            .isEqualTo(msg);
        assertThat(prop.getPrivacy()).isEqualTo(conf);
        assertThat(prop.isDuplicateToken() || prop.isOldToken() || prop.isUnseqToken()
            || prop.isGapToken()).isFalse();
      }
      byte[] jdkMic = init.call(() -> jdk.getMIC(msg, 0, msg.length, new MessageProp(0, false)));
      assertThat(ours.verifyMic(jdkMic, msg, 0, msg.length).supplementary())
          .isEqualTo(Supplementary.NONE);
      byte[] ourMic = ours.getMic(msg, 0, msg.length);
      MessageProp micProp = new MessageProp(0, false);
      init.call(() -> {
        jdk.verifyMIC(ourMic, 0, ourMic.length, msg, 0, msg.length, micProp);
        return null;
      });
      assertThat(micProp.isDuplicateToken() || micProp.isGapToken()).isFalse();
    }
    replaysAreCaughtOnBothSides(init, ours);
    tamperedTokensFailOnBothSides(init, ours);
    return est;
  }

  private static void replaysAreCaughtOnBothSides(JdkInitiator init, MessageProtection ours)
      throws Exception {
    GSSContext jdk = init.context();
    byte[] msg = message(100);
    byte[] fromJdk = init.call(() -> jdk.wrap(msg, 0, msg.length, new MessageProp(0, true)));
    ours.unwrap(fromJdk, 0, fromJdk.length);
    assertThatThrownBy(() -> ours.unwrap(fromJdk, 0, fromJdk.length))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.DUPLICATE_TOKEN));
    byte[] fromUs = ours.wrap(msg, 0, msg.length, true);
    init.call(() -> jdk.unwrap(fromUs, 0, fromUs.length, new MessageProp(0, true)));
    MessageProp again = new MessageProp(0, true);
    init.call(() -> jdk.unwrap(fromUs, 0, fromUs.length, again));
    assertThat(again.isDuplicateToken()).as("the JDK sees our replayed token as a duplicate")
        .isTrue();
  }

  private static void tamperedTokensFailOnBothSides(JdkInitiator init, MessageProtection ours)
      throws Exception {
    GSSContext jdk = init.context();
    byte[] msg = message(64);
    byte[] fromJdk = init.call(() -> jdk.wrap(msg, 0, msg.length, new MessageProp(0, true)));
    byte[] bad = fromJdk.clone();
    bad[bad.length - 1] ^= 1;
    assertThatThrownBy(() -> ours.unwrap(bad, 0, bad.length))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.BAD_MIC));
    assertThat(ours.unwrap(fromJdk, 0, fromJdk.length).data()).isEqualTo(msg);
    byte[] fromUs = ours.wrap(msg, 0, msg.length, true);
    byte[] tampered = Arrays.copyOf(fromUs, fromUs.length);
    tampered[20] ^= 1;
    // The JDK reports a failed decryption checksum as FAILURE rather than BAD_MIC.
    assertThatThrownBy(() -> init.call(() -> jdk.unwrap(tampered, 0, tampered.length,
        new MessageProp(0, true)))).isInstanceOfSatisfying(GSSException.class,
            e -> assertThat(e.getMajor()).isIn(GSSException.BAD_MIC, GSSException.FAILURE));
  }

  private static byte[] message(int size) {
    byte[] m = new byte[size];
    for (int i = 0; i < size; i++) {
      m[i] = (byte) (i * 31 + 7);
    }
    return m;
  }
}
