package dev.krb5gss.ad;

import dev.krb5gss.interop.Commands;
import dev.krb5gss.interop.KdcClients;
import dev.krb5gss.interop.MitConfigFiles;
import dev.krb5gss.interop.ProcessResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Samba Active Directory domain controller (a real AD KDC: tickets carry an MS-PAC with the
 * user's SID and its transitively expanded group SIDs) in a temporary directory, running only its
 * KDC (RFC 4120, MS-KILE) on free loopback ports, stopped and deleted by {@link #close()}.
 * Provisioning takes about 3 s, so a test class starts one in {@code @BeforeAll}.
 *
 * <p>The directory is changed with {@code samba-tool} on the local database (users, nested
 * groups, SPNs, passwords) and {@code ldbmodify} (an account's
 * {@code msDS-SupportedEncryptionTypes}, MS-KILE §2.2.7); keytabs come from
 * {@code samba-tool domain exportkeytab}. MIT's client tools reach the KDC through
 * {@link #krb5Conf()} ({@link KdcClients}).
 */
public final class SambaDc implements KdcClients, AutoCloseable {
  /** The realm ({@code SAMDOM.TEST}) and NetBIOS domain ({@code SAMDOM}) of every test DC. */
  public static final String REALM = "SAMDOM.TEST";
  public static final String DOMAIN = "SAMDOM";
  /** The DNS domain, the suffix of every user's default UPN. */
  public static final String DNS_DOMAIN = "samdom.test";

  private static final String BASE_DN = "DC=samdom,DC=test";
  private static final String ADMIN_PASSWORD = "Adm1n-Pass!x";
  private static final int START_ATTEMPTS = 3;
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  /** samba-tool is Python: ~3 s to provision and ~0.2 s per command idle, far more on a busy CI. */
  private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(3);
  private static final Pattern DOMAIN_SID = Pattern.compile("DOMAIN SID:\\s+(S-1-5-21-[0-9-]+)");
  private static final Pattern OBJECT_SID = Pattern.compile("(?m)^objectSid: (S-1-[0-9-]+)$");
  private static final Pattern KEY_VERSION =
      Pattern.compile("(?m)^msDS-KeyVersionNumber: (\\d+)$");

  private final Path dir;
  private final int port;
  private final String domainSid;
  private Process samba;

  private SambaDc(Path dir, int port, String domainSid) {
    this.dir = dir;
    this.port = port;
    this.domainSid = domainSid;
  }

  /** Provisions a new domain and starts its KDC on a free loopback port. */
  public static SambaDc start() throws IOException {
    return start(List.of());
  }

  /**
   * Like {@link #start()}, with extra {@code [libdefaults]} lines in the clients' krb5.conf (for
   * example {@code allow_weak_crypto = true}), which MIT's tools and the JDK both read.
   */
  public static SambaDc start(List<String> extraLibdefaults) throws IOException {
    return Commands.startRetrying(START_ATTEMPTS, () -> startOnce(extraLibdefaults));
  }

  private static SambaDc startOnce(List<String> extraLibdefaults) throws IOException {
    Path dir = Files.createTempDirectory("samba-dc");
    try {
      int port = Commands.freePort();
      int kpasswdPort = Commands.freePort();
      ProcessResult provision = samba(dir, "samba-tool", "domain", "provision",
          "--targetdir=" + dir, "--realm=" + REALM, "--domain=" + DOMAIN, "--server-role=dc",
          "--dns-backend=NONE", "--adminpass=" + ADMIN_PASSWORD, "--host-name=dc1",
          "--option=interfaces=lo", "--option=bind interfaces only=yes",
          "--option=krb5 port=" + port, "--option=kpasswd port=" + kpasswdPort,
          "--option=log file=" + dir.resolve("log.%m"),
          "--option=pid directory=" + dir.resolve("pid")).orThrow();
      Matcher sid = DOMAIN_SID.matcher(provision.output());
      if (!sid.find()) {
        throw new IllegalStateException("no DOMAIN SID in: " + provision.describe());
      }
      SambaDc dc = new SambaDc(dir, port, sid.group(1));
      Files.writeString(dc.krb5Conf(), MitConfigFiles.krb5Conf(REALM, port, extraLibdefaults));
      dc.launch();
      return dc;
    } catch (IOException | RuntimeException e) {
      Commands.deleteTree(dir);
      throw e;
    }
  }

  @Override
  public String realm() {
    return REALM;
  }

  @Override
  public Path krb5Conf() {
    return dir.resolve("krb5.conf");
  }

  @Override
  public Path directory() {
    return dir;
  }

  @Override
  public Map<String, String> env(Path ccache) {
    Map<String, String> env = new HashMap<>();
    env.put("KRB5_CONFIG", krb5Conf().toString());
    env.put("KRB5CCNAME", "FILE:" + ccache);
    env.put("KRB5RCACHEDIR", dir.toString());
    env.put("KRB5_TRACE", "/dev/null");
    return env;
  }

  /** The KDC's TCP port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** The domain SID ({@code S-1-5-21-x-y-z}) the provisioning chose. */
  public String domainSid() {
    return domainSid;
  }

  /** The KDC's log so far (samba's own output). */
  public String log() throws IOException {
    Path log = dir.resolve("samba.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** A user with a password (which must meet AD's complexity rules); its UPN is name@samdom.test. */
  public void addUser(String name, String password) throws IOException {
    tool("user", "add", name, password);
  }

  /** A global security group. */
  public void addGroup(String name) throws IOException {
    tool("group", "add", name);
  }

  /** Adds users or groups (groups nest) to a group. */
  public void addMembers(String group, String... members) throws IOException {
    tool("group", "addmembers", group, String.join(",", members));
  }

  /** The objectSid of a user, computer or group. */
  public String sid(String name) throws IOException {
    ProcessResult shown = samba(dir, "samba-tool", "user", "show", name,
        "--attributes=objectSid", "-s", smbConf().toString());
    if (!shown.succeeded()) {
      shown = tool("group", "show", name, "--attributes=objectSid");
    }
    return match(OBJECT_SID, shown.orThrow());
  }

  /**
   * A service account with SPNs whose keys cover {@code enctypes} ({@link AdEnctypes}): the
   * account is created, given its SPNs and {@code msDS-SupportedEncryptionTypes}, then its
   * password is set again, since AD derives AES keys only at a password change after that
   * attribute allows them.
   */
  public void addServiceAccount(String account, String password, int enctypes, String... spns)
      throws IOException {
    addUser(account, password);
    for (String spn : spns) {
      tool("spn", "add", spn, account);
    }
    setSupportedEnctypes(account, enctypes);
    setPassword(account, password);
  }

  /** Sets {@code msDS-SupportedEncryptionTypes} (MS-KILE §2.2.7) of an account. */
  public void setSupportedEnctypes(String account, int enctypes) throws IOException {
    String ldif = "dn: CN=" + account + ",CN=Users," + BASE_DN + "\n"
        + "changetype: modify\n"
        + "replace: msDS-SupportedEncryptionTypes\n"
        + "msDS-SupportedEncryptionTypes: " + enctypes + "\n";
    Commands.run(List.of(SambaTools.get().path("ldbmodify").toString(),
        "-H", dir.resolve("private/sam.ldb").toString()), Map.of(), ldif, TOOL_TIMEOUT)
        .orThrow();
  }

  /** Sets an account's password as an administrator would: new keys, kvno + 1. */
  public void setPassword(String account, String password) throws IOException {
    tool("user", "setpassword", account, "--newpassword=" + password);
  }

  /** The account's current key version number ({@code msDS-KeyVersionNumber}). */
  public int keyVersion(String account) throws IOException {
    return Integer.parseInt(match(KEY_VERSION,
        tool("user", "show", account, "--attributes=msDS-KeyVersionNumber")));
  }

  /** Appends the current keys of one principal (an SPN or account name) to a keytab. */
  public void exportKeytab(Path keytab, String principal) throws IOException {
    tool("domain", "exportkeytab", keytab.toString(), "--principal=" + principal);
  }

  /** Runs {@code samba-tool ARGS -s smb.conf} on this DC's database and fails if it does. */
  public ProcessResult tool(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(args));
    command.addAll(List.of("-s", smbConf().toString()));
    return samba(dir, "samba-tool", command.toArray(String[]::new)).orThrow();
  }

  @Override
  public void close() throws IOException {
    Commands.stop(samba);
    Commands.deleteTree(dir);
  }

  private Path smbConf() {
    return dir.resolve("etc/smb.conf");
  }

  private static String match(Pattern pattern, ProcessResult result) {
    Matcher m = pattern.matcher(result.stdout());
    if (!m.find()) {
      throw new IllegalStateException("expected " + pattern + " in: " + result.describe());
    }
    return m.group(1);
  }

  private static ProcessResult samba(Path dir, String tool, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(SambaTools.get().path(tool).toString());
    command.addAll(List.of(args));
    return Commands.run(command, Map.of("HOME", dir.toString()), null, TOOL_TIMEOUT);
  }

  /**
   * Starts {@code samba} in the foreground, KDC service only, and waits for its port. Its stdin
   * stays a pipe from this JVM: {@code samba -i} exits on EOF there, so a test JVM that dies
   * without {@link #close()} takes its DC with it.
   */
  private void launch() throws IOException {
    ProcessBuilder builder = new ProcessBuilder(SambaTools.get().path("samba").toString(),
        "-i", "-M", "single", "-s", smbConf().toString(), "--option=server services=kdc")
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("samba.log").toFile());
    samba = builder.start();
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!samba.isAlive()) {
        throw new IOException("samba exited " + samba.exitValue() + ":\n" + log());
      }
      if (accepts()) {
        return;
      }
      sleep();
    }
    Commands.stop(samba);
    throw new IOException("samba's KDC did not listen on port " + port + " within "
        + STARTUP_TIMEOUT + ":\n" + log());
  }

  private boolean accepts() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void sleep() throws IOException {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting samba", e);
    }
  }
}
