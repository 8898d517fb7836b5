package dev.krb5gss.ad;

import dev.krb5gss.interop.MitKrb5Condition;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The condition behind {@link RequiresSambaAd}: skip with an install hint, or fail on CI
 * ({@code CI=true}) where a missing AD peer must not pass silently (the same decision as
 * {@link MitKrb5Condition}).
 */
public final class SambaAdCondition implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return MitKrb5Condition.evaluate(SambaTools.get().problem(),
        "true".equalsIgnoreCase(System.getenv("CI")));
  }
}
