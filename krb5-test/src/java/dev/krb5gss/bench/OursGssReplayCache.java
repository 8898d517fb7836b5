package dev.krb5gss.bench;

import java.lang.reflect.Field;
import java.util.Map;

/**
 * Empties our provider's replay caches (RFC 4120 section 3.2.3) between passes. Through the
 * JDK's GSS-API, ours keeps one {@code Acceptor} (and so one replay cache) per set of service
 * keys for the whole JVM, in the static cache {@code dev.krb5gss.spi.AcceptorContexts.ACCEPTORS},
 * so that the cache outlives the per-request credentials; clearing the map makes the next
 * credential build a new acceptor with an empty cache, as the JDK's side does with
 * {@link JdkReplayCache}.
 */
final class OursGssReplayCache {

    static final String HOLDER = "dev.krb5gss.spi.AcceptorContexts";
    static final String FIELD = "ACCEPTORS";

    private OursGssReplayCache() {
    }

    static void reset() throws ReflectiveOperationException {
        Field field = Class.forName(HOLDER).getDeclaredField(FIELD);
        field.setAccessible(true);
        Object acceptors = field.get(null);
        // The JVM-wide cache, and the one -Dkrb5gss.replayCache names (the bench raises the
        // per-client share: one benchmark client sends every token): its package-private clear().
        java.lang.reflect.Method clear =
                Class.forName("dev.krb5gss.replay.InMemoryReplayCache").getDeclaredMethod("clear");
        clear.setAccessible(true);
        for (Object cache : new Object[] {dev.krb5gss.replay.ReplayCaches.jvmDefault(),
                dev.krb5gss.replay.ReplayCaches.forUriOrConfigured(null)}) {
            clear.invoke(cache);
        }
        if (acceptors instanceof com.google.common.cache.Cache) {
            ((com.google.common.cache.Cache<?, ?>) acceptors).invalidateAll();
        } else if (acceptors instanceof Map) {
            ((Map<?, ?>) acceptors).clear();
        } else {
            throw new IllegalStateException("expected " + HOLDER + "." + FIELD
                    + " to be a cache or map of acceptors, got " + acceptors);
        }
    }
}
