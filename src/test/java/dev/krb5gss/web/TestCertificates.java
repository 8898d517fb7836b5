package dev.krb5gss.web;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Self-signed server certificates made by the JDK's keytool, in PKCS#12 key stores. */
public final class TestCertificates {
  public static final String PASSWORD = "changeit";
  public static final String ALIAS = "server";

  private TestCertificates() {}

  /** A key store at {@code dir/name.p12} holding a CN=localhost key pair and certificate. */
  public static Path keyStore(Path dir, String name, String keyAlg, String sigAlg,
      String... extra) throws Exception {
    Path file = dir.resolve(name + ".p12");
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", ALIAS, "-keyalg", keyAlg, "-dname", "CN=localhost",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(),
        "-storepass", PASSWORD, "-keypass", PASSWORD));
    if (keyAlg.equals("RSA")) {
      cmd.addAll(List.of("-keysize", "2048"));
    }
    if (sigAlg != null) {
      cmd.addAll(List.of("-sigalg", sigAlg));
    }
    cmd.addAll(List.of(extra));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.isRegularFile(file)) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    return file;
  }

  public static KeyStore load(Path keyStore) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      ks.load(in, PASSWORD.toCharArray());
    }
    return ks;
  }

  public static X509Certificate certificate(Path keyStore) throws Exception {
    return (X509Certificate) load(keyStore).getCertificate(ALIAS);
  }

  /** A client TLS context that trusts exactly the certificate in {@code keyStore}. */
  public static SSLContext trusting(Path keyStore) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry(ALIAS, certificate(keyStore));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(
        TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
