package dev.krb5gss.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.context.Acceptor;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import javax.net.ssl.SSLContext;
import javax.security.auth.Subject;
import org.ietf.jgss.ChannelBinding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Extended Protection over HTTPS: a client that puts the RFC 5929 tls-server-end-point binding of
 * the server's certificate in its authenticator (RFC 4121 §4.1.1.2) is checked against the
 * certificate the server presented; a client that sends none is not (as Windows' default).
 */
@ExtendWith(KdcExtension.class)
public abstract class TlsBindingContract {
  protected static KdcPrincipals names;
  protected static Subject alice;
  protected static Path keytab;
  protected static Path keyStore;

  protected LogCapture log;
  private SSLContext trust;
  protected int port;

  /** Starts an HTTPS server with {@code keyStore}'s key and the native adapter on {@code handler}. */
  protected abstract int start(NegotiateHandler handler, Path keyStore) throws Exception;

  protected abstract void stop() throws Exception;

  protected static void setUpRealm(KdcPrincipals principals) throws Exception {
    names = principals;
    keytab = names.keytab(names.addService("HTTP"));
    alice = names.kdc().login(names.addUser("alice", "pw"), "pw");
    Path dir = Files.createTempDirectory("tls");
    keyStore = TestCertificates.keyStore(dir, "server", "RSA", "SHA384withRSA");
  }

  @BeforeEach
  void startServer() throws Exception {
    log = LogCapture.of(FailureLog.LOGGER, Level.ALL);
    trust = TestCertificates.trusting(keyStore);
    port = start(NegotiateHandler.builder(Acceptor.builder().keytab(keytab).build())
        .roles(RoleMapper.fixed("users")).build(), keyStore);
  }

  @AfterEach
  void stopServer() throws Exception {
    stop();
    log.close();
  }

  protected RawHttp.Response getWith(ChannelBinding binding) throws Exception {
    JdkInitiator.Options options = JdkInitiator.to(names.hostbased("HTTP")).spnego();
    if (binding != null) {
      options.channelBinding(binding);
    }
    try (JdkInitiator init = options.start(alice); RawHttp http = RawHttp.connectTls(trust, port)) {
      return http.get("/who", NegotiateAdapterContract.negotiate(init.firstToken()));
    }
  }

  protected static ChannelBinding endPoint(byte[] hash) {
    byte[] prefix = TlsServerEndPoint.PREFIX.getBytes(StandardCharsets.US_ASCII);
    byte[] data = new byte[prefix.length + hash.length];
    System.arraycopy(prefix, 0, data, 0, prefix.length);
    System.arraycopy(hash, 0, data, prefix.length, hash.length);
    return new ChannelBinding(data);
  }

  @Test
  void theBindingOfThisServersCertificateIsAccepted() throws Exception {
    // The server's certificate is signed with SHA384withRSA: RFC 5929 §4.1 says SHA-384.
    byte[] hash = java.security.MessageDigest.getInstance("SHA-384")
        .digest(TestCertificates.certificate(keyStore).getEncoded());

    RawHttp.Response r = getWith(endPoint(hash));

    assertThat(r.status).isEqualTo(200);
    assertThat(log.messages()).isEmpty();
  }

  @Test
  void aBindingOfAnotherCertificateIs403() throws Exception {
    RawHttp.Response r = getWith(endPoint(new byte[48]));

    assertThat(r.status).isEqualTo(403);
    assertThat(log.messages()).singleElement().asString().contains("CHANNEL_BINDING_MISMATCH");
  }

  @Test
  void aClientWithoutBindingsIsNotChecked() throws Exception {
    assertThat(getWith(null).status).isEqualTo(200);
  }
}
