package dev.krb5gss.delegation;

import dev.krb5gss.crypto.CipherKey;
import dev.krb5gss.crypto.CryptoProfile;
import dev.krb5gss.crypto.CryptoProfiles;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.crypto.IntegrityException;
import dev.krb5gss.crypto.SecretBytes;
import dev.krb5gss.der.DerReader;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.name.PrincipalName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes a KRB-CRED (RFC 4120 §5.8.1) and its EncKrbCredPart (§5.8.1, key usage 14), strictly:
 * every length is checked by {@link DerReader}. The enc-part is tried with each candidate key in
 * order (the initiator's subkey, then the ticket session key), or read in the clear when its etype
 * is 0 (as Heimdal and Windows send it inside the already protected authenticator).
 */
public final class KrbCredDecoder {
  private static final int KRB_CRED_USAGE = 14;

  private KrbCredDecoder() {}

  /** The first ticket of {@code krbCred} with its credential info. */
  public static DelegatedTicket decode(byte[] krbCred, List<CipherKey> keys)
      throws RejectedException {
    DerReader cred = DerReader.of(krbCred, "KRB-CRED").read(0x76).read(DerReader.SEQUENCE);
    expectInt(cred.read(0xa0), 5, "pvno");
    expectInt(cred.read(0xa1), 22, "msg-type");
    DerReader tickets = cred.read(0xa2).read(DerReader.SEQUENCE);
    byte[] ticket = tickets.readEncoded(0x61);
    DerReader encData = cred.read(0xa3).read(DerReader.SEQUENCE);
    int etype = encData.read(0xa0).readInt32();
    encData.readOptional(0xa1);
    byte[] cipher = encData.read(0xa2).readOctetString();
    encData.expectEnd();
    byte[] plain = etype == 0 ? cipher : decrypt(EncType.of(etype), cipher, keys);
    try {
      DerReader part = DerReader.of(plain, "EncKrbCredPart").read(0x7d).read(DerReader.SEQUENCE);
      DerReader info = part.read(0xa0).read(DerReader.SEQUENCE).read(DerReader.SEQUENCE);
      return credInfo(ticket, info);
    } finally {
      java.util.Arrays.fill(plain, (byte) 0); // it holds the delegated TGT's session key
    }
  }

  private static byte[] decrypt(EncType etype, byte[] cipher, List<CipherKey> keys)
      throws RejectedException {
    CryptoProfile profile = CryptoProfiles.of(etype).orElseThrow(() -> new RejectedException(
        Reason.ENCTYPE_NOT_PERMITTED, "the delegated credential is encrypted with "
            + etype.mitName() + ", which is not implemented"));
    for (CipherKey key : keys) {
      if (key.encType().equals(etype)) {
        try {
          return profile.decrypt(key, KRB_CRED_USAGE, cipher, 0, cipher.length);
        } catch (IntegrityException e) {
          // try the next candidate key
        }
      }
    }
    throw new RejectedException(Reason.AUTHENTICATOR_INTEGRITY, "the delegated credential ("
        + etype.mitName() + ") did not decrypt with the subkey or the session key");
  }

  private static DelegatedTicket credInfo(byte[] ticket, DerReader info)
      throws RejectedException {
    DerReader keySeq = info.read(0xa0).read(DerReader.SEQUENCE);
    int keyType = keySeq.read(0xa0).readInt32();
    byte[] keyValue = keySeq.read(0xa1).readOctetString();
    keySeq.expectEnd();
    String prealm = optionalString(info, 0xa1);
    DerReader pnameField = info.readOptional(0xa2);
    List<String> pname = pnameField == null ? null : principal(pnameField);
    DerReader flagsField = info.readOptional(0xa3);
    boolean[] flags = bits(flagsField == null ? 0 : flagsField.readBits32());
    Instant authTime = optionalTime(info, 0xa4);
    Instant startTime = optionalTime(info, 0xa5);
    Instant endTime = optionalTime(info, 0xa6);
    Instant renewTill = optionalTime(info, 0xa7);
    String srealm = optionalString(info, 0xa8);
    DerReader snameField = info.readOptional(0xa9);
    List<String> sname = snameField == null ? null : principal(snameField);
    if (pname == null || prealm == null || sname == null || srealm == null || endTime == null) {
      throw new RejectedException(Reason.MALFORMED_TOKEN, "the delegated credential lacks the"
          + " client, server or end time a usable ticket needs");
    }
    SecretBytes sessionKey = SecretBytes.copyOf(keyValue);
    Arrays.fill(keyValue, (byte) 0);
    return new DelegatedTicket(ticket,
        PrincipalName.of(PrincipalName.NT_PRINCIPAL, pname, prealm),
        PrincipalName.of(PrincipalName.NT_SRV_INST, sname, srealm),
        keyType, sessionKey, flags, authTime, startTime, endTime, renewTill);
  }

  private static List<String> principal(DerReader field) throws RejectedException {
    DerReader seq = field.read(DerReader.SEQUENCE);
    seq.read(0xa0).readInt32();
    DerReader names = seq.read(0xa1).read(DerReader.SEQUENCE);
    seq.expectEnd();
    List<String> out = new ArrayList<>();
    while (names.hasMore()) {
      out.add(names.readGeneralString());
    }
    if (out.isEmpty()) {
      throw new RejectedException(Reason.MALFORMED_TOKEN, "a principal name without components");
    }
    return out;
  }

  /** RFC 4120 §5.2.8 flags, bit 0 first, from {@link DerReader#readBits32()}. */
  private static boolean[] bits(int v) {
    boolean[] flags = new boolean[32];
    for (int i = 0; i < 32; i++) {
      flags[i] = (v & (0x80000000 >>> i)) != 0;
    }
    return flags;
  }

  private static String optionalString(DerReader r, int tag) throws RejectedException {
    DerReader f = r.readOptional(tag);
    return f == null ? null : f.readGeneralString();
  }

  private static Instant optionalTime(DerReader r, int tag) throws RejectedException {
    DerReader f = r.readOptional(tag);
    return f == null ? null : f.readKerberosTime();
  }

  private static void expectInt(DerReader field, int expected, String what)
      throws RejectedException {
    int got = field.readInt32();
    if (got != expected) {
      throw new RejectedException(Reason.MALFORMED_TOKEN,
          "expected KRB-CRED " + what + " " + expected + ", got " + got);
    }
  }
}
