package dev.krb5gss.web;

import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import java.util.Base64;
import java.util.Optional;

/**
 * The HTTP {@code Negotiate} authentication scheme's header values (RFC 4559 §4): the client's
 * {@code Authorization: Negotiate <base64 token>} and the server's
 * {@code WWW-Authenticate: Negotiate [<base64 token>]}.
 */
public final class NegotiateHeader {
  /** The scheme name (RFC 4559 §4.1); matched case-insensitively (RFC 7235 §2.1). */
  public static final String SCHEME = "Negotiate";

  private NegotiateHeader() {}

  /**
   * The token of an {@code Authorization} value, or empty when the value is absent or uses
   * another scheme (the caller then challenges).
   *
   * @throws RejectedException MALFORMED_TOKEN for a Negotiate value without a valid base64 token;
   *     TOKEN_TOO_LARGE when the token would exceed {@code maxTokenSize} bytes
   */
  public static Optional<byte[]> parse(String authorization, int maxTokenSize)
      throws RejectedException {
    if (authorization == null) {
      return Optional.empty();
    }
    String value = authorization.strip();
    if (!value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return Optional.empty();
    }
    String rest = value.substring(SCHEME.length());
    if (!rest.isEmpty() && rest.charAt(0) != ' ') {
      return Optional.empty();
    }
    return Optional.of(decode(rest.strip(), maxTokenSize));
  }

  private static byte[] decode(String base64, int maxTokenSize) throws RejectedException {
    if (base64.isEmpty()) {
      throw new RejectedException(Reason.MALFORMED_TOKEN,
          "expected 'Negotiate <base64 token>', got the scheme without a token");
    }
    long maxChars = 4L * ((maxTokenSize + 2) / 3);
    if (base64.length() > maxChars) {
      throw new RejectedException(Reason.TOKEN_TOO_LARGE, "expected at most " + maxChars
          + " base64 characters (" + maxTokenSize + " bytes), got " + base64.length());
    }
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new RejectedException(Reason.MALFORMED_TOKEN,
          "expected a base64 token after 'Negotiate', got " + base64.length()
              + " characters that are not valid base64");
    }
  }

  /** {@code Negotiate} alone (a fresh challenge), or with {@code token} when it is not empty. */
  public static String challenge(byte[] token) {
    return token == null || token.length == 0
        ? SCHEME : SCHEME + " " + Base64.getEncoder().encodeToString(token);
  }
}
