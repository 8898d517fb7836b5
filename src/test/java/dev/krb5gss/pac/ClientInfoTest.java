package dev.krb5gss.pac;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.error.RejectedException;
import dev.krb5gss.name.PrincipalName;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PAC_CLIENT_INFO's name against the ticket's client (MS-PAC §2.7): the forms KDCs write. */
class ClientInfoTest {
  private static final Instant AUTH = Instant.parse("2026-11-26T12:00:00Z");
  private static final PrincipalName ENTERPRISE =
      PrincipalName.of(10, List.of("alice@example.com"), "EXAMPLE.COM");
  private static final PrincipalName HOST =
      PrincipalName.of(2, List.of("host", "ws1.example.com"), "EXAMPLE.COM");

  @ParameterizedTest
  @ValueSource(strings = {"alice@example.com", "ALICE@EXAMPLE.COM", "alice\\@example.com",
      "alice@example.com@EXAMPLE.COM", "alice\\@example.com@EXAMPLE.COM"})
  void anEnterpriseNameMatchesInTheFormsKdcsWrite(String pacName) {
    assertThatCode(() -> new ClientInfo(AUTH, pacName).check(ENTERPRISE, AUTH))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"host/ws1.example.com", "HOST/WS1.EXAMPLE.COM",
      "host/ws1.example.com@EXAMPLE.COM"})
  void aMultiComponentNameMatches(String pacName) {
    assertThatCode(() -> new ClientInfo(AUTH, pacName).check(HOST, AUTH))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"alice", "alice@example.co", "alice@example.com@OTHER.COM",
      "alice@example.com ", "bob@example.com", ""})
  void otherNamesDoNotMatch(String pacName) {
    assertThatThrownBy(() -> new ClientInfo(AUTH, pacName).check(ENTERPRISE, AUTH))
        .isInstanceOf(RejectedException.class)
        .hasMessageContaining("PAC check CLIENT_INFO failed");
  }

  @ParameterizedTest
  @ValueSource(longs = {-1, 1, 3600})
  void anotherSecondDoesNotMatch(long offset) {
    assertThatThrownBy(() -> new ClientInfo(AUTH.plusSeconds(offset), "alice@example.com")
        .check(ENTERPRISE, AUTH))
        .isInstanceOf(RejectedException.class)
        .hasMessageContaining("authtime");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 999})
  void fractionsOfTheSameSecondMatch(long millis) {
    assertThatCode(() -> new ClientInfo(AUTH.plusMillis(millis), "alice@example.com")
        .check(ENTERPRISE, AUTH)).doesNotThrowAnyException();
  }
}
