package dev.krb5gss.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.keytab.ServiceKeyTable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The builder rejects contradictory settings and acceptors without keys. */
class AcceptorBuilderTest {
  static List<UnaryOperator<Acceptor.Builder>> contradictions() {
    return List.of(
        b -> b.legTimeout(Duration.ZERO),
        b -> b.legTimeout(Duration.ofMinutes(11)),
        b -> b.maxSkew(Duration.ofSeconds(-1)),
        b -> b.maxSkew(Duration.ofHours(2)),
        b -> b.maxPending(0),
        b -> b.maxPending(10).maxPendingPerKey(11),
        b -> b.maxPendingPerKey(0),
        b -> b.mechanisms(Negotiated.SPNEGO),
        b -> b.mechanisms(),
        b -> b.maxTokenSize(10));
  }

  @ParameterizedTest
  @MethodSource("contradictions")
  void contradictorySettingsAreRejected(UnaryOperator<Acceptor.Builder> setting) {
    Acceptor.Builder b = setting.apply(Acceptor.builder().keys(Tokens.randomKeys()));
    assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noKeySourceIsRejected() {
    assertThatThrownBy(() -> Acceptor.builder().build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void emptyKeysAreNoCredentials() {
    assertThatThrownBy(() -> Acceptor.builder().keys(ServiceKeyTable.of(List.of())).build())
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NO_CREDENTIALS));
  }

  @Test
  void missingKeytabIsNoCredentials() {
    assertThatThrownBy(() -> Acceptor.builder().keytab(Path.of("/nonexistent/krb5.keytab")).build())
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NO_CREDENTIALS));
  }

  @Test
  void defaultsAreTheDocumentedOnes() throws RejectedException {
    Acceptor a = Acceptor.builder().keys(Tokens.randomKeys()).build();
    assertThat(a.legTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(a.mechanisms()).containsExactly(Negotiated.KRB5, Negotiated.MS_KRB5,
        Negotiated.SPNEGO);
  }
}
