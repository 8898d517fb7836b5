package dev.krb5gss.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code krb5gss explain TOKEN}: decodes a client's Negotiate token without keys and, with
 * {@code --keytab}, runs the acceptor on it (replay cache off) and says why it would fail or
 * that it would succeed.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = "Decode a Negotiate header or token; with --keytab, say whether krb5gss "
        + "would accept it and why not.")
final class ExplainCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "TOKEN", description = "'Negotiate <base64>' (or a whole "
      + "Authorization header line), bare base64, or @FILE holding either or the raw token.")
  String token;

  @Option(names = "--keytab", paramLabel = "FILE",
      description = "Run the acceptor with this keytab (replay cache off).")
  Path keytab;

  @Option(names = "--max-skew", paramLabel = "SECONDS", defaultValue = "300",
      description = "Allowed clock skew for the authenticator (default 300, at most 3600).")
  long maxSkewSeconds;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    TokenText.Decoded decoded = TokenText.decode(token);
    Report r = new Report("explain");
    if (decoded.scheme() != null) {
      r.put("scheme", decoded.scheme()).line("Scheme: " + decoded.scheme());
      if (decoded.scheme().equalsIgnoreCase("NTLM")) {
        r.add(Finding.error("NTLM_SCHEME", "the client answered with the NTLM scheme, not "
            + "Negotiate: the server offered NTLM, or the client does not try Kerberos here"));
      }
    }
    TokenExplainer.explain(decoded.token(), r);
    if (keytab != null) {
      AcceptorRun.run(keytab, decoded.token(), Duration.ofSeconds(maxSkewSeconds), true, r);
    }
    return r.print(spec.commandLine().getOut(), json);
  }
}
