package dev.krb5gss.bench;

import java.lang.management.ManagementFactory;

/** CPU time (user + system) this JVM process has used, all threads together. */
final class ProcessCpu {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ProcessCpu() {
    }

    static long nanos() {
        return OS.getProcessCpuTime();
    }
}
