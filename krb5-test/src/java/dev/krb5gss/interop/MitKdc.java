package dev.krb5gss.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An MIT krb5 KDC (RFC 4120 §3.1, §3.3) in a temporary directory: its own database, kdc.conf and
 * krb5.conf, listening on TCP only on a free loopback port, run in the foreground as a child
 * process and stopped by {@link #close()}. The helpers wrap {@code kadmin.local}, {@code kinit}
 * and {@code kvno}; every command runs with this KDC's {@code KRB5_CONFIG} and
 * {@code KRB5_KDC_PROFILE}, and with a private credential cache.
 */
public final class MitKdc implements KdcClients, AutoCloseable {
  /** The realm of every interop KDC. */
  public static final String REALM = "MIT.KRB5GSS.TEST";

  private static final int START_ATTEMPTS = 3;
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);
  private static final Pattern GETPRINC_KVNO = Pattern.compile("Key: vno (\\d+)");

  private final Path dir;
  private final int port;
  private final List<String> extraLibdefaults;
  private final List<String> log = new CopyOnWriteArrayList<>();
  private Process kdc;

  private MitKdc(Path dir, int port, List<String> extraLibdefaults) {
    this.dir = dir;
    this.port = port;
    this.extraLibdefaults = List.copyOf(extraLibdefaults);
  }

  /** Creates the database and starts {@code krb5kdc} on a free loopback port. */
  public static MitKdc start() throws IOException {
    return start(List.of());
  }

  /**
   * Like {@link #start()}, with extra {@code [libdefaults]} lines in krb5.conf (for example
   * {@code allow_weak_crypto = true}), which MIT's tools and the JDK both read.
   */
  public static MitKdc start(List<String> extraLibdefaults) throws IOException {
    return Commands.startRetrying(START_ATTEMPTS, () -> startOnce(extraLibdefaults));
  }

  private static MitKdc startOnce(List<String> extraLibdefaults) throws IOException {
    Path dir = Files.createTempDirectory("mit-kdc");
    MitKdc kdc = new MitKdc(dir, Commands.freePort(), extraLibdefaults);
    try {
      kdc.writeConfig();
      kdc.run(MitTool.KDB5_UTIL, "create", "-s", "-r", REALM, "-P", "master-" + dir.getFileName())
          .orThrow();
      kdc.launch();
      return kdc;
    } catch (IOException | RuntimeException e) {
      kdc.close();
      throw e;
    }
  }

  /** The realm, {@value #REALM}. */
  @Override
  public String realm() {
    return REALM;
  }

  /** The KDC's TCP port on 127.0.0.1. */
  public int port() {
    return port;
  }

  @Override
  public Path krb5Conf() {
    return dir.resolve("krb5.conf");
  }

  @Override
  public Path directory() {
    return dir;
  }

  /** The KDC's own log lines so far. */
  public List<String> log() {
    return List.copyOf(log);
  }

  /** The keytab helpers (MIT's ktadd, ktutil and klist -k) of this KDC. */
  public MitKeytabs keytabs() {
    return new MitKeytabs(this);
  }

  /** Creates a user principal with a password and keys of the given enctypes. */
  public void addUser(String name, String password, String enctypes) throws IOException {
    kadmin("addprinc -e " + enctypes + " -pw " + password + " " + name);
  }

  /** Creates a service principal with random keys of the given enctypes (kvno 1). */
  public void addService(String principal, String enctypes) throws IOException {
    kadmin("addprinc -randkey -e " + enctypes + " " + principal);
  }

  /** Gives the principal new random keys in the KDC only (kvno + 1), leaving every keytab stale. */
  public void rekey(String principal, String enctypes) throws IOException {
    kadmin("cpw -randkey -e " + enctypes + " " + principal);
  }

  /** The principal's current key version number in the KDC database. */
  public int currentKvno(String principal) throws IOException {
    String out = kadmin("getprinc " + principal).stdout();
    Matcher m = GETPRINC_KVNO.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("no key version in getprinc output: " + out);
    }
    return Integer.parseInt(m.group(1));
  }

  /** Runs one {@code kadmin.local} query and fails if it reports an error. */
  public ProcessResult kadmin(String query) throws IOException {
    ProcessResult result = run(MitTool.KADMIN_LOCAL, "-r", REALM, "-q", query).orThrow();
    if (result.stderr().lines().anyMatch(line -> !isKadminChatter(line))
        || result.stdout().lines().anyMatch(MitKdc::isKadminComplaint)) {
      throw new IllegalStateException("kadmin.local -q '" + query + "' failed:\n" + result.stderr());
    }
    return result;
  }

  /** kadmin.local exits 0 even when a query fails; anything but these lines is a failure. */
  private static boolean isKadminChatter(String line) {
    return line.isBlank() || line.startsWith("Authenticating as principal")
        || line.startsWith("No policy specified for");
  }

  private static boolean isKadminComplaint(String line) {
    return line.contains("cannot ") || line.contains(" while ");
  }

  /** Runs an MIT tool against this KDC with no credential cache of interest. */
  public ProcessResult run(MitTool tool, String... args) throws IOException {
    return run(dir.resolve("cc-none"), tool, args);
  }

  /** The environment every MIT tool gets: this KDC's profiles and the given cache. */
  @Override
  public Map<String, String> env(Path ccache) {
    Map<String, String> env = new HashMap<>();
    env.put("KRB5_CONFIG", krb5Conf().toString());
    env.put("KRB5_KDC_PROFILE", dir.resolve("kdc.conf").toString());
    env.put("KRB5CCNAME", "FILE:" + ccache);
    env.put("KRB5RCACHEDIR", dir.toString());
    env.put("KRB5_TRACE", "/dev/null");
    return env;
  }

  @Override
  public void close() throws IOException {
    Commands.stop(kdc);
    Commands.deleteTree(dir);
  }

  private void launch() throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command(MitTool.KRB5KDC, "-n", "-r", REALM))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().putAll(env(dir.resolve("cc-none")));
    kdc = builder.start();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> pump(ready), "krb5kdc-log-" + port);
    reader.setDaemon(true);
    reader.start();
    try {
      ready.get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("krb5kdc did not start: " + String.join("\n", log), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting krb5kdc", e);
    }
  }

  private void pump(CompletableFuture<Void> ready) {
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(kdc.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        log.add(line);
        if (line.contains("commencing operation")) {
          ready.complete(null);
        }
      }
    } catch (IOException e) {
      ready.completeExceptionally(e);
    }
    ready.completeExceptionally(new IOException("krb5kdc exited"));
  }

  private void writeConfig() throws IOException {
    Files.writeString(dir.resolve("kdc.conf"), MitConfigFiles.kdcConf(dir, REALM, port));
    Files.writeString(krb5Conf(), MitConfigFiles.krb5Conf(REALM, port, extraLibdefaults));
    Files.writeString(dir.resolve("kadm5.acl"), "");
  }
}
