package dev.krb5gss.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javax.security.auth.Subject;
import javax.security.auth.login.LoginException;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.crypto.EncryptionHandler;
import org.apache.kerby.kerberos.kerb.request.KrbIdentity;
import org.apache.kerby.kerberos.kerb.server.KdcConfigKey;
import org.apache.kerby.kerberos.kerb.server.SimpleKdcServer;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionType;

/**
 * An in-process Apache Kerby KDC (RFC 4120 §3.1 AS and §3.3 TGS exchanges) for tests and demos:
 * one realm on 127.0.0.1, a free TCP port (no UDP), a temporary work directory, principals with
 * passwords or random AES keys, keytab export, and a client krb5.conf.
 *
 * <p>Starting a KDC does not touch the JVM-wide Kerberos configuration; call
 * {@link #useAsJvmKrb5Config()} once to make the JDK's Kerberos client (and {@link #login}) use it.
 * {@link #close()} stops the KDC and fails if Kerby threads survive.
 */
public final class TestKdc implements AutoCloseable {
    /** The loopback address the KDC binds to. */
    public static final String HOST = "127.0.0.1";
    private static final String KRB5_CONF_PROPERTY = "java.security.krb5.conf";
    private static final List<AesEnctype> DEFAULT_SERVICE_ENCTYPES =
            List.of(AesEnctype.AES256_CTS_HMAC_SHA1_96, AesEnctype.AES128_CTS_HMAC_SHA1_96);
    private static final Duration THREAD_EXIT_TIMEOUT = Duration.ofSeconds(10);

    private final SimpleKdcServer kdc;
    private final String realm;
    private final int port;
    private final Path workDir;
    private final Path krb5Conf;
    private final Set<Thread> threadsBefore;
    private final Map<String, List<LongTermKey>> serviceKeys = new ConcurrentHashMap<>();
    private final AtomicBoolean configRefreshed = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private TestKdc(SimpleKdcServer kdc, String realm, int port, Path workDir, Set<Thread> threadsBefore) {
        this.kdc = kdc;
        this.realm = realm;
        this.port = port;
        this.workDir = workDir;
        this.threadsBefore = threadsBefore;
        this.krb5Conf = Krb5ConfFile.write(workDir.resolve("krb5-client.conf"), realm, HOST, port);
    }

