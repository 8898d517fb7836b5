package dev.krb5gss.testkit;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Principal names private to one test class in the shared realm, so classes sharing the JVM's one
 * KDC never collide: users {@code <name>-<tag>@REALM}, services {@code <service>/host-<tag>@REALM}
 * reachable as host-based names {@code <service>@host-<tag>} (RFC 4120 §6.2.1 NT-SRV-HST).
 */
public final class KdcPrincipals {
    private final TestKdc kdc;
    private final String tag;
    private final AtomicInteger keytabCounter = new AtomicInteger();

    KdcPrincipals(TestKdc kdc, String className, int serial) {
        this.kdc = kdc;
        this.tag = className.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") + serial;
    }

    /** The class's unique tag. */
    public String tag() {
        return tag;
    }

    public TestKdc kdc() {
        return kdc;
    }

    /** The class's host name, {@code host-<tag>}. */
    public String host() {
        return "host-" + tag;
    }

    /** {@code <service>@host-<tag>}, the host-based name the JDK maps to {@link #service}. */
    public String hostbased(String service) {
        return service + "@" + host();
    }

    /** {@code <service>/host-<tag>@REALM}. */
    public String service(String service) {
        return kdc.principal(service + "/" + host());
    }

    /** {@code <name>-<tag>@REALM}. */
    public String user(String name) {
        return kdc.principal(name + "-" + tag);
    }

    /** Creates {@link #user(String)} with {@code password} in the KDC. */
    public String addUser(String name, String password) {
        return kdc.addUser(user(name), password);
    }

    /** Creates {@link #service(String)} in the KDC with random keys of {@code enctypes} (default both AES-SHA1). */
    public String addService(String service, AesEnctype... enctypes) {
        return enctypes.length == 0 ? kdc.addService(service(service)) : kdc.addService(service(service), enctypes);
    }

    /** Writes a fresh keytab with the keys of the given services (full principals) into the KDC's work dir. */
    public Path keytab(String... servicePrincipals) {
        Path file = kdc.workDir().resolve(tag + "-" + keytabCounter.incrementAndGet() + ".keytab");
        return kdc.exportKeytab(file, servicePrincipals);
    }
}
