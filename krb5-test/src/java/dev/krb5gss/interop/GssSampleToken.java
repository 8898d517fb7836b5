package dev.krb5gss.interop;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * One token of MIT's gss-sample protocol ({@code src/appl/gss-sample/gss-misc.c}): a flag byte,
 * a 4-byte big-endian length and that many bytes. The payloads are RFC 2743 context and
 * per-message tokens or application data.
 */
public record GssSampleToken(int flags, byte[] body) {
  /** No operation; with {@link #CONTEXT_NEXT} it opens a context exchange. */
  public static final int NOOP = 1;
  /** A context-establishment token. */
  public static final int CONTEXT = 2;
  /** Application data. */
  public static final int DATA = 4;
  /** A MIC over the last message. */
  public static final int MIC = 8;
  /** Context tokens follow. */
  public static final int CONTEXT_NEXT = 16;
  /** The data is a wrap token. */
  public static final int WRAPPED = 32;
  /** The wrap token was meant to be encrypted. */
  public static final int ENCRYPTED = 64;
  /** The client asks for a MIC of the message back. */
  public static final int SEND_MIC = 128;

  /** Bodies larger than this are refused (the sample's tokens are a few kilobytes). */
  public static final int MAX_BODY = 1 << 20;

  /** Whether a flag is set. */
  public boolean has(int flag) {
    return (flags & flag) != 0;
  }

  /** Reads one token; the length is checked against {@link #MAX_BODY} before allocating. */
  public static GssSampleToken read(DataInputStream in) throws IOException {
    int flags = in.read();
    if (flags < 0) {
      throw new EOFException("connection closed before a token's flag byte");
    }
    int length = in.readInt();
    if (length < 0 || length > MAX_BODY) {
      throw new IOException("token length " + Integer.toUnsignedString(length)
          + " outside 0.." + MAX_BODY);
    }
    byte[] body = new byte[length];
    in.readFully(body);
    return new GssSampleToken(flags, body);
  }

  /** Writes one token. */
  public static void write(DataOutputStream out, int flags, byte[] body) throws IOException {
    out.writeByte(flags);
    out.writeInt(body.length);
    out.write(body);
    out.flush();
  }
}
