package dev.krb5gss.keytab;

import dev.krb5gss.crypto.CryptoProfile;
import dev.krb5gss.crypto.CryptoProfiles;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.crypto.SecretBytes;
import dev.krb5gss.name.PrincipalName;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A strict parser for MIT's keytab format, versions 0x0502 (big-endian) and 0x0501 (native,
 * little-endian here). Every length is checked against what remains of its record. Unlike Kerby's
 * reader it keeps enctype numbers it does not know (19 and 20 among them) and the 32-bit kvno.
 */
public final class KeytabParser {
  /** Keytabs larger than this are refused: real ones hold at most a few hundred keys. */
  public static final int MAX_FILE_SIZE = 16 * 1024 * 1024;

  private KeytabParser() {}

  /** Parses a whole keytab file's bytes. */
  public static List<ServiceKey> parse(byte[] file) throws KeytabFormatException {
    List<ServiceKey> keys = new ArrayList<>();
    for (Entry e : entries(file)) {
      keys.add(e.key());
    }
    return keys;
  }

  /**
   * The keytab's entries without their key bytes, in file order, with each entry's timestamp
   * (when the key was written): for listings such as {@code klist -kte}.
   */
  public static List<Listing> list(byte[] file) throws KeytabFormatException {
    List<Listing> out = new ArrayList<>();
    for (Entry e : entries(file)) {
      ServiceKey k = e.key();
      out.add(new Listing(k.principal(), k.kvno(), k.encType(), e.timestamp()));
      k.secret().destroy();
      if (k.cipherKey() != null) {
        k.cipherKey().destroy();
      }
    }
    return out;
  }

  /** A keytab entry as listed: principal, kvno, enctype and timestamp; no key bytes. */
  public record Listing(PrincipalName principal, int kvno, EncType encType,
      java.time.Instant timestamp) {}

  private record Entry(ServiceKey key, java.time.Instant timestamp) {}

  private static List<Entry> entries(byte[] file) throws KeytabFormatException {
    if (file.length > MAX_FILE_SIZE) {
      throw new KeytabFormatException("keytab of " + file.length + " bytes exceeds "
          + MAX_FILE_SIZE + " bytes");
    }
    if (file.length < 2 || file[0] != 0x05 || (file[1] != 0x01 && file[1] != 0x02)) {
      throw new KeytabFormatException("not a keytab: expected version bytes 05 02 or 05 01");
    }
    boolean v1 = file[1] == 0x01;
    ByteBuffer buf = ByteBuffer.wrap(file, 2, file.length - 2)
        .order(v1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    List<Entry> keys = new ArrayList<>();
    while (buf.remaining() > 0) {
      int size = readInt(buf, "record size");
      int length = size == Integer.MIN_VALUE ? Integer.MAX_VALUE : Math.abs(size);
      if (length > buf.remaining()) {
        throw new KeytabFormatException("record of " + length + " bytes at offset "
            + (buf.position() - 4) + " runs past the end of the file");
      }
      ByteBuffer record = buf.slice();
      record.limit(length).order(buf.order());
      buf.position(buf.position() + length);
      if (size > 0) {
        keys.add(parseEntry(record, v1));
      }
    }
    return keys;
  }

  private static Entry parseEntry(ByteBuffer r, boolean v1) throws KeytabFormatException {
    int count = readShort(r, "component count");
    if (v1) {
      count--;
    }
    if (count < 1 || count > 16) {
      throw new KeytabFormatException("principal with " + count + " components");
    }
    String realm = readString(r, "realm");
    List<String> comps = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      comps.add(readString(r, "principal component"));
    }
    int nameType = v1 ? PrincipalName.NT_PRINCIPAL : readInt(r, "name type");
    long timestamp = readInt(r, "timestamp") & 0xffffffffL;
    need(r, 1, "kvno");
    int kvno = r.get() & 0xff;
    int encType = readShort(r, "key type");
    int keyLen = readShort(r, "key length");
    need(r, keyLen, "key bytes");
    byte[] key = new byte[keyLen];
    r.get(key);
    if (r.remaining() >= 4) {
      int kvno32 = r.getInt();
      if (kvno32 != 0) {
        kvno = kvno32;
      }
    }
    checkKeyLength(EncType.of(encType), keyLen);
    PrincipalName principal = PrincipalName.of(nameType, comps, realm);
    SecretBytes secret = SecretBytes.copyOf(key);
    Arrays.fill(key, (byte) 0);
    return new Entry(new ServiceKey(principal, kvno, EncType.of(encType), secret),
        java.time.Instant.ofEpochSecond(timestamp));
  }

  /** A key of the wrong size for an enctype we implement would fail later, unchecked. */
  private static void checkKeyLength(EncType encType, int keyLen) throws KeytabFormatException {
    int expected = CryptoProfiles.of(encType).map(CryptoProfile::keyLength).orElse(keyLen);
    if (keyLen != expected) {
      throw new KeytabFormatException("a key for " + encType.mitName() + " must be " + expected
          + " bytes, got " + keyLen);
    }
  }

  private static String readString(ByteBuffer r, String what) throws KeytabFormatException {
    int len = readShort(r, what + " length");
    need(r, len, what);
    byte[] b = new byte[len];
    r.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static int readShort(ByteBuffer r, String what) throws KeytabFormatException {
    need(r, 2, what);
    return r.getShort() & 0xffff;
  }

  private static int readInt(ByteBuffer r, String what) throws KeytabFormatException {
    need(r, 4, what);
    return r.getInt();
  }

  private static void need(ByteBuffer r, int n, String what) throws KeytabFormatException {
    if (r.remaining() < n) {
      throw new KeytabFormatException("truncated keytab: " + what + " needs " + n
          + " bytes, " + r.remaining() + " remain in the record");
    }
  }
}
