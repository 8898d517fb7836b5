package dev.krb5gss.name;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrincipalNameTest {
  @Test
  void parsesServiceNamesWithRealm() {
    PrincipalName p = PrincipalName.parse("HTTP/web.example.com@EXAMPLE.COM", "OTHER");
    assertThat(p.components()).containsExactly("HTTP", "web.example.com");
    assertThat(p.realm()).isEqualTo("EXAMPLE.COM");
    assertThat(p.nameType()).isEqualTo(PrincipalName.NT_SRV_HST);
    assertThat(p).hasToString("HTTP/web.example.com@EXAMPLE.COM");
  }

  @Test
  void appliesTheDefaultRealmAndKeepsEscapes() {
    PrincipalName p = PrincipalName.parse("we\\/ird\\@user", "EXAMPLE.COM");
    assertThat(p.components()).containsExactly("we/ird@user");
    assertThat(p).hasToString("we\\/ird\\@user@EXAMPLE.COM");
    assertThat(PrincipalName.parse(p.toString(), null)).isEqualTo(p);
  }

  @Test
  void textFormsEscapeOnlyWhatNeedsIt() {
    PrincipalName plain = PrincipalName.of(1, java.util.List.of("alice"), "R");
    assertThat(plain.nameWithoutRealm()).isEqualTo("alice");
    assertThat(plain).hasToString("alice@R");
    PrincipalName service = PrincipalName.of(2, java.util.List.of("HTTP", "h.example"), "EX.COM");
    assertThat(service.nameWithoutRealm()).isEqualTo("HTTP/h.example");
    assertThat(service).hasToString("HTTP/h.example@EX.COM");
    PrincipalName odd = PrincipalName.of(1, java.util.List.of("a\\b", "c/d@e"), "R@S");
    assertThat(odd.nameWithoutRealm()).isEqualTo("a\\\\b/c\\/d\\@e");
    assertThat(odd).hasToString("a\\\\b/c\\/d\\@e@R\\@S");
    assertThat(PrincipalName.parse(odd.toString(), null)).isEqualTo(odd);
    assertThat(PrincipalName.of(1, java.util.List.of("x"), "")).hasToString("x");
  }

  @Test
  void equalityIgnoresTheNameType() {
    assertThat(PrincipalName.of(1, List.of("HTTP", "h"), "R"))
        .isEqualTo(PrincipalName.of(3, List.of("HTTP", "h"), "R"));
  }

  @Test
  void rejectsEmptyComponents() {
    assertThatThrownBy(() -> PrincipalName.parse("HTTP//h@R", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty component");
  }
}
