package dev.krb5gss.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the MIT krb5 tools (RFC 4120 KDC and clients, the RFC 2743 gss-sample client) and a curl
 * built with GSS-API/SPNEGO (RFC 4559), once per JVM.
 */
public final class MitTools {
  /** What to install when something is missing. */
  public static final String INSTALL_HINT =
      "apt-get install krb5-kdc krb5-admin-server krb5-user krb5-gss-samples curl";

  private static final MitTools INSTANCE = probe();

  private final Map<MitTool, Path> found;
  private final List<String> missing;

  private MitTools(Map<MitTool, Path> found, List<String> missing) {
    this.found = found;
    this.missing = List.copyOf(missing);
  }

  /** The tools on this machine. */
  public static MitTools get() {
    return INSTANCE;
  }

  /** The path of a tool; fails if it is missing (callers are guarded by {@link RequiresMitKrb5}). */
  public Path path(MitTool tool) {
    Path path = found.get(tool);
    if (path == null) {
      throw new IllegalStateException(tool.executable() + " is not installed: " + INSTALL_HINT);
    }
    return path;
  }

  /** What is missing, one entry per tool (empty when the suite can run). */
  public List<String> missing() {
    return missing;
  }

  /** One line saying what is missing and what to install, if anything is. */
  public Optional<String> problem() {
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("MIT krb5 interop tools missing (" + String.join(", ", missing)
        + "); install them with: " + INSTALL_HINT);
  }

  private static MitTools probe() {
    Map<MitTool, Path> found = new EnumMap<>(MitTool.class);
    List<String> missing = new ArrayList<>();
    for (MitTool tool : MitTool.values()) {
      Optional<Path> path = tool.locate();
      if (path.isPresent()) {
        found.put(tool, path.get());
      } else {
        missing.add(tool.executable() + " (" + tool.debianPackage() + ")");
      }
    }
    Path curl = found.get(MitTool.CURL);
    if (curl != null && !curlSpeaksNegotiate(curl)) {
      found.remove(MitTool.CURL);
      missing.add("curl with GSS-API and SPNEGO (curl)");
    }
    return new MitTools(found, missing);
  }

  private static boolean curlSpeaksNegotiate(Path curl) {
    try {
      ProcessResult version = Commands.run(
          List.of(curl.toString(), "-V"), Map.of(), null, Duration.ofSeconds(10));
      return version.stdout().contains("GSS-API") && version.stdout().contains("SPNEGO");
    } catch (IOException e) {
      return false;
    }
  }
}
