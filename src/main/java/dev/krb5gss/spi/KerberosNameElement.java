package dev.krb5gss.spi;

import dev.krb5gss.gss.MechOids.Jgss;
import dev.krb5gss.Krb5GssProvider;
import dev.krb5gss.config.Krb5Conf;
import dev.krb5gss.name.PrincipalName;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.util.List;
import java.util.Locale;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;
import sun.security.jgss.spi.GSSNameSpi;

/**
 * A Kerberos mechanism name (RFC 2743 §1.1.5, RFC 1964 §2.1): a principal parsed from one of the
 * name types we support, keeping the caller's original string and type so that the JDK's own
 * mechanism can re-parse it when a request is routed there.
 *
 * <p>Equality follows RFC 2743 §2.4.3 (GSS_Compare_name) as the JDK's mechanism implements it: a
 * name given without a realm stands for that name in the default realm of the JVM's krb5.conf
 * (resolved when the name is created, RFC 1964 §2.1.1), so {@code createName("administrator",
 * NT_USER_NAME)} equals {@code administrator@DEFAULT.REALM} and not
 * {@code administrator@CHILD.EXAMPLE.COM}. A host-based service name gets the default realm as
 * well ({@code [domain_realm]} is not consulted). Without a known default realm, a name without
 * realm equals only the same name without realm. Selecting acceptor keys is more lenient: a name
 * without a realm {@linkplain #designates designates} that name in any realm of the keytab.
 */
final class KerberosNameElement implements GSSNameSpi {
  private final Oid mech;
  private final String text;
  private final Oid type;
  private final PrincipalName principal;
  /** {@link #principal} with the default realm applied where it names none: what equality uses. */
  private final PrincipalName qualified;

  private KerberosNameElement(Oid mech, String text, Oid type, PrincipalName principal) {
    this.mech = mech;
    this.text = text;
    this.type = type;
    this.principal = principal;
    this.qualified = principal.realm().isEmpty()
        ? Krb5Conf.forJvm().defaultRealm().map(principal::withRealm).orElse(principal)
        : principal;
  }

  /** Parses {@code text} of name type {@code type} (null: a Kerberos principal name). */
  static KerberosNameElement parse(Oid mech, String text, Oid type) throws GSSException {
    if (text == null || text.isEmpty()) {
      throw new GSSException(GSSException.BAD_NAME, -1, "empty name");
    }
    Oid t = type == null ? Jgss.NT_KRB5_PRINCIPAL : type;
    try {
      if (GSSName.NT_HOSTBASED_SERVICE.equals(t)) {
        return new KerberosNameElement(mech, text, t, hostBased(text));
      }
      if (GSSName.NT_USER_NAME.equals(t) || Jgss.NT_KRB5_PRINCIPAL.equals(t)
          || GSSName.NT_EXPORT_NAME.equals(t)) {
        Oid shown = GSSName.NT_EXPORT_NAME.equals(t) ? Jgss.NT_KRB5_PRINCIPAL : t;
        return new KerberosNameElement(mech, text, shown, PrincipalName.parse(text, ""));
      }
    } catch (IllegalArgumentException e) {
      throw new GSSException(GSSException.BAD_NAME, -1, "not a Kerberos name: '" + text + "'");
    }
    throw new GSSException(GSSException.BAD_NAMETYPE, -1,
        "name type " + t + " is not supported; use NT_HOSTBASED_SERVICE, NT_USER_NAME, "
            + "NT_EXPORT_NAME or the Kerberos principal name type");
  }

  /** The name of a principal we authenticated (a ticket's client or server). */
  static KerberosNameElement of(Oid mech, PrincipalName principal) {
    return new KerberosNameElement(mech, principal.toString(), Jgss.NT_KRB5_PRINCIPAL,
        principal);
  }

  /** {@code service@host} (RFC 2743 §4.1) as {@code service/host}; the host is lower-cased. */
  private static PrincipalName hostBased(String text) {
    int at = text.lastIndexOf('@');
    String service = at < 0 ? text : text.substring(0, at);
    String host = at < 0 ? localHostName() : text.substring(at + 1);
    if (service.isEmpty() || host.isEmpty()) {
      throw new IllegalArgumentException("empty service or host");
    }
    return PrincipalName.of(PrincipalName.NT_SRV_HST,
        List.of(service, host.toLowerCase(Locale.ROOT)), "");
  }

  private static String localHostName() {
    try {
      return java.net.InetAddress.getLocalHost().getCanonicalHostName();
    } catch (java.io.IOException e) {
      return "localhost";
    }
  }

  /** The principal; its realm is empty when the name did not give one. */
  PrincipalName principal() {
    return principal;
  }

  /** Whether a key's principal is the one this name designates (any realm if it names none). */
  boolean designates(PrincipalName keyPrincipal) {
    return dev.krb5gss.keytab.SubjectKeys.designates(principal, keyPrincipal);
  }

  @Override
  public Provider getProvider() {
    return Krb5GssProvider.instance();
  }

  @Override
  public boolean equals(GSSNameSpi name) {
    if (!(name instanceof KerberosNameElement)) {
      return false;
    }
    return qualified.equals(((KerberosNameElement) name).qualified);
  }

  @Override
  public boolean equals(Object another) {
    return another instanceof GSSNameSpi && equals((GSSNameSpi) another);
  }

  @Override
  public int hashCode() {
    return qualified.hashCode();
  }

  /** The mechanism part of an exported name (RFC 1964 §2.1.3): the full principal, with realm. */
  @Override
  public byte[] export() {
    return qualified.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Oid getMechanism() {
    return mech;
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public Oid getStringNameType() {
    return type;
  }

  @Override
  public boolean isAnonymousName() {
    return false;
  }
}
