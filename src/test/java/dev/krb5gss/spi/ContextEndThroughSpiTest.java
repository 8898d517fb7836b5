package dev.krb5gss.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.context.Acceptor;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.crypto.SecretBytes;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedGssException;
import dev.krb5gss.keytab.ServiceKey;
import dev.krb5gss.keytab.ServiceKeyTable;
import dev.krb5gss.name.PrincipalName;
import dev.krb5gss.testkit.AesEnctype;
import dev.krb5gss.testkit.ForgeCrypto;
import dev.krb5gss.testkit.LongTermKey;
import dev.krb5gss.testkit.MutableClock;
import dev.krb5gss.testkit.TicketForge;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.MessageProp;
import org.junit.jupiter.api.Test;

/**
 * One owner of context state: the JDK adapter asks {@link dev.krb5gss.context.ServerContext} for
 * per-message protection on every call, so the ticket's end time (RFC 4120 §5.3 endtime, the
 * context lifetime of RFC 2743 §2.2.2) ends wrap/unwrap/getMIC/verifyMIC even after they worked.
 */
class ContextEndThroughSpiTest {
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private static final Duration TICKET_LIFE = Duration.ofMinutes(10);

  @Test
  void perMessageCallsAreRefusedOnceTheTicketHasEnded() throws Exception {
    LongTermKey key = new LongTermKey("HTTP/www.forge.test@FORGE.TEST",
        AesEnctype.AES256_CTS_HMAC_SHA1_96, 3,
        ForgeCrypto.kerby().randomKey(AesEnctype.AES256_CTS_HMAC_SHA1_96));
    MutableClock clock = new MutableClock(NOW);
    Acceptor acceptor = Acceptor.builder().clock(clock).keys(ServiceKeyTable.of(List.of(
        new ServiceKey(PrincipalName.parse(key.principal(), ""), key.kvno(),
            EncType.of(key.enctype().id()), SecretBytes.copyOf(key.keyBytes()))))).build();
    TicketForge forge = TicketForge.forService(key).withClock(Clock.fixed(NOW, ZoneOffset.UTC));
    byte[] framed = forge.apReq(forge.ticket().client("alice@FORGE.TEST")
        .endTime(NOW.plus(TICKET_LIFE)).build()).build().gssToken();
    byte[] inner = dev.krb5gss.gss.GssFraming.parse(framed).inner();

    ServerContextSpi spi = new ServerContextSpi(dev.krb5gss.gss.MechOids.Jgss.KRB5, acceptor);
    spi.acceptSecContext(new ByteArrayInputStream(inner), inner.length);
    assertThat(spi.isEstablished()).isTrue();
    byte[] wrapped = spi.wrap(new byte[] {1, 2, 3}, 0, 3, new MessageProp(true));
    byte[] mic = spi.getMIC(new byte[] {1}, 0, 1, new MessageProp(true));

    clock.advance(TICKET_LIFE.plusSeconds(1));
    assertExpired(() -> spi.wrap(new byte[] {1, 2, 3}, 0, 3, new MessageProp(true)));
    assertExpired(() -> spi.unwrap(wrapped, 0, wrapped.length, new MessageProp(true)));
    assertExpired(() -> spi.getMIC(new byte[] {1}, 0, 1, new MessageProp(true)));
    assertExpired(() -> spi.verifyMIC(mic, 0, mic.length, new byte[] {1}, 0, 1,
        new MessageProp(true)));
    assertThat(spi.getLifetime()).isZero();
  }

  private static void assertExpired(ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(RejectedGssException.class, e -> {
      assertThat(e.getMajor()).isEqualTo(GSSException.CONTEXT_EXPIRED);
      assertThat(e.reason()).isEqualTo(Reason.CONTEXT_EXPIRED);
    });
  }
}
