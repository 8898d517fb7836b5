package dev.krb5gss.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.ap.ChannelBindings;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.ietf.jgss.ChannelBinding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Damaged real tokens only ever give a {@link RejectedException} (a failed context) or, where the
 * damage hits bytes nothing authenticates, a result; never another exception. Channel bindings
 * set on the context are checked against the client's.
 */
@ExtendWith(KdcExtension.class)
class AcceptorRobustnessTest {
  private static KdcFixture kdc;
  private static Acceptor acceptor;
  private static byte[] spnegoToken;

  @BeforeAll
  static void realm(KdcPrincipals names) throws Exception {
    kdc = new KdcFixture(names, "HTTP");
    acceptor = kdc.acceptor().build();
    try (JdkInitiator init = kdc.spnego()) {
      spnegoToken = init.firstToken();
    }
  }

  private static void acceptOrReject(byte[] token) {
    ServerContext ctx = acceptor.newContext();
    try {
      ctx.accept(token);
      assertThat(ctx.state()).isIn(ContextState.ESTABLISHED, ContextState.AWAITING_NEXT_LEG);
    } catch (RejectedException e) {
      assertThat(ctx.state()).isEqualTo(ContextState.FAILED);
    }
  }

  @Test
  void everyTruncationIsRejected() {
    for (int len = 1; len < spnegoToken.length; len++) {
      byte[] cut = Arrays.copyOf(spnegoToken, len);
      assertThatThrownBy(() -> acceptor.newContext().accept(cut))
          .isInstanceOf(RejectedException.class);
    }
  }

  @Test
  void everyByteFlipIsRejectedOrHarmless() {
    for (int i = 0; i < spnegoToken.length; i++) {
      byte[] flipped = spnegoToken.clone();
      flipped[i] ^= 0x5a;
      acceptOrReject(flipped);
    }
  }

  @Test
  void matchingChannelBindingsComplete() throws Exception {
    byte[] app = "tls-server-end-point:0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    try (JdkInitiator init = JdkInitiator.to(kdc.names.hostbased("HTTP"))
        .channelBinding(new ChannelBinding(app)).spnego().start(kdc.client)) {
      ServerContext ctx = acceptor.newContext(ChannelBindings.ofApplicationData(app));
      assertThat(ctx.accept(init.firstToken()).status()).isEqualTo(AcceptStatus.COMPLETE);
    }
  }

  @Test
  void otherChannelBindingsAreRejected() throws Exception {
    byte[] app = "tls-server-end-point:0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    byte[] other = "tls-server-end-point:fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    try (JdkInitiator init = JdkInitiator.to(kdc.names.hostbased("HTTP"))
        .channelBinding(new ChannelBinding(app)).spnego().start(kdc.client)) {
      ServerContext ctx = acceptor.newContext(ChannelBindings.ofApplicationData(other));
      assertThatThrownBy(() -> ctx.accept(init.firstToken()))
          .isInstanceOfSatisfying(RejectedException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.CHANNEL_BINDING_MISMATCH));
      assertThat(ctx.state()).isEqualTo(ContextState.FAILED);
    }
  }
}
