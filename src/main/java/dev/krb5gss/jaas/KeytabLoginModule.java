package dev.krb5gss.jaas;

import static dev.krb5gss.jaas.KeytabLoginException.Problem.READ_ONLY_SUBJECT;

import dev.krb5gss.config.Krb5Conf;
import dev.krb5gss.config.Krb5ConfException;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

/**
 * Logs a service in as a GSS-API acceptor (RFC 2743 §2.1.1, RFC 4121) from its keytab, without
 * contacting a KDC. On commit the Subject receives what the JDK's own Kerberos mechanism reads
 * (a {@link javax.security.auth.kerberos.KerberosPrincipal} and a bound
 * {@link javax.security.auth.kerberos.KeyTab} per principal, or one unbound KeyTab for
 * {@code principal=*}) and, for krb5gss's provider, an {@link dev.krb5gss.keytab.AcceptorKeys}
 * that follows keytab rotations. So it replaces {@code Krb5LoginModule} for either mechanism.
 *
 * <p>Options: {@code keyTab} (a path, {@code file:} URL or {@code FILE:} name; default
 * krb5.conf's default_keytab_name, else /etc/krb5.keytab), {@code principal} (a name, a
 * comma-separated list, or {@code *}; without a realm, the default realm), {@code
 * allowedPrincipals} (patterns with {@code *}), {@code reload} (default true), {@code
 * reloadInterval} (ms, default 10000), {@code allowRc4} (default false), {@code requirePac}
 * (default false: refuse tickets without an MS-PAC, for services that authorize by Active
 * Directory groups; a PAC that is present is always verified), {@code replayCache} (a replay
 * cache URI such as {@code redis://host:6379/0} shared by a cluster's nodes, see
 * {@link dev.krb5gss.replay.ReplayCaches}; default the {@code krb5gss.replayCache} property, else
 * the JVM-wide in-memory cache), {@code debug}. The JDK's
 * {@code useKeyTab=true storeKey=true isInitiator=false doNotPrompt=true} are accepted with the
 * same meaning; their opposites, {@code useTicketCache}, {@code ticketCache}, {@code renewTGT}
 * and the password options are refused by name. Every failure is a {@link KeytabLoginException}
 * naming what to fix, and leaves the Subject untouched.
 *
 * <p>A keytab this JVM read fine before and that is unusable now (truncated or empty while a
 * deployment tool rewrites it in place, briefly missing) does not fail the login: with
 * {@code reload=true} (the default) the login goes on with the keys read before, from the first
 * failure until the file is valid again or for at most an hour; the reloading source warns once
 * per version of the file it could not read. A file never valid in this JVM fails the login.
 */
public final class KeytabLoginModule implements LoginModule {
  private static final System.Logger LOG = System.getLogger(KeytabLoginModule.class.getName());
  /** Whether this JVM has logged which provider serves Kerberos (once, at the first login). */
  private static final java.util.concurrent.atomic.AtomicBoolean REPORTED =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** Where this instance is in the JAAS two-phase protocol. */
  private enum Phase { NEW, LOGGED_IN, COMMITTED, DONE }

  private final KeytabLocation.Krb5ConfSupplier krb5Conf;
  private final UnaryOperator<String> properties;
  private Subject subject;
  private Map<String, ?> options = Map.of();
  private Phase phase = Phase.NEW;
  private Grant grant;
  private Level detail = Level.DEBUG;

  /** The module as JAAS creates it: krb5.conf and system properties of this JVM. */
  public KeytabLoginModule() {
    this(Krb5Conf::load, System::getProperty);
  }

  /** For tests: another krb5.conf and another view of the system properties. */
  KeytabLoginModule(KeytabLocation.Krb5ConfSupplier krb5Conf, UnaryOperator<String> properties) {
    this.krb5Conf = krb5Conf;
    this.properties = properties;
  }

  @Override
  public void initialize(Subject subject, CallbackHandler callbackHandler,
      Map<String, ?> sharedState, Map<String, ?> options) {
    this.subject = subject;
    this.options = options == null ? Map.of() : Map.copyOf(options);
    this.phase = Phase.NEW;
    this.grant = null;
  }

  /** Runs every check; nothing is added to the Subject until {@link #commit()}. */
  @Override
  public boolean login() throws LoginException {
    grant = null;
    phase = Phase.NEW;
    LoginOptions opts = LoginOptions.parse(options);
    detail = opts.debug ? Level.INFO : Level.DEBUG;
    if (subject != null && subject.isReadOnly()) {
      throw KeytabLoginException.of(READ_ONLY_SUBJECT, "KeytabLoginModule: the Subject is "
          + "read-only; log in with a new or writable Subject");
    }
    KeytabLocation.Krb5ConfSupplier conf = memoized(krb5Conf);
    KeytabLocation location = KeytabLocation.resolve(opts.keyTab, conf);
    grant = new KeytabCheck(opts, location, new Names(conf, properties)).run();
    phase = Phase.LOGGED_IN;
    LOG.log(detail, "login checked {0} from {1}", grant, location.source);
    if (REPORTED.compareAndSet(false, true)) {
      dev.krb5gss.Krb5GssProvider.report();
    }
    return true;
  }

  /** Adds the principals and credentials; returns false when this module's login did not run. */
  @Override
  public boolean commit() throws LoginException {
    if (phase != Phase.LOGGED_IN) {
      return false;
    }
    if (subject == null || subject.isReadOnly()) {
      abortQuietly();
      throw KeytabLoginException.of(READ_ONLY_SUBJECT, "KeytabLoginModule: cannot commit: the "
          + "Subject is " + (subject == null ? "missing" : "read-only"));
    }
    grant.addTo(subject);
    phase = Phase.COMMITTED;
    LOG.log(detail, "committed {0}", grant.acceptorKeys());
    return true;
  }

  /** Undoes this module's part of a failed login; returns false when it had nothing to undo. */
  @Override
  public boolean abort() {
    if (phase == Phase.NEW || phase == Phase.DONE) {
      grant = null;
      return false;
    }
    abortQuietly();
    return true;
  }

  /** Removes only what this module added. */
  @Override
  public boolean logout() {
    if (phase == Phase.COMMITTED) {
      grant.removeFrom(subject);
      LOG.log(detail, "logged out {0}", grant.acceptorKeys());
    }
    grant = null;
    phase = Phase.DONE;
    return true;
  }

  private void abortQuietly() {
    if (phase == Phase.COMMITTED && subject != null) {
      grant.removeFrom(subject);
    } else if (grant != null) {
      grant.acceptorKeys().destroy();
    }
    grant = null;
    phase = Phase.DONE;
  }

  private static KeytabLocation.Krb5ConfSupplier memoized(KeytabLocation.Krb5ConfSupplier src) {
    return new KeytabLocation.Krb5ConfSupplier() {
      private Krb5Conf conf;

      @Override
      public Krb5Conf get() throws Krb5ConfException {
        if (conf == null) {
          conf = src.get();
        }
        return conf;
      }
    };
  }
}
