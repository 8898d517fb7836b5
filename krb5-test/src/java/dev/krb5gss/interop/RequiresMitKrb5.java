package dev.krb5gss.interop;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that needs the MIT krb5 tools ({@link MitTools}). When one is missing the
 * class is skipped with one line saying what to install, except with {@code CI=true}, where the
 * absence is a failure. Tagged {@code interop}: Maven runs these classes in a JVM each.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("interop")
@ExtendWith(MitKrb5Condition.class)
public @interface RequiresMitKrb5 {}
