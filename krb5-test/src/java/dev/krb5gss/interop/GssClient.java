package dev.krb5gss.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MIT's {@code gss-client} (RFC 2743 initiator of the gss-sample protocol) with its options:
 * {@code -spnego}, {@code -mcount}, {@code -nw}, {@code -nx}, {@code -nm}, {@code -nomutual},
 * {@code -seq}, {@code -d}. It wraps (and encrypts) each message, asks for a MIC of it and
 * verifies that MIC, printing {@code Signature verified.} each time.
 */
public final class GssClient {
  private static final Pattern SIGNATURE_VERIFIED = Pattern.compile("^Signature verified\\.$",
      Pattern.MULTILINE);

  private final List<String> options;

  private GssClient(List<String> options) {
    this.options = List.copyOf(options);
  }

  /** A client with the given gss-client options (e.g. {@code "-spnego", "-mcount", "5"}). */
  public static GssClient withOptions(String... options) {
    return new GssClient(List.of(options));
  }

  /** The options, as passed to gss-client. */
  public List<String> options() {
    return options;
  }

  /** Whether the client asks for MICs (no {@code -nm}). */
  public boolean wantsMic() {
    return !options.contains("-nm");
  }

  /** Whether the client wraps its messages (no {@code -nw}). */
  public boolean wraps() {
    return !options.contains("-nw");
  }

  /** Whether the client's wrap tokens are encrypted (neither {@code -nw} nor {@code -nx}). */
  public boolean encrypts() {
    return wraps() && !options.contains("-nx");
  }

  /** Whether mutual authentication is requested (no {@code -nomutual}). */
  public boolean mutual() {
    return !options.contains("-nomutual");
  }

  /** How many times the message is sent ({@code -mcount}, default 1). */
  public int messageCount() {
    int index = options.indexOf("-mcount");
    return index < 0 ? 1 : Integer.parseInt(options.get(index + 1));
  }

  /**
   * Runs the client from a credential cache against {@code 127.0.0.1:port} for the host-based
   * service {@code service@localhost}.
   */
  public ProcessResult call(KdcClients kdc, Path ccache, int port, String service, String message)
      throws IOException {
    List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port)));
    args.addAll(options);
    args.addAll(List.of("localhost", service + "@localhost", message));
    return kdc.run(ccache, MitTool.GSS_CLIENT, args.toArray(String[]::new));
  }

  /** How many times the client printed {@code Signature verified.}. */
  public static int signaturesVerified(ProcessResult result) {
    Matcher m = SIGNATURE_VERIFIED.matcher(result.stdout());
    int count = 0;
    while (m.find()) {
      count++;
    }
    return count;
  }

  @Override
  public String toString() {
    return options.isEmpty() ? "(defaults)" : String.join(" ", options);
  }
}
