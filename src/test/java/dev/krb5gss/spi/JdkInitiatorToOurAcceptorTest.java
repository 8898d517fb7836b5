package dev.krb5gss.spi;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.security.jgss.ExtendedGSSContext;
import com.sun.security.jgss.InquireType;
import dev.krb5gss.Krb5GssProvider;
import dev.krb5gss.testkit.GssOids;
import dev.krb5gss.testkit.JaasLogins;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.util.stream.Stream;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.EncryptionKey;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.MessageProp;
import org.ietf.jgss.Oid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JDK's initiator (Kerberos and SPNEGO) against an unmodified server using
 * GSSManager.getInstance() with krb5gss first: establishment, names, flags, per-message tokens
 * both ways, inquiries. (Delegation: {@link DelegatedCredentialTest}.)
 */
@ExtendWith(KdcExtension.class)
class JdkInitiatorToOurAcceptorTest {
  private static final byte[] HELLO = "hello from the client".getBytes(StandardCharsets.UTF_8);
  private static final byte[] REPLY = "and back from the server".getBytes(StandardCharsets.UTF_8);

  @BeforeAll
  static void install() {
    Krb5GssProvider.install();
  }

  @AfterAll
  static void uninstall() {
    Krb5GssProvider.uninstall();
  }

  static Stream<Oid> mechs() {
    return Stream.of(GssOids.KRB5, GssOids.SPNEGO);
  }

  @ParameterizedTest
  @MethodSource("mechs")
  void establishesWithTheRightNamesFlagsAndMutualAuth(Oid mech, KdcPrincipals names)
      throws Exception {
    String service = names.addService("HTTP" + mech.toString().length());
    String user = names.addUser("alice" + mech.toString().length(), "pw");
    Subject alice = names.kdc().login(user, "pw");
    GssServer server = GssServer.create(JaasLogins.acceptor(names.keytab(service), service));

    try (JdkInitiator init = JdkInitiator.to(names.hostbased("HTTP" + mech.toString().length()))
        .mech(mech).start(alice)) {
      byte[] reply = server.accept(init.firstToken());
      assertThat(init.complete(reply)).isNull();

      GSSContext ctx = server.context;
      assertThat(ctx.isEstablished()).isTrue();
      assertThat(init.isEstablished()).isTrue();
      assertThat(init.getMutualAuthState()).isTrue();
      assertThat(ctx.getSrcName().toString()).isEqualTo(user);
      assertThat(ctx.getTargName().toString()).isEqualTo(service);
      assertThat(ctx.getMech()).isEqualTo(GssOids.KRB5);
      assertThat(ctx.getMutualAuthState()).isTrue();
      assertThat(ctx.getConfState()).isTrue();
      assertThat(ctx.getIntegState()).isTrue();
      assertThat(ctx.getReplayDetState()).isTrue();
      assertThat(ctx.getSequenceDetState()).isTrue();
      assertThat(ctx.getCredDelegState()).isFalse();
      assertThat(ctx.isInitiator()).isFalse();
      assertThat(ctx.getLifetime()).isBetween(3600, 8 * 3600);
      assertThat(ctx.getDelegCred()).isNull();

      perMessageBothWays(init, server);
      inquiriesMatchTheInitiatorsView(init, server);
    }
  }

  private static void perMessageBothWays(JdkInitiator init, GssServer server) throws Exception {
    GSSContext client = init.context();
    GSSContext ours = server.context;
    MessageProp conf = new MessageProp(0, true);
    byte[] wrapped = init.call(() -> client.wrap(HELLO, 0, HELLO.length, conf));
    MessageProp in = new MessageProp(0, false);
    assertThat(server.call(() -> ours.unwrap(wrapped, 0, wrapped.length, in))).isEqualTo(HELLO);
    assertThat(in.getPrivacy()).isTrue();

    byte[] back = server.call(() -> ours.wrap(REPLY, 0, REPLY.length, new MessageProp(0, true)));
    assertThat(init.call(() -> client.unwrap(back, 0, back.length, new MessageProp(0, false))))
        .isEqualTo(REPLY);

    byte[] mic = init.call(() -> client.getMIC(HELLO, 0, HELLO.length, new MessageProp(0, false)));
    server.call(() -> {
      ours.verifyMIC(mic, 0, mic.length, HELLO, 0, HELLO.length, new MessageProp(0, false));
      return null;
    });
    byte[] ourMic = server.call(() -> ours.getMIC(REPLY, 0, REPLY.length, new MessageProp(0, false)));
    init.call(() -> {
      client.verifyMIC(ourMic, 0, ourMic.length, REPLY, 0, REPLY.length, new MessageProp(0, false));
      return null;
    });
    assertThat(ours.getWrapSizeLimit(0, true, 4096)).isBetween(4000, 4096);
  }

  private static void inquiriesMatchTheInitiatorsView(JdkInitiator init, GssServer server)
      throws Exception {
    ExtendedGSSContext ours = (ExtendedGSSContext) server.context;
    ExtendedGSSContext client = (ExtendedGSSContext) init.context();
    Key key = (Key) ours.inquireSecContext(InquireType.KRB5_GET_SESSION_KEY);
    Key theirs = init.call(() -> (Key) client.inquireSecContext(InquireType.KRB5_GET_SESSION_KEY));
    assertThat(key.getEncoded()).isEqualTo(theirs.getEncoded());
    assertThat(key.getAlgorithm()).isEqualTo(theirs.getAlgorithm());
    EncryptionKey ex = (EncryptionKey) ours.inquireSecContext(InquireType.KRB5_GET_SESSION_KEY_EX);
    assertThat(ex.getEncoded()).isEqualTo(theirs.getEncoded());
    assertThat(ours.inquireSecContext(InquireType.KRB5_GET_AUTHTIME)).isEqualTo(
        init.call(() -> client.inquireSecContext(InquireType.KRB5_GET_AUTHTIME)));
    assertThat(ours.inquireSecContext(InquireType.KRB5_GET_AUTHZ_DATA)).isNull();
  }
}
