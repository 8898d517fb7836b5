package dev.krb5gss.pac;

import dev.krb5gss.error.RejectedException;

/**
 * A PAC_SIGNATURE_DATA buffer (MS-PAC §2.8): SignatureType, Signature of the length that type
 * defines, and an optional 2-byte RODCIdentifier. Only keyed checksum types a KDC uses for PACs
 * are accepted: HMAC-SHA1-96-AES128/256 (15/16, RFC 3962), HMAC-MD5 (-138, RFC 4757 §4) and
 * HMAC-SHA256-128-AES128 / HMAC-SHA384-192-AES256 (19/20, RFC 8009) as MIT's KDC signs with
 * aes-sha2 keys.
 */
record PacSignature(int type, int signatureAt, int signatureLength, boolean rodc) {
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

  /**
   * The signature in buffer {@code buffer} of {@code layout}, checked as {@link #checkedType}
   * does; {@link #signatureAt} is where its Signature starts in {@link PacLayout#array()}.
   */
  static PacSignature parse(PacLayout layout, int buffer, PacCheck check)
      throws RejectedException {
    int type = checkedType(layout, buffer, check);
    int length = lengthOf(type);
    return new PacSignature(type, layout.at(buffer) + TYPE_LENGTH, length,
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
    int type = LeReader.u32At(layout.array(), layout.at(buffer));
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

  /** A copy of the Signature, read from the layout's {@code array} (for tests). */
  byte[] signature(byte[] array) {
    byte[] s = new byte[signatureLength];
    System.arraycopy(array, signatureAt, s, 0, signatureLength);
    return s;
  }

  /**
   * Whether {@code mac} is the Signature in the layout's {@code array}, in constant time for a
   * {@code mac} of the Signature's length (as {@link java.security.MessageDigest#isEqual}),
   * without copying it out.
   */
  boolean matches(byte[] array, byte[] mac) {
    if (mac.length != signatureLength) {
      return false;
    }
    int diff = 0;
    for (int i = 0; i < signatureLength; i++) {
      diff |= array[signatureAt + i] ^ mac[i];
    }
    return diff == 0;
  }

  /**
   * Where the bytes a checksum over the PAC reads as zeros end in the layout's array: they start
   * at {@link #signatureAt} and are everything after SignatureType, the Signature and, if present,
   * the RODCIdentifier, as MIT ({@code k5_pac_zero_signature}), Heimdal and Samba zero them
   * (MS-PAC §2.8 names the Signature field; an RODC identifier appears only in a KDC signature).
   */
  int fieldEnd() {
    return signatureAt + signatureLength + (rodc ? RODC_LENGTH : 0);
  }
}
