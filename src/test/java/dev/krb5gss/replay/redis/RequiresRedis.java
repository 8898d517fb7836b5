package dev.krb5gss.replay.redis;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that needs {@code redis-server} (Debian package {@code redis-server}). When
 * it is missing the class is skipped with one line saying what to install, except with
 * {@code CI=true}, where the absence is a failure. Tagged {@code isolated}: Maven runs each such
 * class in a JVM of its own (the provider's acceptors and the JDK's krb5 configuration are
 * JVM-wide).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("isolated")
@ExtendWith(RedisCondition.class)
public @interface RequiresRedis {}
