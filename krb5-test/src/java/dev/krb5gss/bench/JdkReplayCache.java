package dev.krb5gss.bench;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * Empties the JDK's replay cache (RFC 4120 section 3.2.3). The JDK keeps one JVM-wide cache
 * in the static field {@code sun.security.krb5.KrbApReq.rcache}; this swaps in a new one of
 * the configured type ({@code ReplayCache.getInstance()}, the in-memory cache by default).
 * Needs {@code --add-opens java.security.jgss/sun.security.krb5=ALL-UNNAMED} and
 * {@code --add-opens java.security.jgss/sun.security.krb5.internal=ALL-UNNAMED}.
 */
final class JdkReplayCache {

    private JdkReplayCache() {
    }

    static void reset() throws ReflectiveOperationException {
        Field field = Class.forName("sun.security.krb5.KrbApReq").getDeclaredField("rcache");
        Method getInstance = Class.forName("sun.security.krb5.internal.ReplayCache")
                .getMethod("getInstance");
        field.setAccessible(true);
        getInstance.setAccessible(true);
        field.set(null, getInstance.invoke(null));
    }
}
