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
    return evaluate(MitTools.get().problem(), "true".equalsIgnoreCase(System.getenv("CI")));
  }

  /** The decision for a problem (empty when every tool is there), on CI or not. */
  public static ConditionEvaluationResult evaluate(Optional<String> problem, boolean onCi) {
    if (problem.isEmpty()) {
      return ConditionEvaluationResult.enabled("MIT krb5 tools present");
    }
    if (onCi) {
      throw new ExtensionConfigurationException("CI=true and " + problem.get());
    }
    return ConditionEvaluationResult.disabled(problem.get());
  }
}
