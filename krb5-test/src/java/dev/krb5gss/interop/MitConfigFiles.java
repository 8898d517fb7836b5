package dev.krb5gss.interop;

import java.nio.file.Path;
import java.util.List;

/**
 * The kdc.conf and krb5.conf of an interop KDC (MIT's profile format, which the JDK's krb5.conf
 * reader also understands): TCP only on loopback (RFC 4120 §7.2.2), no DNS, host names used as
 * given so {@code service@localhost} means {@code service/localhost}.
 */
public final class MitConfigFiles {
  private MitConfigFiles() {}

  static String kdcConf(Path dir, String realm, int port) {
    return """
        [kdcdefaults]
         kdc_listen = ""
         kdc_tcp_listen = 127.0.0.1:%2$d
        [realms]
         %1$s = {
          database_name = %3$s/principal
          key_stash_file = %3$s/stash
          acl_file = %3$s/kadm5.acl
          supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal \
        aes256-cts-hmac-sha384-192:normal aes128-cts-hmac-sha256-128:normal arcfour-hmac:normal
          max_life = 10h 0m 0s
          max_renewable_life = 1d 0h 0m 0s
         }
        [logging]
         kdc = STDERR
        """.formatted(realm, port, dir);
  }

  /** A client krb5.conf for {@code realm} with its KDC on {@code 127.0.0.1:port}. */
  public static String krb5Conf(String realm, int port, List<String> extraLibdefaults) {
    StringBuilder extra = new StringBuilder();
    for (String line : extraLibdefaults) {
      extra.append(' ').append(line).append('\n');
    }
    return """
        [libdefaults]
         default_realm = %1$s
         dns_lookup_kdc = false
         dns_lookup_realm = false
         dns_canonicalize_hostname = false
         rdns = false
         qualify_shortname = ""
         udp_preference_limit = 1
         forwardable = true
         kdc_timeout = 5000
         max_retries = 1
        %3$s[realms]
         %1$s = {
          kdc = 127.0.0.1:%2$d
         }
        [domain_realm]
         localhost = %1$s
        """.formatted(realm, port, extra);
  }
}
