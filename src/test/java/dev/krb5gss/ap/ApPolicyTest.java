package dev.krb5gss.ap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.crypto.EnctypePolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The policy builder rejects contradictions; there is no "0 = off" for the skew. */
class ApPolicyTest {

  @Test
  void defaults() {
    ApPolicy p = ApPolicy.defaults();
    assertThat(p.maxSkew()).isEqualTo(Duration.ofMinutes(5));
    assertThat(p.maxTokenSize()).isEqualTo(64 * 1024);
    assertThat(p.enctypes().permitted()).isEqualTo(EnctypePolicy.defaults().permitted());
    assertThat(p.requireChannelBindings()).isFalse();
    assertThat(p.replayCache()).isNotNull();
  }

  @Test
  void aZeroOrNegativeSkewIsRefused() {
    assertThatThrownBy(() -> ApPolicy.builder().maxSkew(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be turned off");
    assertThatThrownBy(() -> ApPolicy.builder().maxSkew(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
  }

  @Test
  void aSkewOverAnHourIsRefused() {
    assertThatThrownBy(() -> ApPolicy.builder().maxSkew(Duration.ofMinutes(61)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT1H");
  }

  @Test
  void absurdTokenSizesAreRefused() {
    assertThatThrownBy(() -> ApPolicy.builder().maxTokenSize(10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10");
    assertThatThrownBy(() -> ApPolicy.builder().maxTokenSize(Integer.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eachPolicyGetsItsOwnReplayCache() {
    assertThat(ApPolicy.defaults().replayCache())
        .isNotSameAs(ApPolicy.defaults().replayCache());
  }
}
