package dev.krb5gss.name;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

  /** The concatenated text of the usual names is the escaping builder's, byte for byte. */
  @ParameterizedTest
  @MethodSource("names")
  void theDirectTextIsTheEscapedText(List<String> components, String realm, String text) {
    PrincipalName p = PrincipalName.of(1, components, realm);
    assertThat(p.toString()).isEqualTo(text).isEqualTo(p.escaped());
    assertThat(p.toString()).isSameAs(p.toString());
  }

  static Stream<Arguments> names() {
    return Stream.of(
        Arguments.of(List.of("alice"), "EXAMPLE.COM", "alice@EXAMPLE.COM"),
        Arguments.of(List.of("HTTP", "web.example.com"), "EXAMPLE.COM",
            "HTTP/web.example.com@EXAMPLE.COM"),
        Arguments.of(List.of("a", "b", "c"), "R", "a/b/c@R"),
        Arguments.of(List.of("alice"), "", "alice"),
        Arguments.of(List.of("HTTP", "h"), "", "HTTP/h"),
        Arguments.of(List.of("we/ird"), "R", "we\\/ird@R"),
        Arguments.of(List.of("a@b"), "R", "a\\@b@R"),
        Arguments.of(List.of("back\\slash"), "R", "back\\\\slash@R"),
        Arguments.of(List.of("HTTP", "h/x"), "R", "HTTP/h\\/x@R"),
        Arguments.of(List.of("h@x", "HTTP"), "R", "h\\@x/HTTP@R"),
        Arguments.of(List.of("alice"), "R@S", "alice@R\\@S"),
        Arguments.of(List.of("alice"), "A/B", "alice@A\\/B"),
        Arguments.of(List.of("j\u00f6rg"), "EXAMPLE.COM", "j\u00f6rg@EXAMPLE.COM"),
        Arguments.of(List.of("\u0441\u0435\u0440\u0432\u0438\u0441", "h"), "\u0420.RU",
            "\u0441\u0435\u0440\u0432\u0438\u0441/h@\u0420.RU"));
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
