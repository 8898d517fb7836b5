package dev.krb5gss.jaas;

import java.util.Objects;
import java.util.Optional;
import javax.security.auth.login.LoginException;

/**
 * Why {@link KeytabLoginModule} refused a login: a machine-readable {@link Problem}, the option
 * at fault when there is one, and a message a person can act on (never key material).
 */
public final class KeytabLoginException extends LoginException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Problem {
    /** An option this module does not know (often a misspelling: {@code keytab} for {@code keyTab}). */
    UNKNOWN_OPTION,
    /** An option with a value that cannot be used (not a boolean, not a number, empty). */
    INVALID_OPTION,
    /** A Krb5LoginModule option that makes no sense for an acceptor (isInitiator=true, ...). */
    UNSUPPORTED_OPTION,
    /** No principal option. */
    NO_PRINCIPAL,
    /** A principal or pattern without a realm, and no default realm is configured. */
    NO_REALM,
    /** The krb5.conf consulted for the default realm or keytab could not be read or parsed. */
    BAD_KRB5_CONF,
    /** The keytab file does not exist. */
    KEYTAB_MISSING,
    /** The keytab exists but cannot be read (permissions, a directory, ...). */
    KEYTAB_UNREADABLE,
    /** The file is not a valid keytab. */
    KEYTAB_MALFORMED,
    /** The keytab holds no key for a requested principal (or no key at all). */
    PRINCIPAL_NOT_IN_KEYTAB,
    /** The allowedPrincipals allowlist admits none of (or not all of) the principals. */
    PRINCIPAL_NOT_ALLOWED,
    /** The keytab holds no key the enctype policy permits for a principal. */
    NO_PERMITTED_ENCTYPE,
    /** The Subject is read-only. */
    READ_ONLY_SUBJECT
  }

  private final Problem problem;
  private final String option;

  KeytabLoginException(Problem problem, String option, String message) {
    super(message);
    this.problem = Objects.requireNonNull(problem, "problem");
    this.option = option;
  }

  static KeytabLoginException of(Problem problem, String message) {
    return new KeytabLoginException(problem, null, message);
  }

  static KeytabLoginException option(Problem problem, String option, String message) {
    return new KeytabLoginException(problem, option, message);
  }

  public Problem problem() {
    return problem;
  }

  /** The option at fault, for option problems. */
  public Optional<String> option() {
    return Optional.ofNullable(option);
  }
}
