package dev.krb5gss.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 5929 §4.1: the certificate's signature hash, with MD5 and SHA-1 replaced by SHA-256, over
 * the DER certificate; certificates from the JDK's keytool with the signature algorithms named.
 */
class TlsServerEndPointTest {
  @TempDir
  static Path dir;

  private static void assertHash(String name, String keyAlg, String sigAlg, String digest,
      String... extra) throws Exception {
    X509Certificate cert = TestCertificates.certificate(
        TestCertificates.keyStore(dir, name, keyAlg, sigAlg, extra));
    assertThat(TlsServerEndPoint.digestFor(cert)).isEqualTo(digest);
    assertThat(TlsServerEndPoint.hash(cert))
        .isEqualTo(MessageDigest.getInstance(digest).digest(cert.getEncoded()));
  }

  @Test
  void sha256WithRsaUsesSha256() throws Exception {
    assertHash("rsa256", "RSA", "SHA256withRSA", "SHA-256");
  }

  @Test
  void sha1WithRsaIsUpgradedToSha256() throws Exception {
    assertHash("rsa1", "RSA", "SHA1withRSA", "SHA-256");
  }

  @Test
  void sha384WithEcdsaUsesSha384() throws Exception {
    assertHash("ec384", "EC", "SHA384withECDSA", "SHA-384", "-groupname", "secp384r1");
  }

  @Test
  void sha512WithRsaUsesSha512() throws Exception {
    assertHash("rsa512", "RSA", "SHA512withRSA", "SHA-512");
  }

  @Test
  void ed25519HasNoDefinedBinding() throws Exception {
    X509Certificate cert = TestCertificates.certificate(
        TestCertificates.keyStore(dir, "ed", "Ed25519", null));
    assertThatThrownBy(() -> TlsServerEndPoint.hash(cert))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ED25519");
    assertThat(TlsServerEndPoint.bindingsIfDefined(cert)).isEmpty();
  }

  @Test
  void theBindingIsTheAppDataOfTheHashWithItsPrefix() throws Exception {
    X509Certificate cert = TestCertificates.certificate(
        TestCertificates.keyStore(dir, "cb", "RSA", "SHA256withRSA"));
    byte[] hash = TlsServerEndPoint.hash(cert);
    byte[] appData = new byte[TlsServerEndPoint.PREFIX.length() + hash.length];
    System.arraycopy(TlsServerEndPoint.PREFIX.getBytes("US-ASCII"), 0, appData, 0, 21);
    System.arraycopy(hash, 0, appData, 21, hash.length);

    assertThat(TlsServerEndPoint.bindings(cert).md5()).isEqualTo(
        dev.krb5gss.ap.ChannelBindings.ofApplicationData(appData).md5());
  }
}
