package dev.krb5gss.web;

import dev.krb5gss.ap.ChannelBindings;
import dev.krb5gss.error.InternalFaultException;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.PSSParameterSpec;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code tls-server-end-point} channel binding (RFC 5929 §4): a hash of the server's DER
 * certificate, with the hash of the certificate's signature algorithm, except that MD5 and SHA-1
 * are replaced by SHA-256 (§4.1). As GSS-API channel bindings (RFC 5056, RFC 4121 §4.1.1.2) the
 * application data is {@code "tls-server-end-point:" || hash}, what Windows clients send under
 * Extended Protection for Authentication.
 */
public final class TlsServerEndPoint {
  /** The RFC 5929 §4 channel binding type prefix. */
  public static final String PREFIX = "tls-server-end-point:";

  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private TlsServerEndPoint() {}

  /** The GSS channel bindings for a server presenting {@code certificate}. */
  public static ChannelBindings bindings(X509Certificate certificate) {
    byte[] prefix = PREFIX.getBytes(StandardCharsets.US_ASCII);
    byte[] hash = hash(certificate);
    byte[] data = new byte[prefix.length + hash.length];
    System.arraycopy(prefix, 0, data, 0, prefix.length);
    System.arraycopy(hash, 0, data, prefix.length, hash.length);
    return ChannelBindings.ofApplicationData(data);
  }

  /**
   * {@link #bindings}, or empty (logged once per JVM) for a certificate whose signature algorithm
   * has no RFC 5929 hash: such a server cannot check bindings, so clients' bindings go unchecked.
   */
  public static Optional<ChannelBindings> bindingsIfDefined(X509Certificate certificate) {
    try {
      return Optional.of(bindings(certificate));
    } catch (IllegalArgumentException e) {
      if (WARNED.compareAndSet(false, true)) {
        System.getLogger(FailureLog.LOGGER).log(System.Logger.Level.WARNING,
            "TLS channel bindings are not checked: {0}", e.getMessage());
      }
      return Optional.empty();
    }
  }

  /**
   * The RFC 5929 §4.1 certificate hash.
   *
   * @throws IllegalArgumentException for a signature algorithm with no single hash (e.g. Ed25519),
   *     for which RFC 5929 defines no binding
   */
  public static byte[] hash(X509Certificate certificate) {
    String digest = digestFor(certificate);
    try {
      return MessageDigest.getInstance(digest).digest(certificate.getEncoded());
    } catch (NoSuchAlgorithmException e) {
      throw new InternalFaultException(digest + " is not available", e);
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("the certificate has no DER encoding: " + e.getMessage(), e);
    }
  }

  /** The JCA digest name RFC 5929 §4.1 picks for the certificate's signature algorithm. */
  static String digestFor(X509Certificate certificate) {
    String sigAlg = certificate.getSigAlgName().toUpperCase(Locale.ROOT);
    String digest = sigAlg.contains("PSS") ? pssDigest(certificate) : digestOfName(sigAlg);
    String normalized = digest.replace("-", "");
    if (normalized.equals("MD5") || normalized.equals("SHA1")) {
      return "SHA-256";
    }
    return digest;
  }

  private static String digestOfName(String sigAlg) {
    int with = sigAlg.indexOf("WITH");
    if (with <= 0) {
      throw new IllegalArgumentException("RFC 5929 defines no tls-server-end-point hash for a"
          + " certificate signed with " + sigAlg);
    }
    String hash = sigAlg.substring(0, with);
    return hash.matches("SHA(224|256|384|512)") ? "SHA-" + hash.substring(3) : hash;
  }

  private static String pssDigest(X509Certificate certificate) {
    try {
      AlgorithmParameters params = AlgorithmParameters.getInstance("RSASSA-PSS");
      params.init(certificate.getSigAlgParams());
      return params.getParameterSpec(PSSParameterSpec.class).getDigestAlgorithm();
    } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
      throw new IllegalArgumentException("cannot read the RSASSA-PSS parameters of the"
          + " certificate: " + e.getMessage(), e);
    }
  }
}
