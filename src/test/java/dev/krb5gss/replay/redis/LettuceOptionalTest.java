package dev.krb5gss.replay.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.replay.ReplayCache;
import dev.krb5gss.replay.ReplayCaches;
import dev.krb5gss.replay.ReplayKey;
import dev.krb5gss.name.PrincipalName;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Lettuce is optional: with no Redis URI configured, neither this package nor Lettuce is loaded
 * (checked with {@code -verbose:class} in a child JVM), and without Lettuce on the class path a
 * Redis URI is refused with a message naming the missing dependency.
 */
class LettuceOptionalTest {

  /** Run in the child JVM: the default replay cache paths, then {@code args[0]} as a URI if any. */
  public static void main(String[] args) throws Exception {
    ReplayCache cache = ReplayCaches.forUriOrConfigured(null);
    ReplayCaches.validate("memory");
    Class.forName("dev.krb5gss.spi.AcceptorContexts", true, LettuceOptionalTest.class.getClassLoader());
    Class.forName("dev.krb5gss.ap.ApAcceptor", true, LettuceOptionalTest.class.getClassLoader());
    PrincipalName p = PrincipalName.parse("a@R", "");
    boolean fresh = cache.checkAndInsert(ReplayKey.of(p, p, Instant.now(), 1,
        "x".getBytes(StandardCharsets.UTF_8)), Instant.now().plusSeconds(60));
    System.out.println("DEFAULT " + (cache == ReplayCaches.jvmDefault()) + " " + fresh);
    if (args.length > 0) {
      try {
        ReplayCaches.fromUri(args[0]);
        System.out.println("RESULT accepted");
      } catch (IllegalArgumentException e) {
        System.out.println("RESULT " + e.getMessage());
      }
    }
  }

  private static List<String> run(String classPath, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-verbose:class",
        "-cp", classPath, LettuceOptionalTest.class.getName()));
    cmd.addAll(Arrays.asList(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
        .lines().collect(Collectors.toList());
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return lines;
  }

  @Test
  void withoutARedisUriNeitherThisPackageNorLettuceIsLoaded() throws Exception {
    List<String> out = run(System.getProperty("java.class.path"));
    assertThat(out).contains("DEFAULT true true");
    assertThat(out).noneMatch(l -> l.contains("dev.krb5gss.replay.redis.RedisReplayCache")
        || l.contains("io.lettuce."));
    assertThat(out).anyMatch(l -> l.contains("dev.krb5gss.replay.ReplayCaches "));
  }

  @Test
  void withoutLettuceARedisUriIsRefusedNamingTheDependency() throws Exception {
    String withoutLettuce = Arrays.stream(System.getProperty("java.class.path")
        .split(File.pathSeparator)).filter(e -> !e.contains("lettuce"))
        .collect(Collectors.joining(File.pathSeparator));
    List<String> out = run(withoutLettuce, "redis://u:Secret-99@127.0.0.1:1/0");
    assertThat(out).contains("DEFAULT true true");
    assertThat(out).anyMatch(l -> l.startsWith("RESULT a Redis replay cache needs "
        + "io.lettuce:lettuce-core"));
    assertThat(out).noneMatch(l -> l.contains("Secret-99"));
    assertThat(out).as("-verbose:class shows the class once a Redis URI asks for it")
        .anyMatch(l -> l.contains("dev.krb5gss.replay.redis.RedisReplayCache "));
  }
}
