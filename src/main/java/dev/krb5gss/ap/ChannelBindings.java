package dev.krb5gss.ap;

import dev.krb5gss.error.InternalFaultException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * GSS-API channel bindings (RFC 2744 §3.11 {@code gss_channel_bindings_struct}) and their
 * RFC 4121 §4.1.1.2 hash: MD5 over the initiator address type and address, the acceptor address
 * type and address and the application data, each length and type as four little-endian octets.
 */
public final class ChannelBindings {
  /** GSS_C_AF_UNSPEC. */
  public static final int AF_UNSPEC = 0;
  /** GSS_C_AF_NULLADDR: what the JDK's initiator writes for a null address in a plain binding. */
  public static final int AF_NULLADDR = 255;

  private final byte[] md5;
  private final byte[] alternate;

  private ChannelBindings(byte[] md5, byte[] alternate) {
    this.md5 = md5;
    this.alternate = alternate;
  }

  /** Bindings with addresses; null addresses are encoded as empty. */
  public static ChannelBindings of(int initiatorAddrType, byte[] initiatorAddr,
      int acceptorAddrType, byte[] acceptorAddr, byte[] applicationData) {
    return new ChannelBindings(
        hash(initiatorAddrType, initiatorAddr, acceptorAddrType, acceptorAddr, applicationData),
        null);
  }

  private static byte[] hash(int initiatorAddrType, byte[] initiatorAddr,
      int acceptorAddrType, byte[] acceptorAddr, byte[] applicationData) {
    byte[] ia = initiatorAddr == null ? new byte[0] : initiatorAddr;
    byte[] aa = acceptorAddr == null ? new byte[0] : acceptorAddr;
    byte[] app = applicationData == null ? new byte[0] : applicationData;
    ByteBuffer b = ByteBuffer.allocate(20 + ia.length + aa.length + app.length)
        .order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(initiatorAddrType).putInt(ia.length).put(ia);
    b.putInt(acceptorAddrType).putInt(aa.length).put(aa);
    b.putInt(app.length).put(app);
    try {
      return MessageDigest.getInstance("MD5").digest(b.array());
    } catch (NoSuchAlgorithmException e) {
      throw new InternalFaultException("MD5 is not available", e);
    }
  }

  /**
   * Bindings with only application data, e.g. {@code "tls-server-end-point:" || hash} (RFC 5929).
   * Initiators disagree on the type of the absent addresses: MIT, Windows and the JDK's TLS
   * bindings write GSS_C_AF_UNSPEC (0), the JDK's plain {@code ChannelBinding} writes
   * GSS_C_AF_NULLADDR (255). Both encodings of the same application data are accepted.
   */
  public static ChannelBindings ofApplicationData(byte[] appData) {
    Objects.requireNonNull(appData, "appData");
    return new ChannelBindings(hash(AF_UNSPEC, null, AF_UNSPEC, null, appData),
        hash(AF_NULLADDR, null, AF_NULLADDR, null, appData));
  }

  /** The 16-byte Bnd value the client puts in the checksum (a copy). */
  public byte[] md5() {
    return md5.clone();
  }

  boolean matches(byte[] bnd) {
    boolean primary = MessageDigest.isEqual(md5, bnd);
    boolean other = alternate != null && MessageDigest.isEqual(alternate, bnd);
    return primary | other;
  }

  @Override
  public String toString() {
    return "ChannelBindings[md5]";
  }
}
