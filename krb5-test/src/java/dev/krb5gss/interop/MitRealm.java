package dev.krb5gss.interop;

import dev.krb5gss.testkit.JaasLogins;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.Subject;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The set-up every MIT interop class shares, as a JUnit 5 extension: one {@link MitKdc} per test
 * class (RFC 4120 §3.1 AS exchange through MIT's {@code kinit}), this JVM's krb5.conf pointed at
 * it, one user (password login, aes-sha1 keys) with a credential cache, the services and keytabs
 * the class declares, in the order it declares them, and optionally a keytab login Subject for
 * the acceptors ({@code principal=*}, the keys stored). Started before the class's own
 * {@code @BeforeAll} methods, stopped after its {@code @AfterAll} methods.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final MitRealm REALM = MitRealm.user("dave", "dave-password")
 *     .service("HTTP/localhost", MitEnctypes.AES_SHA1)
 *     .ktadd("http.keytab", MitEnctypes.AES_SHA1, "HTTP/localhost")
 *     .acceptorSubject("http.keytab");
 * }</pre>
 */
public final class MitRealm implements BeforeAllCallback, AfterAllCallback {
  /** How long a test waits for the acceptor's side of one connection. */
  public static final Duration WAIT = Duration.ofSeconds(20);

  /** What MIT's gss-client printed and what the acceptor saw, for one connection. */
  public record GssSampleRun(ProcessResult client, AcceptorSession session) {}

  /** One set-up step against the started KDC. */
  @FunctionalInterface
  public interface Step {
    /** Runs the step. */
    void run(MitKdc kdc) throws Exception;
  }

  private final String user;
  private final String password;
  private final List<String> libdefaults = new ArrayList<>();
  private final List<Step> steps = new ArrayList<>();
  private String subjectKeytab;
  private MitKdc kdc;
  private Path ccache;
  private Subject subject;

  private MitRealm(String user, String password) {
    this.user = user;
    this.password = password;
  }

  /** A realm whose user {@code name} logs in with {@code password} (aes-sha1 keys). */
  public static MitRealm user(String name, String password) {
    return new MitRealm(name, password);
  }

  /** Extra {@code [libdefaults]} lines of the realm's krb5.conf. */
  public MitRealm libdefaults(String... lines) {
    libdefaults.addAll(List.of(lines));
    return this;
  }

  /** Adds a service principal with random keys of {@code enctypes}. */
  public MitRealm service(String principal, String enctypes) {
    return then(k -> k.addService(principal, enctypes));
  }

  /** MIT's ktadd of {@code principals} (new keys of {@code enctypes}) into keytab {@code name}. */
  public MitRealm ktadd(String name, String enctypes, String... principals) {
    return then(k -> k.keytabs().ktadd(k.file(name), enctypes, principals));
  }

  /** Any other set-up step, run in declaration order with the ones above. */
  public MitRealm then(Step step) {
    steps.add(step);
    return this;
  }

  /** Logs an acceptor in from keytab file {@code name} once the steps ran: {@link #subject()}. */
  public MitRealm acceptorSubject(String name) {
    subjectKeytab = name;
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    kdc = MitKdc.start(List.copyOf(libdefaults));
    kdc.configureThisJvm();
    kdc.addUser(user, password, MitEnctypes.AES_SHA1);
    for (Step step : steps) {
      step.run(kdc);
    }
    ccache = kdc.kinit(user, password);
    if (subjectKeytab != null) {
      subject = JaasLogins.acceptor(keytab(subjectKeytab), "*", true);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (kdc != null) {
      kdc.close();
      kdc = null;
    }
  }

  /** The running KDC. */
  public MitKdc kdc() {
    return started(kdc);
  }

  /** The user's credential cache, holding a TGT from {@code kinit}. */
  public Path ccache() {
    return started(ccache);
  }

  /** The keytab file {@code name} in the KDC's directory. */
  public Path keytab(String name) {
    return kdc().file(name);
  }

  /** The acceptors' keytab login (see {@link #acceptorSubject}). */
  public Subject subject() {
    return started(subject);
  }

  /**
   * One gss-client connection (the gss-sample protocol) with {@code options}, from the user's
   * ccache to {@code service}/localhost, against a fresh unbound acceptor of kind
   * {@code acceptor} on {@code subject}'s keys, sending {@code message}.
   */
  public GssSampleRun gssClient(AcceptorUnderTest acceptor, Subject subject, Path ccache,
      GssClient options, String service, String message) throws Exception {
    try (GssAcceptor gss = GssAcceptor.open(acceptor, subject, null);
        GssSampleServer server = GssSampleServer.start(gss)) {
      ProcessResult client = options.call(kdc(), ccache, server.port(), service, message);
      return new GssSampleRun(client, server.nextSession(WAIT));
    }
  }

  /** {@link #gssClient(AcceptorUnderTest, Subject, Path, GssClient, String, String)} as the
   * class's user on the class's acceptor Subject. */
  public GssSampleRun gssClient(AcceptorUnderTest acceptor, GssClient options, String service,
      String message) throws Exception {
    return gssClient(acceptor, subject(), ccache(), options, service, message);
  }

  /** The user's name qualified with the realm. */
  public String qualifiedUser() {
    return kdc().qualify(user);
  }

  private static <T> T started(T value) {
    if (value == null) {
      throw new IllegalStateException("expected the MIT realm started (register it as a static"
          + " @RegisterExtension field; acceptorSubject() for subject()), got nothing");
    }
    return value;
  }
}
