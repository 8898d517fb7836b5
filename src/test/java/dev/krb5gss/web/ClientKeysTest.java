package dev.krb5gss.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Client keys for the per-client cap: IPv4 as is, IPv6 by /64, no DNS. */
class ClientKeysTest {
  @Test
  void ipv4IsTheAddress() {
    assertThat(ClientKeys.of("127.1.2.3")).isEqualTo("127.1.2.3");
  }

  @Test
  void ipv6IsItsSlashSixtyFour() {
    assertThat(ClientKeys.of("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isEqualTo("2001:db8:1:2::/64");
    assertThat(ClientKeys.of("[2001:DB8:1:2::1]")).isEqualTo("2001:db8:1:2::/64");
    assertThat(ClientKeys.of("fe80::1%eth0")).isEqualTo("fe80::/64");
    assertThat(ClientKeys.of("0:0:0:0:0:0:0:1")).isEqualTo("::/64");
  }

  @Test
  void anIpv4MappedAddressIsItsIpv4Address() {
    assertThat(ClientKeys.of("::ffff:10.1.2.3")).isEqualTo("10.1.2.3");
  }

  @Test
  void aHostNameIsUsedAsItIsWithoutALookup() {
    assertThat(ClientKeys.of("client.example.invalid")).isEqualTo("client.example.invalid");
  }
}
