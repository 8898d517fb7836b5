package dev.krb5gss.spi;

import dev.krb5gss.ap.ChannelBindings;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.ietf.jgss.ChannelBinding;

/**
 * A JGSS {@link ChannelBinding} as our {@link ChannelBindings}: address types per RFC 2744 §3.11
 * (GSS_C_AF_INET 2, GSS_C_AF_INET6 24, GSS_C_AF_NULLADDR 255 without an address), as the JDK's
 * initiator encodes a {@code ChannelBinding} into the RFC 4121 §4.1.1.2 checksum.
 */
final class Bindings {
  private static final int AF_INET = 2;
  private static final int AF_INET6 = 24;
  private static final int AF_NULLADDR = 255;

  private Bindings() {}

  static ChannelBindings of(ChannelBinding cb) {
    InetAddress init = cb.getInitiatorAddress();
    InetAddress acc = cb.getAcceptorAddress();
    return ChannelBindings.of(type(init), bytes(init), type(acc), bytes(acc),
        cb.getApplicationData());
  }

  private static int type(InetAddress a) {
    if (a instanceof Inet4Address) {
      return AF_INET;
    }
    return a instanceof Inet6Address ? AF_INET6 : AF_NULLADDR;
  }

  private static byte[] bytes(InetAddress a) {
    return a == null ? new byte[0] : a.getAddress();
  }
}
