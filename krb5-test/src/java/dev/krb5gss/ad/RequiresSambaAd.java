package dev.krb5gss.ad;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that needs a Samba AD DC ({@link SambaDc}) and MIT's client tools. When one
 * is missing the class is skipped with one line saying what to install, except with
 * {@code CI=true}, where the absence is a failure. Tagged {@code interop}: Maven runs these
 * classes in a JVM each (the JDK's krb5.conf is JVM-wide), so each class has its own DC.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("interop")
@ExtendWith(SambaAdCondition.class)
public @interface RequiresSambaAd {}
