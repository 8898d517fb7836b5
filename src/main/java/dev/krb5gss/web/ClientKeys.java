package dev.krb5gss.web;

import com.google.common.net.InetAddresses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The client key a request's pending negotiations are counted against (the per-client cap of
 * {@link dev.krb5gss.context.PendingContextStore}): the peer's IPv4 address, or its IPv6 /64
 * prefix, since one IPv6 host usually controls a whole /64 (RFC 4291 §2.5.1 interface
 * identifiers, RFC 8981 temporary addresses) and would otherwise get a fresh cap per address.
 * An IPv4-mapped IPv6 address counts as its IPv4 address.
 *
 * <p>The key is the TCP peer the container reports. {@code X-Forwarded-For} and similar headers
 * are never read: any client can send them. Behind a reverse proxy every request has the proxy's
 * address, so all its clients share one cap; raise {@code maxPendingPerKey} there, or let a
 * trusted proxy rewrite the remote address in the container (Tomcat's {@code RemoteIpValve},
 * Jetty's {@code ForwardedRequestCustomizer}) before this adapter runs. Never parses a host name
 * (no DNS lookup): a non-literal is used as it is.
 */
public final class ClientKeys {
  private static final int IPV6_PREFIX_BYTES = 8;

  private ClientKeys() {}

  /** The client key for the peer address {@code host} (as the container reports it). */
  public static String of(String host) {
    String literal = host.startsWith("[") && host.endsWith("]")
        ? host.substring(1, host.length() - 1) : host;
    int zone = literal.indexOf('%');
    if (zone >= 0) {
      literal = literal.substring(0, zone);
    }
    if (literal.indexOf(':') < 0 || !InetAddresses.isInetAddress(literal)) {
      return host;
    }
    InetAddress address = InetAddresses.forString(literal);
    if (!(address instanceof Inet6Address)) {
      return InetAddresses.toAddrString(address);
    }
    byte[] prefix = address.getAddress();
    Arrays.fill(prefix, IPV6_PREFIX_BYTES, prefix.length, (byte) 0);
    try {
      return InetAddresses.toAddrString(InetAddress.getByAddress(prefix)) + "/64";
    } catch (UnknownHostException e) {
      throw new IllegalStateException("16 bytes are an IPv6 address", e);
    }
  }
}
