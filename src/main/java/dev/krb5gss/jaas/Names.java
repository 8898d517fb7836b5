package dev.krb5gss.jaas;

import static dev.krb5gss.jaas.KeytabLoginException.Problem.BAD_KRB5_CONF;
import static dev.krb5gss.jaas.KeytabLoginException.Problem.INVALID_OPTION;
import static dev.krb5gss.jaas.KeytabLoginException.Problem.NO_REALM;

import dev.krb5gss.config.KerberosDefaults;
import dev.krb5gss.config.Krb5Conf;
import dev.krb5gss.config.Krb5ConfException;
import dev.krb5gss.name.PrincipalName;
import dev.krb5gss.name.PrincipalPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Principal names and allowlist patterns from options, completed with the default realm: the
 * JDK's {@code java.security.krb5.realm} property, else krb5.conf {@code [libdefaults]
 * default_realm}. The krb5.conf is read only when a name lacks a realm.
 */
final class Names {
  static final String REALM_PROPERTY = KerberosDefaults.REALM_PROPERTY;

  private final KeytabLocation.Krb5ConfSupplier conf;
  private final UnaryOperator<String> properties;
  private String realm;
  private String realmSource;

  Names(KeytabLocation.Krb5ConfSupplier conf, UnaryOperator<String> properties) {
    this.conf = conf;
    this.properties = properties;
  }

  /** {@code text} as a principal; without a realm, in the default realm. */
  PrincipalName principal(String text) throws KeytabLoginException {
    String withRealm = text.indexOf('@') >= 0 ? text : text + "@" + defaultRealm(text);
    try {
      return PrincipalName.parse(withRealm, null);
    } catch (IllegalArgumentException e) {
      throw KeytabLoginException.option(INVALID_OPTION, LoginOptions.PRINCIPAL,
          "KeytabLoginModule: principal " + text + " is not a principal name: " + e.getMessage());
    }
  }

  /** The allowlist; a pattern without a realm is completed with the default realm if known. */
  List<PrincipalPattern> patterns(List<String> texts) throws KeytabLoginException {
    List<PrincipalPattern> out = new ArrayList<>();
    for (String t : texts) {
      String dflt = t.indexOf('@') >= 0 || t.equals("*") ? null : realmOrNull();
      out.add(PrincipalPattern.compile(t, dflt));
    }
    return out;
  }

  private String defaultRealm(String forName) throws KeytabLoginException {
    String r = realmOrNull();
    if (r == null) {
      throw KeytabLoginException.option(NO_REALM, LoginOptions.PRINCIPAL, "KeytabLoginModule: "
          + "principal " + forName + " has no realm and no default realm is configured ("
          + realmSource + "); write it as " + forName + "@YOUR.REALM or set default_realm");
    }
    return r;
  }

  private String realmOrNull() throws KeytabLoginException {
    if (realmSource != null) {
      return realm;
    }
    try {
      Krb5Conf krb5 = conf.get();
      Optional<KerberosDefaults.Located<String>> located =
          KerberosDefaults.realm(properties, krb5);
      realm = located.map(KerberosDefaults.Located::value).orElse(null);
      realmSource = located.map(KerberosDefaults.Located::source)
          .orElse(KerberosDefaults.realmSources(krb5));
      return realm;
    } catch (Krb5ConfException e) {
      throw KeytabLoginException.of(BAD_KRB5_CONF, "KeytabLoginModule: a name has no realm and "
          + "the krb5.conf for the default realm cannot be used: " + e.getMessage());
    }
  }
}
