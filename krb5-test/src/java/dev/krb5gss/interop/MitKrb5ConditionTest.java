package dev.krb5gss.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class MitKrb5ConditionTest {
  private static final String PROBLEM = "MIT krb5 interop tools missing (gss-client"
      + " (krb5-gss-samples)); install them with: " + MitTools.INSTALL_HINT;

  @Test
  void missingToolSkipsWithTheInstallLineOffCi() {
    ConditionEvaluationResult result = MitKrb5Condition.evaluate(Optional.of(PROBLEM), false);

    assertThat(result.isDisabled()).isTrue();
    assertThat(result.getReason()).hasValueSatisfying(reason -> assertThat(reason).contains(
        "apt-get install krb5-kdc krb5-admin-server krb5-user krb5-gss-samples curl"));
  }

  @Test
  void missingToolFailsOnCi() {
    assertThatThrownBy(() -> MitKrb5Condition.evaluate(Optional.of(PROBLEM), true))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("CI=true")
        .hasMessageContaining("gss-client");
  }

  @Test
  void allToolsPresentRuns() {
    assertThat(MitKrb5Condition.evaluate(Optional.empty(), true).isDisabled()).isFalse();
  }

  @Test
  void thisMachineHasTheToolsOrSaysWhatIsMissing() {
    MitTools tools = MitTools.get();
    assertThat(tools.problem().isPresent()).isEqualTo(!tools.missing().isEmpty());
  }
}
