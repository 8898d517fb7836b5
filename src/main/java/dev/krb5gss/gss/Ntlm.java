package dev.krb5gss.gss;

import java.nio.charset.StandardCharsets;

/**
 * Recognises NTLMSSP messages (MS-NLMP §2.2: they start with the signature {@code "NTLMSSP\0"}),
 * only to say why we refuse them: a client that sends NTLM got no Kerberos ticket.
 */
public final class Ntlm {
  private static final byte[] SIGNATURE = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);

  /** The hint attached to every NTLM refusal. */
  public static final String HINT = "the client could not get a Kerberos ticket for this service"
      + " and fell back to NTLM, which is not supported: check that the service principal"
      + " name (SPN, e.g. HTTP/host) exists exactly once in the KDC (setspn -Q / -X), that the"
      + " client uses the canonical host name and not an alias (CNAME) or an IP address in the URL, and that the"
      + " account's enctypes match the keytab";

  private Ntlm() {}

  /** True when {@code token} is a raw NTLMSSP message. */
  public static boolean isNtlmssp(byte[] token) {
    if (token.length < SIGNATURE.length) {
      return false;
    }
    for (int i = 0; i < SIGNATURE.length; i++) {
      if (token[i] != SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }
}
