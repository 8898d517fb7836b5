package dev.krb5gss.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A KDC as MIT's client tools see it (RFC 4120 §3.1 {@code kinit}, §3.3 {@code kvno}, and the
 * initiators {@code gss-client} and {@code curl}): a realm, a krb5.conf naming the KDC, a
 * directory for credential caches and keytabs, and the environment each tool runs with. The MIT
 * KDC ({@link MitKdc}) and the Samba AD DC ({@code dev.krb5gss.ad.SambaDc}) both are one, so the
 * interop fixtures ({@link GssClient}, {@link Curl}) run against either.
 */
public interface KdcClients {
  /** How long any one client command may take. */
  Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

  /** The realm. */
  String realm();

  /** The krb5.conf clients use (MIT's tools and, via {@code java.security.krb5.conf}, the JDK). */
  Path krb5Conf();

  /** This KDC's private directory (for keytabs and credential caches). */
  Path directory();

  /** A path in {@link #directory()}. */
  default Path file(String name) {
    return directory().resolve(name);
  }

  /** The environment a client tool gets: this KDC's krb5.conf and the given cache. */
  Map<String, String> env(Path ccache);

  /** {@code principal@REALM}. */
  default String qualify(String principal) {
    return principal + "@" + realm();
  }

  /**
   * Points this JVM's Kerberos configuration at this KDC ({@code java.security.krb5.conf}). The
   * JDK reads it once per JVM, which is why each interop class runs in a JVM of its own; the
   * acceptor login also asks for a refresh.
   */
  default void configureThisJvm() {
    System.setProperty("java.security.krb5.conf", krb5Conf().toString());
  }

  /** The command line for a tool. */
  default List<String> command(MitTool tool, String... args) {
    List<String> command = new ArrayList<>();
    command.add(MitTools.get().path(tool).toString());
    command.addAll(List.of(args));
    return command;
  }

  /** Runs a client tool against this KDC with the given credential cache. */
  default ProcessResult run(Path ccache, MitTool tool, String... args) throws IOException {
    return Commands.run(command(tool, args), env(ccache), null, COMMAND_TIMEOUT);
  }

  /**
   * A new credential cache holding a TGT for {@code user@REALM} (password via stdin),
   * forwardable; {@code options} go before the name (e.g. {@code -E} for an enterprise name).
   */
  default Path kinit(String user, String password, String... options) throws IOException {
    Path ccache = Files.createTempFile(directory(), "cc-", "");
    Files.delete(ccache);
    List<String> args = new ArrayList<>(List.of("-f"));
    args.addAll(List.of(options));
    args.add(user.contains("@") ? user : qualify(user));
    Commands.run(command(MitTool.KINIT, args.toArray(String[]::new)), env(ccache),
        password + "\n", COMMAND_TIMEOUT).orThrow();
    return ccache;
  }

  /** Fetches a service ticket into the cache and returns the kvno the KDC reported. */
  default int kvno(Path ccache, String principal) throws IOException {
    ProcessResult result = run(ccache, MitTool.KVNO, qualify(principal)).orThrow();
    Matcher m = Pattern.compile("kvno = (\\d+)").matcher(result.stdout());
    if (!m.find()) {
      throw new IllegalStateException("no kvno in: " + result.describe());
    }
    return Integer.parseInt(m.group(1));
  }

  /** {@code klist -e} of a credential cache (tickets with their enctypes). */
  default String klist(Path ccache) throws IOException {
    return run(ccache, MitTool.KLIST, "-e").orThrow().stdout();
  }
}
