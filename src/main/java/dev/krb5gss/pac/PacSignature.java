package dev.krb5gss.pac;

import dev.krb5gss.error.RejectedException;

/**
 * A PAC_SIGNATURE_DATA buffer (MS-PAC §2.8): SignatureType, Signature of the length that type
 * defines, and an optional 2-byte RODCIdentifier. Only keyed checksum types a KDC uses for PACs
 * are accepted: HMAC-SHA1-96-AES128/256 (15/16, RFC 3962), HMAC-MD5 (-138, RFC 4757 §4) and
 * HMAC-SHA256-128-AES128 / HMAC-SHA384-192-AES256 (19/20, RFC 8009) as MIT's KDC signs with
 * aes-sha2 keys.
 */
record PacSignature(int type, int signatureOffset, int signatureLength, boolean rodc) {
  private static final int TYPE_LENGTH = 4;
  private static final int RODC_LENGTH = 2;

  /** The Signature length for a checksum type, or -1 for a type not used for PACs. */
  static int lengthOf(int checksumType) {
    switch (checksumType) {
      case 15: // hmac-sha1-96-aes128
      case 16: // hmac-sha1-96-aes256
        return 12;
      case -138: // hmac-md5 (rc4-hmac)
      case 19: // hmac-sha256-128-aes128
        return 16;
      case 20: // hmac-sha384-192-aes256
        return 24;
      default:
        return -1;
    }
  }

  static PacSignature parse(PacLayout layout, PacLayout.Buffer b, PacCheck check)
      throws RejectedException {
    String what = PacBufferType.name(b.type());
    if (b.size() < TYPE_LENGTH) {
      throw check.fail(what + ": expected at least 4 bytes (SignatureType), got " + b.size());
    }
    int type = layout.reader(b, check).u32();
    int length = lengthOf(type);
    if (length < 0) {
      throw check.fail(what + ": expected checksum type 15, 16, -138, 19 or 20, got " + type);
    }
    boolean rodc;
    if (b.size() == TYPE_LENGTH + length) {
      rodc = false;
    } else if (b.size() == TYPE_LENGTH + length + RODC_LENGTH) {
      rodc = true;
    } else {
      throw check.fail(what + ": expected " + (TYPE_LENGTH + length) + " or "
          + (TYPE_LENGTH + length + RODC_LENGTH) + " bytes for checksum type " + type + ", got "
          + b.size());
    }
    return new PacSignature(type, b.offset() + TYPE_LENGTH, length, rodc);
  }

  byte[] signature(byte[] pac) {
    byte[] s = new byte[signatureLength];
    System.arraycopy(pac, signatureOffset, s, 0, signatureLength);
    return s;
  }

  /**
   * Zeroes everything after SignatureType in {@code copy}: the Signature and, if present, the
   * RODCIdentifier, as MIT ({@code k5_pac_zero_signature}), Heimdal and Samba do (MS-PAC §2.8
   * names the Signature field; an RODC identifier appears only in a KDC signature).
   */
  void zero(byte[] copy) {
    java.util.Arrays.fill(copy, signatureOffset, fieldEnd(), (byte) 0);
  }

  /** The bytes {@link #zero} overwrites (Signature and RODCIdentifier), to put back afterwards. */
  byte[] field(byte[] pac) {
    return java.util.Arrays.copyOfRange(pac, signatureOffset, fieldEnd());
  }

  /** Puts back what {@link #field} returned. */
  void restore(byte[] pac, byte[] field) {
    System.arraycopy(field, 0, pac, signatureOffset, field.length);
  }

  private int fieldEnd() {
    return signatureOffset + signatureLength + (rodc ? RODC_LENGTH : 0);
  }
}
