package dev.krb5gss.der;

import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An OBJECT IDENTIFIER (X.690 §8.19) as its DER contents and its dotted form; immutable, equal by
 * value. Used for GSS mechanism OIDs (RFC 2743 §3.1, RFC 4178 §4.1).
 */
public final class ObjectId {
  private static final int MAX_KNOWN = 64;
  private static volatile ObjectId[] known = new ObjectId[0];

  private final byte[] contents;
  private final String dotted;

  private ObjectId(byte[] contents, String dotted) {
    this.contents = contents;
    this.dotted = dotted;
  }

  /** Parses dotted text such as {@code 1.2.840.113554.1.2.2}. */
  public static ObjectId of(String dotted) {
    String[] parts = dotted.split("\\.");
    if (parts.length < 2) {
      throw new IllegalArgumentException("an OID needs at least two arcs: " + dotted);
    }
    long first = Long.parseLong(parts[0]);
    long second = Long.parseLong(parts[1]);
    if (first > 2 || (first < 2 && second > 39)) {
      throw new IllegalArgumentException("invalid first arcs in " + dotted);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeArc(out, first * 40 + second);
    for (int i = 2; i < parts.length; i++) {
      writeArc(out, Long.parseLong(parts[i]));
    }
    return remember(new ObjectId(out.toByteArray(), dotted));
  }

  /**
   * Keeps OIDs our code names (the mechanism constants) so that reading one from a token is a
   * comparison, not a decode; bounded, as only code calls {@link #of}.
   */
  private static synchronized ObjectId remember(ObjectId oid) {
    ObjectId[] now = known;
    for (ObjectId k : now) {
      if (k.equals(oid)) {
        return k;
      }
    }
    if (now.length < MAX_KNOWN) {
      ObjectId[] next = Arrays.copyOf(now, now.length + 1);
      next[now.length] = oid;
      known = next;
    }
    return oid;
  }

  /** The remembered OID whose DER contents are {@code data[from, to)}, or null. */
  static ObjectId known(byte[] data, int from, int to) {
    for (ObjectId k : known) {
      if (Arrays.equals(k.contents, 0, k.contents.length, data, from, to)) {
        return k;
      }
    }
    return null;
  }

  /** Decodes DER contents (X.690 §8.19.2: base-128 arcs, no leading 0x80 octets). */
  static ObjectId fromContents(byte[] contents, String what) throws RejectedException {
    if (contents.length == 0 || (contents[contents.length - 1] & 0x80) != 0) {
      throw new RejectedException(Reason.MALFORMED_TOKEN,
          what + ": expected an OBJECT IDENTIFIER, got a truncated one");
    }
    List<Long> arcs = new ArrayList<>();
    long value = 0;
    boolean start = true;
    for (byte b : contents) {
      if (start && (b & 0xff) == 0x80) {
        throw new RejectedException(Reason.MALFORMED_TOKEN,
            what + ": expected a minimal OID arc, got a leading 0x80 octet");
      }
      if (value > (Long.MAX_VALUE >> 7)) {
        throw new RejectedException(Reason.MALFORMED_TOKEN,
            what + ": expected OID arcs of at most 63 bits, got a longer one");
      }
      value = (value << 7) | (b & 0x7f);
      start = (b & 0x80) == 0;
      if (start) {
        arcs.add(value);
        value = 0;
      }
    }
    long first = arcs.get(0);
    StringBuilder sb = new StringBuilder();
    sb.append(first < 80 ? first / 40 : 2).append('.').append(first < 80 ? first % 40 : first - 80);
    for (int i = 1; i < arcs.size(); i++) {
      sb.append('.').append(arcs.get(i));
    }
    return new ObjectId(contents.clone(), sb.toString());
  }

  private static void writeArc(ByteArrayOutputStream out, long arc) {
    if (arc < 0) {
      throw new IllegalArgumentException("negative OID arc");
    }
    int groups = 1;
    for (long v = arc >>> 7; v != 0; v >>>= 7) {
      groups++;
    }
    for (int g = groups - 1; g >= 0; g--) {
      int septet = (int) ((arc >>> (7 * g)) & 0x7f);
      out.write(g == 0 ? septet : septet | 0x80);
    }
  }

  /** The DER contents octets (a copy). */
  public byte[] contents() {
    return contents.clone();
  }

  /** The full DER encoding, {@code 06 len contents}. */
  public byte[] encoded() {
    return DerWriter.oid(this);
  }

  public String dotted() {
    return dotted;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ObjectId && Arrays.equals(contents, ((ObjectId) o).contents);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(contents);
  }

  @Override
  public String toString() {
    return dotted;
  }
}
