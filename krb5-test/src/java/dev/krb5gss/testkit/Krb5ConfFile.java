package dev.krb5gss.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the client-side krb5.conf (MIT krb5.conf(5) syntax, read by the JDK's
 * {@code sun.security.krb5.Config} and by MIT tools) for one realm served over TCP on loopback.
 *
 * <p>Tickets from the KDC use the RFC 3962 AES enctypes, aes256 first; {@code permitted_enctypes}
 * also lists the RFC 8009 enctypes so forged aes-sha2 tickets are not refused by the JDK.
 * Hostnames are not canonicalised through DNS, so {@code HTTP@host-x} maps to
 * {@code HTTP/host-x@REALM} without a lookup.
 */
final class Krb5ConfFile {
    private static final String KDC_ENCTYPES = "aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96";
    private static final String PERMITTED = KDC_ENCTYPES
            + " aes256-cts-hmac-sha384-192 aes128-cts-hmac-sha256-128";

    private Krb5ConfFile() {
    }

    static Path write(Path file, String realm, String host, int port) {
        String text = String.join("\n",
                "[libdefaults]",
                "    default_realm = " + realm,
                "    dns_lookup_kdc = false",
                "    dns_lookup_realm = false",
                "    dns_canonicalize_hostname = false",
                "    rdns = false",
                "    udp_preference_limit = 1",
                "    forwardable = true",
                "    ticket_lifetime = 8h",
                "    default_tkt_enctypes = " + KDC_ENCTYPES,
                "    default_tgs_enctypes = " + KDC_ENCTYPES,
                "    permitted_enctypes = " + PERMITTED,
                "",
                "[realms]",
                "    " + realm + " = {",
                "        kdc = " + host + ":" + port,
                "    }",
                "",
                "[domain_realm]",
                "    localhost = " + realm,
                "");
        try {
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
