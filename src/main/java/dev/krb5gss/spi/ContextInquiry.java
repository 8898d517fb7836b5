package dev.krb5gss.spi;

import dev.krb5gss.ap.ApEstablished;
import dev.krb5gss.crypto.CipherKey;
import dev.krb5gss.error.Reason;
import java.security.Key;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.security.auth.kerberos.EncryptionKey;
import org.ietf.jgss.GSSException;

/**
 * Answers {@code ExtendedGSSContext.inquireSecContext} (the JDK's {@code InquireType}) with the
 * same value types as the JDK's Kerberos mechanism: the context key (RFC 4121 §2), the ticket's
 * authorization data (RFC 4120 §5.2.6) and its authtime as a KerberosTime string.
 */
final class ContextInquiry {
  private static final DateTimeFormatter KERBEROS_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

  private ContextInquiry() {}

  static Object inquire(ApEstablished est, String type) throws GSSException {
    switch (type) {
      case "KRB5_GET_SESSION_KEY":
        return new ContextKey(est.contextKey());
      case "KRB5_GET_SESSION_KEY_EX":
        return encryptionKey(est.contextKey());
      case "KRB5_GET_AUTHTIME":
        return KERBEROS_TIME.format(est.authTime());
      case "KRB5_GET_AUTHZ_DATA":
        return AuthzData.forJdk(est.authorizationData());
      case dev.krb5gss.pac.Pac.INQUIRE_TYPE:
        return new ContextPac.Answer(est.pac());
      case "KRB5_GET_TKT_FLAGS":
        throw GssErrors.of(Reason.UNSUPPORTED_OPERATION,
            "the ticket flags are not kept by this acceptor");
      case "KRB5_GET_KRB_CRED":
        throw GssErrors.of(Reason.UNSUPPORTED_OPERATION,
            "KRB5_GET_KRB_CRED is an initiator inquiry; use getDelegCred() on an acceptor");
      default:
        throw GssErrors.of(Reason.UNSUPPORTED_OPERATION, "unknown inquiry " + type);
    }
  }

  private static EncryptionKey encryptionKey(CipherKey key) {
    byte[] raw = key.secret().toByteArray();
    try {
      return new EncryptionKey(raw, key.encType().id());
    } finally {
      java.util.Arrays.fill(raw, (byte) 0);
    }
  }

  /** The context key as the JDK's {@code KRB5_GET_SESSION_KEY} returns it: RAW, algorithm = etype. */
  static final class ContextKey implements Key {
    private static final long serialVersionUID = 1L;
    private final transient CipherKey key;

    ContextKey(CipherKey key) {
      this.key = key;
    }

    @Override
    public String getAlgorithm() {
      return Integer.toString(key.encType().id());
    }

    @Override
    public String getFormat() {
      return "RAW";
    }

    @Override
    public byte[] getEncoded() {
      return key.secret().toByteArray();
    }

    @Override
    public String toString() {
      return "ContextKey[" + key.encType() + ", redacted]";
    }
  }
}
