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

  static PacSignature parse(PacLayout layout, int buffer, PacCheck check)
      throws RejectedException {
    int type = checkedType(layout, buffer, check);
    int length = lengthOf(type);
    return new PacSignature(type, layout.offset(buffer) + TYPE_LENGTH, length,
        layout.size(buffer) == TYPE_LENGTH + length + RODC_LENGTH);
  }

  /**
   * Checks the shape of signature buffer {@code buffer} (a checksum type used for PACs, the size
   * that type defines, with or without an RODCIdentifier) and returns its SignatureType; what
   * {@link #parse} checks, without making a value.
   */
  static int checkedType(PacLayout layout, int buffer, PacCheck check)
      throws RejectedException {
    String what = PacBufferType.name(layout.type(buffer));
    int size = layout.size(buffer);
    if (size < TYPE_LENGTH) {
      throw check.fail(what + ": expected at least 4 bytes (SignatureType), got " + size);
    }
    int type = LeReader.u32At(layout.pac(), layout.offset(buffer));
    int length = lengthOf(type);
    if (length < 0) {
      throw check.fail(what + ": expected checksum type 15, 16, -138, 19 or 20, got " + type);
    }
    if (size != TYPE_LENGTH + length && size != TYPE_LENGTH + length + RODC_LENGTH) {
      throw check.fail(what + ": expected " + (TYPE_LENGTH + length) + " or "
          + (TYPE_LENGTH + length + RODC_LENGTH) + " bytes for checksum type " + type + ", got "
          + size);
    }
    return type;
  }

  byte[] signature(byte[] pac) {
    byte[] s = new byte[signatureLength];
    System.arraycopy(pac, signatureOffset, s, 0, signatureLength);
    return s;
  }

  /**
   * Whether {@code mac} is the Signature in {@code pac}, in constant time for a {@code mac} of the
   * Signature's length (as {@link java.security.MessageDigest#isEqual}), without copying it out.
   */
  boolean matches(byte[] pac, byte[] mac) {
    if (mac.length != signatureLength) {
      return false;
    }
    int diff = 0;
    for (int i = 0; i < signatureLength; i++) {
      diff |= pac[signatureOffset + i] ^ mac[i];
    }
    return diff == 0;
  }

  /**
   * Zeroes everything after SignatureType in {@code copy}: the Signature and, if present, the
   * RODCIdentifier, as MIT ({@code k5_pac_zero_signature}), Heimdal and Samba do (MS-PAC §2.8
   * names the Signature field; an RODC identifier appears only in a KDC signature).
   */
  void zero(byte[] copy) {
    java.util.Arrays.fill(copy, signatureOffset, signatureOffset + fieldLength(), (byte) 0);
  }

  /** The length of what {@link #zero} overwrites (Signature and RODCIdentifier). */
  int fieldLength() {
    return signatureLength + (rodc ? RODC_LENGTH : 0);
  }

  /** Copies the bytes {@link #zero} overwrites to {@code saved[at, at + fieldLength())}. */
  void save(byte[] pac, byte[] saved, int at) {
    System.arraycopy(pac, signatureOffset, saved, at, fieldLength());
  }

  /** Puts back what {@link #save} copied to {@code saved[at, at + fieldLength())}. */
  void restore(byte[] pac, byte[] saved, int at) {
    System.arraycopy(saved, at, pac, signatureOffset, fieldLength());
  }
}
