package dev.krb5gss.spi;

import dev.krb5gss.error.Reason;
import org.ietf.jgss.GSSException;

/**
 * A ticket's authorization data (RFC 4120 §5.2.6) for {@code inquireSecContext(KRB5_GET_AUTHZ_DATA)}.
 * The JDK's {@code ExtendedGSSContext} casts the mechanism's answer to its internal
 * {@code sun.security.krb5.internal.AuthorizationData}: none is null, and non-empty data needs
 * that package exported to us (see {@link JdkAuthzData}).
 */
final class AuthzData {
  private AuthzData() {}

  static Object forJdk(byte[] der) throws GSSException {
    if (der.length == 0) {
      return null;
    }
    boolean exported = ModuleLayer.boot().findModule("java.security.jgss")
        .map(m -> m.isExported("sun.security.krb5.internal", AuthzData.class.getModule()))
        .orElse(false);
    if (!exported) {
      throw GssErrors.of(Reason.UNSUPPORTED_OPERATION, "authorization data needs "
          + "--add-exports java.security.jgss/sun.security.krb5.internal=ALL-UNNAMED");
    }
    return JdkAuthzData.decode(der);
  }
}
