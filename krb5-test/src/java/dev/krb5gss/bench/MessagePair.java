package dev.krb5gss.bench;

import dev.krb5gss.ap.ApAcceptor;
import dev.krb5gss.ap.ApEstablished;
import dev.krb5gss.ap.ApPolicy;
import dev.krb5gss.ap.ContextFlag;
import dev.krb5gss.keytab.KeytabCache;
import dev.krb5gss.testkit.AesEnctype;
import dev.krb5gss.testkit.ForgeCrypto;
import dev.krb5gss.testkit.ForgedTicket;
import dev.krb5gss.testkit.JdkAcceptor;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KeytabFile;
import dev.krb5gss.testkit.LongTermKey;
import dev.krb5gss.testkit.TicketForge;
import dev.krb5gss.token.MessageProtection;
import dev.krb5gss.token.Unwrapped;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.MessageProp;

/**
 * Two established context pairs over one and the same context key, for comparing per-message
 * token throughput (RFC 4121 §4.2): the JDK initiator's AP-REQ (forged ticket, no mutual
 * authentication, so the context key is the initiator's subkey) is accepted both by the JDK's
 * acceptor and by ours. "ours" = our initiator-side and acceptor-side {@link MessageProtection}
 * on that key; "jdk" = the JDK's initiator and acceptor contexts. No KDC is contacted.
 */
final class MessagePair implements AutoCloseable {
  static final String REALM = "BENCH.KRB5GSS";
  static final String SERVICE = "bench/localhost@" + REALM;

  final MessageProtection oursInitiator;
  final MessageProtection oursAcceptor;
  final GSSContext jdkInitiator;
  final GSSContext jdkAcceptor;
  private final JdkInitiator init;
  private final JdkAcceptor acceptor;

  private MessagePair(MessageProtection oursInitiator, MessageProtection oursAcceptor,
      JdkInitiator init, JdkAcceptor acceptor) {
    this.oursInitiator = oursInitiator;
    this.oursAcceptor = oursAcceptor;
    this.init = init;
    this.acceptor = acceptor;
    this.jdkInitiator = init.context();
    this.jdkAcceptor = acceptor.context();
  }

  static MessagePair create(int enctypeId) throws Exception {
    Path dir = Files.createTempDirectory("krb5gss-bench");
    configureJdk(dir);
    AesEnctype enctype = AesEnctype.of(enctypeId);
    LongTermKey key = new LongTermKey(SERVICE, enctype, 1, ForgeCrypto.ours().randomKey(enctype));
    TicketForge forge = TicketForge.forService(key).withCrypto(ForgeCrypto.ours());
    ForgedTicket ticket = forge.ticket().client("bencher@" + REALM).build();
    Path keytab = KeytabFile.write(dir.resolve("bench.keytab"), List.of(key));
    JdkInitiator init = JdkInitiator.toPrincipal(SERVICE).mutual(false)
        .start(forge.forgedInitiatorSubject(ticket));
    byte[] apReq = init.firstToken();
    JdkAcceptor jdkAcceptor = JdkAcceptor.fromKeytab(keytab, SERVICE);
    jdkAcceptor.accept(apReq);
    ApEstablished est = new ApAcceptor(KeytabCache.load(keytab), ApPolicy.defaults())
        .accept(apReq, null);
    boolean replay = est.has(ContextFlag.REPLAY);
    boolean sequence = est.has(ContextFlag.SEQUENCE);
    MessageProtection oursInit = MessageProtection.initiator(est.contextKey(), false,
        est.initiatorSequence(), est.acceptorSequence(), replay, sequence);
    MessagePair pair = new MessagePair(oursInit, MessageProtection.forAcceptor(est), init,
        jdkAcceptor);
    pair.checkSameKeys();
    return pair;
  }

  /** The JDK's wrap must unwrap with ours, and ours with the JDK's: proof of the same key. */
  private void checkSameKeys() throws Exception {
    byte[] probe = "same key on every side".getBytes(StandardCharsets.UTF_8);
    byte[] t = jdkInitiator.wrap(probe, 0, probe.length, new MessageProp(0, true));
    Unwrapped u = oursAcceptor.unwrap(t, 0, t.length);
    byte[] back = oursInitiator.wrap(probe, 0, probe.length, true);
    byte[] jdkBack = jdkAcceptor.unwrap(back, 0, back.length, new MessageProp(0, true));
    if (!Arrays.equals(u.data(), probe) || !Arrays.equals(jdkBack, probe)) {
      throw new IllegalStateException("the JDK and our contexts do not share the key");
    }
  }

  private static void configureJdk(Path dir) throws Exception {
    Path conf = dir.resolve("krb5.conf");
    Files.writeString(conf, String.join("\n",
        "[libdefaults]",
        "    default_realm = " + REALM,
        "    dns_lookup_kdc = false",
        "    dns_lookup_realm = false",
        "    permitted_enctypes = aes256-cts-hmac-sha384-192 aes128-cts-hmac-sha256-128"
            + " aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96",
        "[realms]",
        "    " + REALM + " = {",
        "        kdc = 127.0.0.1:1",
        "    }",
        ""));
    System.setProperty("java.security.krb5.conf", conf.toString());
  }

  @Override
  public void close() throws Exception {
    init.close();
    acceptor.close();
  }
}
