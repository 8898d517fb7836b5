package dev.krb5gss.replay.redis;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The condition behind {@link RequiresRedis}: skip with an install hint, or fail on CI. */
public final class RedisCondition implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (installed()) {
      return ConditionEvaluationResult.enabled("redis-server present");
    }
    String problem = "redis-server is not installed (apt-get install redis-server)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new ExtensionConfigurationException("CI=true and " + problem);
    }
    return ConditionEvaluationResult.disabled(problem);
  }

  static boolean installed() {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin"
        + File.pathSeparator + "/usr/sbin";
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, RedisServer.BINARY))) {
        return true;
      }
    }
    return false;
  }
}
