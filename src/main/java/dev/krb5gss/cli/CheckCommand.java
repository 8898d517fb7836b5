package dev.krb5gss.cli;

import dev.krb5gss.keytab.KeytabParser.Listing;
import dev.krb5gss.name.PrincipalName;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.Subject;
import javax.security.auth.login.LoginException;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code krb5gss check --keytab FILE [--spn SPN]}: the end-to-end test of a deployment. With the
 * current client credentials it obtains a service ticket for the SPN through the JDK's own
 * initiator (a TGS exchange, RFC 4120 §3.3), then accepts it with krb5gss and this keytab
 * (RFC 4120 §3.2.3), and prints OK with the enctype and kvno, or the Reason and its message.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Get a service ticket with your credentials and accept it with the keytab.")
final class CheckCommand implements Callable<Integer> {
  private static final Oid KRB5 = oid("1.2.840.113554.1.2.2");
  private static final Oid KRB5_PRINCIPAL = oid("1.2.840.113554.1.2.2.1");
  private static final Pattern KRB_CODE = Pattern.compile("\\((\\d{1,2})\\)");

  @Spec
  CommandSpec spec;

  @Option(names = "--keytab", paramLabel = "FILE", required = true,
      description = "The service's keytab.")
  Path keytab;

  @Option(names = "--spn", paramLabel = "PRINCIPAL",
      description = "The service principal, e.g. HTTP/web.example.com@EXAMPLE.COM (default: "
          + "every principal of the keytab).")
  List<String> spns = new ArrayList<>();

  @Option(names = "--user", paramLabel = "PRINCIPAL",
      description = "Log in as this user with a password (prompted, or read from stdin) instead "
          + "of using the ticket cache.")
  String user;

  @Option(names = "--ccache", paramLabel = "FILE",
      description = "The client's ticket cache (default: KRB5CCNAME, else the JDK's default).")
  Path ccache;

  @Option(names = "--krb5-conf", paramLabel = "FILE",
      description = "krb5.conf for the client side (default: KRB5_CONFIG, else the JDK's).")
  Path krb5Conf;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    Report r = new Report("check").put("keytab", keytab.toString());
    configureKrb5();
    Optional<List<Listing>> entries = KeytabFile.read(keytab, r);
    Set<String> targets = new LinkedHashSet<>(spns);
    if (targets.isEmpty() && entries.isPresent()) {
      entries.get().stream().map(Listing::principal).map(PrincipalName::toString)
          .filter(p -> !p.startsWith("krbtgt/")).forEach(targets::add);
    }
    if (!r.ok()) {
      return r.print(spec.commandLine().getOut(), json);
    }
    Subject client = login(r);
    if (client != null) {
      List<Object> results = new ArrayList<>();
      r.put("checks", results);
      for (String spn : targets) {
        Report one = new Report("check").put("spn", spn);
        check(client, spn, keytab, one);
        r.line("SPN " + spn + ":");
        one.lines().forEach(l -> r.line("  " + l));
        one.findings().forEach(r::add);
        results.add(one.toMap());
      }
    }
    return r.print(spec.commandLine().getOut(), json);
  }

  private void configureKrb5() {
    String conf = krb5Conf != null ? krb5Conf.toString() : System.getenv("KRB5_CONFIG");
    if (conf != null && System.getProperty("java.security.krb5.conf") == null) {
      System.setProperty("java.security.krb5.conf", conf);
    }
  }

  private Subject login(Report r) throws IOException {
    try {
      if (user != null) {
        r.put("client", user).line("Client: " + user + " (password login)");
        return ClientLogin.withPassword(user, password());
      }
      Path cache = ccache != null ? ccache : cacheFromEnv();
      r.put("ccache", cache == null ? "default" : cache.toString())
          .line("Client: ticket cache " + (cache == null ? "(JDK default)" : cache));
      return ClientLogin.fromCache(cache);
    } catch (LoginException e) {
      r.add(Finding.error("NO_CLIENT_CREDENTIALS", "cannot get the client's Kerberos "
          + "credentials: " + e.getMessage() + (user == null ? " (run kinit, set KRB5CCNAME or"
          + " pass --ccache, or pass --user)" : "")));
      return null;
    }
  }

  private static Path cacheFromEnv() {
    String name = System.getenv("KRB5CCNAME");
    if (name == null || name.isBlank()) {
      return null;
    }
    return Path.of(name.startsWith("FILE:") ? name.substring(5) : name);
  }

  private char[] password() throws IOException {
    Console console = System.console();
    if (console != null) {
      char[] pw = console.readPassword("Password for %s: ", user);
      if (pw != null) {
        return pw;
      }
    }
    String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
        .readLine();
    if (line == null) {
      throw new IOException("expected the password on standard input, got end of input");
    }
    return line.toCharArray();
  }

  private static void check(Subject client, String spn, Path keytab, Report r) {
    byte[] token;
    try {
      token = ClientLogin.callAs(client, () -> serviceTicketToken(spn));
    } catch (GSSException e) {
      r.add(initiatorFailure(spn, e));
      return;
    } catch (Exception e) {
      r.add(Finding.error("INITIATOR_FAILED", "the JDK's initiator failed: " + e));
      return;
    }
    r.line("Service ticket obtained from the KDC (" + token.length + "-byte AP-REQ)");
    TokenExplainer.explain(token, r);
    if (r.ok()) {
      AcceptorRun.run(keytab, token, Duration.ofMinutes(5), false, r);
    }
  }

  private static byte[] serviceTicketToken(String spn) throws GSSException {
    GSSManager manager = GSSManager.getInstance();
    GSSName target = manager.createName(spn, KRB5_PRINCIPAL);
    GSSContext ctx = manager.createContext(target, KRB5, null, GSSContext.DEFAULT_LIFETIME);
    try {
      ctx.requestMutualAuth(true);
      return ctx.initSecContext(new byte[0], 0, 0);
    } finally {
      ctx.dispose();
    }
  }

  /** The KDC's answer (RFC 4120 §7.5.9 error code, as the JDK reports it) as a finding. */
  static Finding initiatorFailure(String spn, GSSException e) {
    String cause = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
    Matcher m = KRB_CODE.matcher(cause == null ? "" : cause);
    int code = m.find() ? Integer.parseInt(m.group(1)) : -1;
    return switch (code) {
      case 7 -> Finding.error("SPN_UNKNOWN_TO_KDC", "the KDC has no principal " + spn
          + " (" + cause + "): register the SPN on the service account (AD: setspn -S; MIT: "
          + "kadmin addprinc) or use the name the keytab holds");
      case 14 -> Finding.error("ENCTYPE_NOT_SUPPORTED_BY_KDC", "the KDC and the client share no"
          + " enctype for " + spn + " (" + cause + "): enable AES on the service account");
      case 37 -> Finding.error("CLOCK_SKEW_WITH_KDC", "this machine's clock differs from the "
          + "KDC's by more than the allowed skew (" + cause + "): synchronise the clocks (NTP)");
      default -> Finding.error("INITIATOR_FAILED", "the JDK's initiator could not get a ticket"
          + " for " + spn + ": " + e.getMessage() + (cause != null && !cause.equals(
              e.getMessage()) ? " (" + cause + ")" : ""));
    };
  }

  private static Oid oid(String dotted) {
    try {
      return new Oid(dotted);
    } catch (GSSException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
