package dev.krb5gss.name;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PrincipalPatternTest {
  @ParameterizedTest(name = "{0} (default realm {1}) vs {2} -> {3}")
  @CsvSource({
      "*, , HTTP/a.example.com@EXAMPLE.COM, true",
      "HTTP/*@EXAMPLE.COM, , HTTP/a.example.com@EXAMPLE.COM, true",
      "HTTP/*@EXAMPLE.COM, , HTTP/a.example.com@OTHER.COM, false",
      "HTTP/*@EXAMPLE.COM, , host/a.example.com@EXAMPLE.COM, false",
      "HTTP/*, EXAMPLE.COM, HTTP/a.example.com@EXAMPLE.COM, true",
      "HTTP/*, EXAMPLE.COM, HTTP/a.example.com@OTHER.COM, false",
      "HTTP/*, , HTTP/a.example.com@OTHER.COM, true",
      "*/a.example.com@EXAMPLE.COM, , imap/a.example.com@EXAMPLE.COM, true",
      "http/*@EXAMPLE.COM, , HTTP/a.example.com@EXAMPLE.COM, false",
      "HTTP/a.example.com@EXAMPLE.COM, , HTTP/a.example.com@EXAMPLE.COM, true",
      "HTTP/a.example.com@EXAMPLE.COM, , HTTP/aXexample.com@EXAMPLE.COM, false",
  })
  void matches(String pattern, String realm, String name, boolean expected) {
    assertThat(PrincipalPattern.compile(pattern, realm).matches(PrincipalName.parse(name, null)))
        .isEqualTo(expected);
  }

  @Test
  void showsTheDefaultRealmItApplied() {
    assertThat(PrincipalPattern.compile("HTTP/*", "EXAMPLE.COM")).hasToString("HTTP/*@EXAMPLE.COM");
  }

  @Test
  void emptyPatternIsRefused() {
    assertThatThrownBy(() -> PrincipalPattern.compile(" ", null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
