package dev.krb5gss.interop;

import java.io.IOException;
import java.nio.file.Path;

/**
 * curl as an HTTP Negotiate client (RFC 4559 §4) through MIT's GSS-API: {@code --negotiate -u :}
 * with the credential cache of a {@code kinit}, optionally {@code --delegation always}.
 */
public final class Curl {
  private static final String STATUS_MARKER = "\nHTTP-STATUS:";

  private Curl() {}

  /** What curl got: the final status code and the body. */
  public record Response(int status, String body, ProcessResult process) {}

  /** GETs the URL with Negotiate, delegating the TGT when asked. */
  public static Response negotiate(KdcClients kdc, Path ccache, String url, boolean delegate)
      throws IOException {
    ProcessResult result = kdc.run(ccache, MitTool.CURL, "-sS", "--noproxy", "*",
        "--negotiate", "-u", ":", "--delegation", delegate ? "always" : "none",
        "-w", STATUS_MARKER + "%{http_code}", url);
    String out = result.stdout();
    int marker = out.lastIndexOf(STATUS_MARKER);
    if (!result.succeeded() || marker < 0) {
      throw new IllegalStateException(result.describe());
    }
    int status = Integer.parseInt(out.substring(marker + STATUS_MARKER.length()).trim());
    return new Response(status, out.substring(0, marker), result);
  }
}
