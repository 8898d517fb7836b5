package dev.krb5gss.bench;

import java.lang.reflect.InvocationTargetException;
import java.security.Provider;
import java.security.Security;
import org.ietf.jgss.GSSManager;

/**
 * The acceptors under benchmark, by name: {@code jdk}, {@code ours-gss}, {@code ours-acceptor},
 * {@code ours-redis}.
 * The {@code ours} ones are found by reflection so the harness builds and measures the JDK
 * before they exist; {@link #main} tells the run script whether one is available.
 */
public final class BenchAcceptors {

    /** Our java.security.Provider; its static {@code install()} puts it first in the list. */
    static final String OURS_PROVIDER = "dev.krb5gss.Krb5GssProvider";
    /** A {@link BenchAcceptor.Factory} over our plain acceptor API ({@code dev.krb5gss.context.Acceptor}). */
    static final String OURS_PLAIN_FACTORY = "dev.krb5gss.bench.OursAcceptorFactory";
    /** The same with the replay cache in Redis ({@code -Dkrb5gss.bench.redis=redis://...}). */
    static final String OURS_REDIS_FACTORY = "dev.krb5gss.bench.OursRedisAcceptorFactory";

    private static final String KRB5_MECH_PROPERTY = "GssApiMechanism." + GssApiAcceptor.KRB5;

    private BenchAcceptors() {
    }

    /** The factory of the named acceptor; loading it may install our provider (ours-gss). */
    public static BenchAcceptor.Factory factory(String name) throws UnavailableException {
        switch (name) {
            case "jdk":
                return BenchAcceptors::openJdk;
            case "ours-gss":
                installOurProvider();
                return BenchAcceptors::openOursGss;
            case "ours-acceptor":
                return loadFactory(OURS_PLAIN_FACTORY);
            case "ours-redis":
                return loadFactory(OURS_REDIS_FACTORY);
            default:
                throw new UnavailableException(
                        "expected one of jdk, ours-gss, ours-acceptor, ours-redis, got '" + name + "'");
        }
    }

    private static BenchAcceptor openJdk(BenchService service) throws Exception {
        String krb5Provider = krb5MechanismProvider();
        if (!"SunJGSS".equals(krb5Provider)) {
            throw new IllegalStateException("expected SunJGSS to serve krb5, got " + krb5Provider);
        }
        JdkReplayCache.reset();
        return GssApiAcceptor.open(GSSManager.getInstance(), service);
    }

    private static BenchAcceptor openOursGss(BenchService service) throws Exception {
        OursGssReplayCache.reset();
        return GssApiAcceptor.open(GSSManager.getInstance(), service);
    }

    private static void installOurProvider() throws UnavailableException {
        Class<?> provider = loadClass(OURS_PROVIDER);
        try {
            provider.getMethod("install").invoke(null);
        } catch (InvocationTargetException e) {
            throw new UnavailableException(OURS_PROVIDER + ".install() failed: " + e.getCause(), e);
        } catch (ReflectiveOperationException e) {
            throw new UnavailableException("expected a public static " + OURS_PROVIDER + ".install()", e);
        }
        String krb5Provider = krb5MechanismProvider();
        if ("SunJGSS".equals(krb5Provider)) {
            throw new UnavailableException(OURS_PROVIDER + ".install() left SunJGSS serving krb5");
        }
    }

    private static BenchAcceptor.Factory loadFactory(String className) throws UnavailableException {
        Class<?> type = loadClass(className);
        if (!BenchAcceptor.Factory.class.isAssignableFrom(type)) {
            throw new UnavailableException(className + " does not implement BenchAcceptor.Factory");
        }
        try {
            return (BenchAcceptor.Factory) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new UnavailableException("cannot construct " + className + ": " + e, e);
        }
    }

    private static Class<?> loadClass(String className) throws UnavailableException {
        try {
            return Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new UnavailableException(className + " is not on the classpath yet", e);
        }
    }

    /** Name of the first provider offering the krb5 mechanism, as GSSManager will pick it. */
    static String krb5MechanismProvider() {
        for (Provider provider : Security.getProviders()) {
            if (provider.getProperty(KRB5_MECH_PROPERTY) != null) {
                return provider.getName();
            }
        }
        return "none";
    }

    /** Exit 0 when the named acceptor can be loaded; else print why and exit 3. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: BenchAcceptors jdk|ours-gss|ours-acceptor|ours-redis");
            System.exit(2);
        }
        try {
            factory(args[0]);
        } catch (UnavailableException e) {
            System.err.println(e.getMessage());
            System.exit(3);
        }
    }

    /** The named acceptor cannot be loaded in this JVM. */
    public static final class UnavailableException extends Exception {

        private static final long serialVersionUID = 1L;

        UnavailableException(String message) {
            super(message);
        }

        UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
