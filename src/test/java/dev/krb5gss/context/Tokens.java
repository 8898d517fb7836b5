package dev.krb5gss.context;

import dev.krb5gss.crypto.EncType;
import dev.krb5gss.crypto.SecretBytes;
import dev.krb5gss.der.ObjectId;
import dev.krb5gss.gss.MechOids;
import dev.krb5gss.keytab.ServiceKey;
import dev.krb5gss.keytab.ServiceKeyTable;
import dev.krb5gss.name.PrincipalName;
import dev.krb5gss.spnego.NegTokenInit;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

/** Hand-built client tokens for tests that stop before the Kerberos step. */
final class Tokens {
  /** An NTLMSSP NEGOTIATE message header (MS-NLMP §2.2.1.1), as a client's optimistic token. */
  static final byte[] NTLM_NEGOTIATE = "NTLMSSP\0\1\0\0\0\7\202\10\242".getBytes(StandardCharsets.ISO_8859_1);

  private Tokens() {}

  /** NegTokenInit offering NTLM first (with its optimistic token), then krb5. */
  static byte[] ntlmFirstThenKrb5() {
    return NegTokenInit.encode(List.of(MechOids.NTLM, MechOids.KRB5), NTLM_NEGOTIATE, null);
  }

  static byte[] offer(ObjectId... mechs) {
    return NegTokenInit.encode(List.of(mechs), NTLM_NEGOTIATE, null);
  }

  /** A key table with one random aes256 key, for acceptors whose tests never reach Kerberos. */
  static ServiceKeyTable randomKeys() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return ServiceKeyTable.of(List.of(new ServiceKey(PrincipalName.parse("HTTP/localhost@TEST", ""),
        1, EncType.AES256_CTS_HMAC_SHA1_96, SecretBytes.copyOf(key))));
  }
}
