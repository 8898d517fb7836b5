package dev.krb5gss.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.security.core.SpringSecurityCoreVersion;

/** Each Spring surefire execution runs on the Boot it claims to (3.5 or 4.0). */
@Tag("spring")
class SpringVersionTest {
  @Test
  void theClassPathHoldsTheExpectedSpringBoot() {
    String expected = System.getProperty("krb5gss.expectedSpringBoot", "4.0");
    assertThat(SpringBootVersion.getVersion()).startsWith(expected);
    assertThat(SpringSecurityCoreVersion.getVersion()).startsWith(expected.startsWith("3") ? "6.5" : "7.");
  }
}
