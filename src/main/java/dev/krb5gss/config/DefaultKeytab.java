package dev.krb5gss.config;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The default keytab an acceptor falls back to when it may look beyond the caller's Subject
 * ({@code javax.security.auth.useSubjectCredsOnly=false}), as {@link KerberosDefaults} decides it.
 */
public final class DefaultKeytab {
  private DefaultKeytab() {}

  /** The default keytab for this JVM and process environment. */
  public static Path locate() {
    return KerberosDefaults.keytab(Krb5Conf.forJvm()).value();
  }

  static Path locate(UnaryOperator<String> env, Krb5Conf conf) {
    return KerberosDefaults.keytab(env, System::getProperty, conf).value();
  }
}