    /** Starts a KDC for {@code realm} (upper case by convention) on a free loopback TCP port. */
    public static TestKdc start(String realm) {
        Set<Thread> before = KdcThreads.snapshot();
        try {
            Path workDir = Files.createTempDirectory("krb5gss-kdc-");
            int port = freePort();
            SimpleKdcServer kdc = configure(new SimpleKdcServer(), realm, port, workDir);
            initKeepingJvmConfig(kdc);
            kdc.start();
            return new TestKdc(kdc, realm, port, workDir, before);
        } catch (KrbException e) {
            throw new IllegalStateException("Kerby KDC failed to start for realm " + realm, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SimpleKdcServer configure(SimpleKdcServer kdc, String realm, int port, Path workDir) {
        kdc.setWorkDir(workDir.toFile());
        kdc.setKdcHost(HOST);
        kdc.setKdcRealm(realm);
        kdc.setAllowUdp(false);
        kdc.setKdcTcpPort(port);
        kdc.getKdcConfig().setString(KdcConfigKey.ENCRYPTION_TYPES,
                "aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96");
        kdc.getBackendConfig().setString(KdcConfigKey.KDC_IDENTITY_BACKEND, TicketKeyBackend.class.getName());
        return kdc;
    }

    /** Kerby's init() points java.security.krb5.conf at its own file; put the JVM's value back. */
    private static void initKeepingJvmConfig(SimpleKdcServer kdc) throws KrbException {
        String previous = System.getProperty(KRB5_CONF_PROPERTY);
        try {
            kdc.init();
        } finally {
            if (previous == null) {
                System.clearProperty(KRB5_CONF_PROPERTY);
            } else {
                System.setProperty(KRB5_CONF_PROPERTY, previous);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    public String realm() {
        return realm;
    }

    public int port() {
        return port;
    }

    /** The client krb5.conf naming this KDC (also usable as KRB5_CONFIG for MIT tools). */
    public Path krb5Conf() {
        return krb5Conf;
    }

    /** The KDC's temporary directory; keytabs may be written here. Deleted by {@link #close()}. */
    public Path workDir() {
        return workDir;
    }

    /** {@code name} with this realm appended unless it already names one. */
    public String principal(String name) {
        return name.contains("@") ? name : name + "@" + realm;
    }

    /**
     * Points {@code java.security.krb5.conf} at this KDC's krb5.conf; the next {@link #login}
     * re-reads it. Refuses when the JVM already uses another krb5.conf: one realm per JVM.
     */
    public TestKdc useAsJvmKrb5Config() {
        synchronized (TestKdc.class) {
            String current = System.getProperty(KRB5_CONF_PROPERTY);
            String mine = krb5Conf.toAbsolutePath().toString();
            if (current != null && !current.equals(mine) && Files.exists(Path.of(current))) {
                throw new IllegalStateException("the JVM already uses krb5.conf " + current
                        + "; one KDC per JVM (expected unset or " + mine + ")");
            }
            System.setProperty(KRB5_CONF_PROPERTY, mine);
        }
        return this;
    }

    /** Creates a user whose keys (both AES-SHA1 enctypes) derive from {@code password}; returns name@REALM. */
    public String addUser(String name, String password) {
        String principal = principal(name);
        try {
            kdc.createPrincipal(principal, password);
        } catch (KrbException e) {
            throw new IllegalStateException("cannot create user " + principal, e);
        }
        return principal;
    }

    /** Creates a service with random aes256 and aes128 keys (kvno 1); tickets use aes256. */
    public String addService(String name) {
        return addService(name, DEFAULT_SERVICE_ENCTYPES.toArray(new AesEnctype[0]));
    }

    /**
     * Creates a service with random keys of exactly {@code enctypes} (aes-sha1 only: Kerby cannot
     * issue aes-sha2 tickets). Its tickets are encrypted in the strongest of them, so a service
     * with only an aes128 key gets etype-17 tickets. Returns name@REALM.
     */
    public String addService(String name, AesEnctype... enctypes) {
        String principal = principal(name);
        List<LongTermKey> keys = new ArrayList<>();
        KrbIdentity identity = new KrbIdentity(principal);
        identity.setKeyVersion(1);
        try {
            for (AesEnctype enctype : enctypes) {
                EncryptionKey key = EncryptionHandler.random2Key(kerbyType(enctype));
                key.setKvno(1);
                identity.addKey(key);
                keys.add(new LongTermKey(principal, enctype, 1, key.getKeyData()));
            }
            kdc.getIdentityService().addIdentity(identity);
        } catch (KrbException e) {
            throw new IllegalStateException("cannot create service " + principal, e);
        }
        serviceKeys.put(principal, List.copyOf(keys));
        return principal;
    }

    private static EncryptionType kerbyType(AesEnctype enctype) {
        EncryptionType type = EncryptionType.fromValue(enctype.id());
        if (type == EncryptionType.NONE
                || !(enctype == AesEnctype.AES128_CTS_HMAC_SHA1_96 || enctype == AesEnctype.AES256_CTS_HMAC_SHA1_96)) {
            throw new IllegalArgumentException("the Kerby KDC issues only aes-sha1 tickets, got " + enctype
                    + "; use TicketForge for other enctypes");
        }
        return type;
    }

    /** The long-term keys of a service created by {@link #addService}. */
    public List<LongTermKey> serviceKeys(String name) {
        List<LongTermKey> keys = serviceKeys.get(principal(name));
        if (keys == null) {
            throw new IllegalArgumentException("expected a service created by addService, got " + name);
        }
        return keys;
    }

    /** The key of {@code enctype} of a service created by {@link #addService}. */
    public LongTermKey serviceKey(String name, AesEnctype enctype) {
        return serviceKeys(name).stream().filter(k -> k.enctype() == enctype).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " has no " + enctype + " key"));
    }

    /** Writes the keys of the given services (created by {@link #addService}) to a keytab file. */
    public Path exportKeytab(Path file, String... services) {
        List<LongTermKey> keys = Arrays.stream(services).flatMap(s -> serviceKeys(s).stream()).toList();
        return KeytabFile.write(file, keys);
    }

    /**
     * Logs {@code user} in with the JDK's Krb5LoginModule: the returned Subject holds a TGT from
     * this KDC. Requires {@link #useAsJvmKrb5Config()}.
     */
    public Subject login(String user, String password) throws LoginException {
        String current = System.getProperty(KRB5_CONF_PROPERTY);
        if (!krb5Conf.toAbsolutePath().toString().equals(current)) {
            throw new IllegalStateException("expected java.security.krb5.conf = " + krb5Conf
                    + " (call useAsJvmKrb5Config()), got " + current);
        }
        boolean refresh = configRefreshed.compareAndSet(false, true);
        return JaasLogins.initiator(principal(user), password.toCharArray(), refresh);
    }

    /** The underlying Kerby server, for what this class does not cover. */
    public SimpleKdcServer kerby() {
        return kdc;
    }

    /**
     * Stops the KDC, deletes its work directory and verifies that no non-daemon Kerby thread
     * survives (waits up to 10 s for them to end).
     *
     * @throws IllegalStateException naming the threads left behind
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            kdc.stop();
        } catch (KrbException e) {
            throw new IllegalStateException("Kerby KDC failed to stop", e);
        } finally {
            deleteRecursively(workDir);
        }
        List<String> leftover = KdcThreads.leftoverAfter(threadsBefore, THREAD_EXIT_TIMEOUT);
        if (!leftover.isEmpty()) {
            throw new IllegalStateException("expected no KDC threads after stop, got " + leftover);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    @Override
    public String toString() {
        return "TestKdc[" + realm + " at " + HOST + ":" + port + "]";
    }
}
