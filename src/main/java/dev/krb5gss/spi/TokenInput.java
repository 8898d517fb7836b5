package dev.krb5gss.spi;

import dev.krb5gss.error.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.ietf.jgss.GSSException;

/**
 * Reads a context token from the stream the JDK hands a mechanism: exactly {@code size} bytes
 * when the JDK parsed an RFC 2743 §3.1 header, else one DER element (X.690 §8.1: a SPNEGO
 * NegTokenResp, RFC 4178 §4.2.2), so a caller's stream is never read past the token. Sizes are
 * checked against the acceptor's maximum before any allocation.
 */
final class TokenInput {
  private TokenInput() {}

  static byte[] read(InputStream in, int size, int max) throws GSSException {
    try {
      return size >= 0 ? exactly(in, size, max) : derElement(in, max);
    } catch (IOException e) {
      throw GssErrors.of(Reason.MALFORMED_TOKEN, "cannot read the token: " + e.getMessage());
    }
  }

  /**
   * An initial token whose RFC 2743 §3.1 header the JDK removed ({@code size} bytes follow in
   * {@code in}), read straight into one array behind that header rebuilt for {@code mech}: the
   * framed token the acceptor parses, without a second copy.
   */
  static byte[] readFramed(InputStream in, int size, int max, byte[] mechOid) throws GSSException {
    if (size < 0 || size > max) {
      throw GssErrors.of(Reason.TOKEN_TOO_LARGE,
          "expected at most " + max + " bytes, the header announces " + size);
    }
    int content = mechOid.length + size;
    int lengthOctets = content < 0x80 ? 0 : content < 0x100 ? 1 : content < 0x10000 ? 2 : 3;
    int header = 2 + lengthOctets;
    byte[] framed = new byte[header + content];
    framed[0] = 0x60; // [APPLICATION 0], constructed
    framed[1] = (byte) (lengthOctets == 0 ? content : 0x80 | lengthOctets);
    for (int i = 0; i < lengthOctets; i++) {
      framed[2 + i] = (byte) (content >>> (8 * (lengthOctets - 1 - i)));
    }
    System.arraycopy(mechOid, 0, framed, header, mechOid.length);
    try {
      int read = in.readNBytes(framed, header + mechOid.length, size);
      if (read != size) {
        throw GssErrors.of(Reason.MALFORMED_TOKEN,
            "the header announces " + size + " bytes, only " + read + " arrived");
      }
    } catch (IOException e) {
      throw GssErrors.of(Reason.MALFORMED_TOKEN, "cannot read the token: " + e.getMessage());
    }
    return framed;
  }

  /** Everything left in {@code in}, at most {@code max} bytes (per-message tokens, messages). */
  static byte[] readAll(InputStream in, int max) throws GSSException {
    try {
      byte[] all = in.readNBytes(max + 1);
      if (all.length > max) {
        throw GssErrors.of(Reason.TOKEN_TOO_LARGE, "expected at most " + max + " bytes");
      }
      return all;
    } catch (IOException e) {
      throw GssErrors.of(Reason.MALFORMED_TOKEN, "cannot read the token: " + e.getMessage());
    }
  }

  private static byte[] exactly(InputStream in, int size, int max)
      throws IOException, GSSException {
    if (size > max) {
      throw GssErrors.of(Reason.TOKEN_TOO_LARGE,
          "expected at most " + max + " bytes, the header announces " + size);
    }
    byte[] b = in.readNBytes(size);
    if (b.length != size) {
      throw GssErrors.of(Reason.MALFORMED_TOKEN,
          "the header announces " + size + " bytes, only " + b.length + " arrived");
    }
    return b;
  }

  private static byte[] derElement(InputStream in, int max) throws IOException, GSSException {
    ByteArrayOutputStream head = new ByteArrayOutputStream(8);
    int tag = next(in, head);
    if ((tag & 0x1f) == 0x1f) {
      throw GssErrors.of(Reason.MALFORMED_TOKEN, "expected a one-octet DER tag");
    }
    int first = next(in, head);
    long length = first;
    if (first > 0x80) {
      int n = first & 0x7f;
      if (n > 4) {
        throw GssErrors.of(Reason.MALFORMED_TOKEN, "a DER length of " + n + " octets");
      }
      length = 0;
      for (int i = 0; i < n; i++) {
        length = (length << 8) | next(in, head);
      }
    } else if (first == 0x80) {
      throw GssErrors.of(Reason.MALFORMED_TOKEN, "indefinite DER length");
    }
    if (length + head.size() > max) {
      throw GssErrors.of(Reason.TOKEN_TOO_LARGE,
          "expected at most " + max + " bytes, the token announces " + (length + head.size()));
    }
    byte[] body = exactly(in, (int) length, max);
    head.write(body);
    return head.toByteArray();
  }

  private static int next(InputStream in, ByteArrayOutputStream head)
      throws IOException, GSSException {
    int b = in.read();
    if (b < 0) {
      throw GssErrors.of(Reason.MALFORMED_TOKEN, "the token ends inside its DER header");
    }
    head.write(b);
    return b;
  }
}
