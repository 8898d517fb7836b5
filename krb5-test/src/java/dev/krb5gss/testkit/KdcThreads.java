package dev.krb5gss.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds threads a Kerby KDC left behind after {@code stop()}: non-daemon threads born after a
 * snapshot that either run Kerby code or are anonymous executor workers ({@code pool-N-thread-M},
 * the names Kerby's cached thread pool gives its handlers). Such threads keep a JVM alive.
 */
final class KdcThreads {
    private static final Pattern POOL_WORKER = Pattern.compile("pool-\\d+-thread-\\d+");

    private KdcThreads() {
    }

    static Set<Thread> snapshot() {
        return Set.copyOf(Thread.getAllStackTraces().keySet());
    }

    /** Waits up to {@code timeout} for new KDC threads to end; returns the names of those left. */
    static List<String> leftoverAfter(Set<Thread> before, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Thread> suspects = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && !t.isDaemon() && looksLikeKdc(t))
                .collect(Collectors.toList());
        for (Thread t : suspects) {
            joinUntil(t, deadline);
        }
        return suspects.stream().filter(Thread::isAlive).map(Thread::getName).collect(Collectors.toList());
    }

    private static boolean looksLikeKdc(Thread t) {
        if (POOL_WORKER.matcher(t.getName()).matches()) {
            return true;
        }
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().startsWith("org.apache.kerby.")) {
                return true;
            }
        }
        return false;
    }

    private static void joinUntil(Thread t, long deadlineNanos) {
        long remainingMillis = Duration.ofNanos(deadlineNanos - System.nanoTime()).toMillis();
        if (remainingMillis <= 0) {
            return;
        }
        try {
            t.join(remainingMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
