package dev.krb5gss.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;

/**
 * The token the user pasted: an {@code Authorization: Negotiate ...} header line, a
 * {@code Negotiate ...} value, bare base64, or {@code @FILE} holding any of those (or the raw
 * token bytes). RFC 4559 §4: the header carries the GSS token in base64.
 */
final class TokenText {
  static final int MAX_INPUT = 1 << 20;
  /** An auth-scheme (RFC 9110 §11.1, letters here) then whitespace then the credentials. */
  private static final java.util.regex.Pattern SCHEME =
      java.util.regex.Pattern.compile("([A-Za-z][A-Za-z0-9-]*)\\s+(.*)", java.util.regex.Pattern.DOTALL);

  private TokenText() {}

  /** The scheme the header named (Negotiate, NTLM, ...), or null when there was none. */
  record Decoded(String scheme, byte[] token) {}

  static Decoded decode(String arg) throws IOException {
    String text = arg;
    if (arg.startsWith("@")) {
      Path file = Path.of(arg.substring(1));
      if (Files.size(file) > MAX_INPUT) {
        throw new IOException(file + " is larger than " + MAX_INPUT + " bytes: not a token");
      }
      byte[] raw = Files.readAllBytes(file);
      if (raw.length > 0 && (raw[0] == 0x60 || raw[0] == 'N' && raw.length > 7 && raw[7] == 0)) {
        return new Decoded(null, raw); // the token itself (framed GSS token or NTLMSSP)
      }
      text = new String(raw, StandardCharsets.ISO_8859_1);
    }
    text = text.strip();
    String lower = text.toLowerCase(Locale.ROOT);
    for (String header : new String[] {"authorization:", "www-authenticate:",
        "proxy-authorization:"}) {
      if (lower.startsWith(header)) {
        text = text.substring(header.length()).strip();
        break;
      }
    }
    String scheme = null;
    java.util.regex.Matcher m = SCHEME.matcher(text);
    if (m.matches()) {
      scheme = m.group(1);
      text = m.group(2);
    } else if (text.equalsIgnoreCase("Negotiate") || text.equalsIgnoreCase("NTLM")) {
      scheme = text;
      text = "";
    }
    String base64 = text.replaceAll("\\s", "");
    if (base64.isEmpty()) {
      throw new IOException("expected a base64 token, got nothing"
          + (scheme == null ? "" : " after the scheme " + scheme));
    }
    try {
      return new Decoded(scheme, Base64.getDecoder().decode(base64));
    } catch (IllegalArgumentException e) {
      throw new IOException("expected a base64 token (RFC 4559 §4), got text that is not base64: "
          + e.getMessage());
    }
  }
}
