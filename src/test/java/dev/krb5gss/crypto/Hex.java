package dev.krb5gss.crypto;

import java.util.HexFormat;

/** Hex for test vectors: whitespace ignored, "-" is the empty string. */
final class Hex {
  private Hex() {}

  static byte[] bytes(String hex) {
    String s = hex.replaceAll("\\s", "");
    return s.equals("-") ? new byte[0] : HexFormat.of().parseHex(s.toLowerCase());
  }

  static String of(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
