package dev.krb5gss.interop;

import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The condition behind {@link RequiresMitKrb5}: skip with an install hint, or fail on CI
 * ({@code CI=true}) where a missing interop peer must not pass silently.
 */
public final class MitKrb5Condition implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<String> problem = MitTools.get().problem();
    if (problem.isEmpty()) {
      return ConditionEvaluationResult.enabled("MIT krb5 tools present");
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new ExtensionConfigurationException("CI=true and " + problem.get());
    }
    return ConditionEvaluationResult.disabled(problem.get());
  }
}
