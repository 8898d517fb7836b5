package dev.krb5gss.pac;

import dev.krb5gss.crypto.CipherKey;
import dev.krb5gss.crypto.CryptoProfiles;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.crypto.SecretBytes;
import dev.krb5gss.name.PrincipalName;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The vectors of {@code vectors/pac/pac-vectors.csv}, with their PAC bytes. */
final class PacVectors {
  record Vector(String name, int enctype, String key, long authTime, int nameType,
      String client, String realm, String userSid, String logonName, String domainName,
      String logonServer, String upn, String dnsDomain, List<String> groupSids) {

    byte[] pac() {
      return load("/vectors/pac/" + name + ".hex");
    }

    CipherKey serviceKey() {
      return CryptoProfiles.of(EncType.of(enctype)).orElseThrow()
          .key(SecretBytes.copyOf(HexFormat.of().parseHex(key.toLowerCase())));
    }

    PrincipalName principal() {
      return PrincipalName.of(nameType, List.of(client.split("/")), realm);
    }

    Instant ticketAuthTime() {
      return Instant.ofEpochSecond(authTime);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private PacVectors() {}

  static final Map<String, Vector> ALL = lines("/vectors/pac/pac-vectors.csv").stream()
      .map(l -> l.split("\\|", -1))
      .map(c -> new Vector(c[0], Integer.parseInt(c[1]), c[2], Long.parseLong(c[3]),
          Integer.parseInt(c[4]), c[5], c[6], c[7], c[8], c[9], c[10], c[11], c[12],
          List.of(c[13].split(";"))))
      .collect(Collectors.toMap(Vector::name, Function.identity()));

  static List<String> lines(String resource) {
    String text = new String(load(resource), StandardCharsets.UTF_8);
    return text.lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
        .collect(Collectors.toList());
  }

  static byte[] load(String resource) {
    try (InputStream in = PacVectors.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      byte[] b = in.readAllBytes();
      return resource.endsWith(".hex")
          ? HexFormat.of().parseHex(new String(b, StandardCharsets.US_ASCII).replaceAll("\\s", ""))
          : b;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
