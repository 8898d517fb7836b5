package dev.krb5gss.ad;

import dev.krb5gss.interop.Commands;
import dev.krb5gss.interop.MitTools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds Samba's Active Directory DC tools once per JVM: {@code samba-tool} (provisioning and the
 * directory), {@code samba} (the KDC, RFC 4120 with MS-KILE extensions) and {@code ldbmodify}
 * (attributes samba-tool has no command for). The MIT client tools come from {@link MitTools}.
 */
public final class SambaTools {
  /** What to install when something is missing. */
  public static final String INSTALL_HINT =
      "apt-get install samba samba-ad-dc samba-ad-provision winbind ldb-tools";

  private static final Map<String, String> PACKAGES = Map.of(
      "samba-tool", "samba", "samba", "samba", "ldbmodify", "ldb-tools");
  private static final SambaTools INSTANCE = probe();

  private final Map<String, Path> found;
  private final List<String> missing;

  private SambaTools(Map<String, Path> found, List<String> missing) {
    this.found = Map.copyOf(found);
    this.missing = List.copyOf(missing);
  }

  /** The tools on this machine. */
  public static SambaTools get() {
    return INSTANCE;
  }

  /** The path of a tool; fails if it is missing (callers are guarded by {@link RequiresSambaAd}). */
  public Path path(String executable) {
    Path path = found.get(executable);
    if (path == null) {
      throw new IllegalStateException(executable + " is not installed: " + INSTALL_HINT);
    }
    return path;
  }

  /**
   * One line saying what is missing (Samba's tools or MIT's client tools) and what to install, or
   * empty when an AD interop class can run.
   */
  public Optional<String> problem() {
    List<String> problems = new ArrayList<>();
    if (!missing.isEmpty()) {
      problems.add("Samba AD DC tools missing (" + String.join(", ", missing)
          + "); install them with: " + INSTALL_HINT);
    }
    MitTools.get().problem().ifPresent(problems::add);
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
  }

  private static SambaTools probe() {
    Map<String, Path> found = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, String> tool : PACKAGES.entrySet()) {
      Optional<Path> path = Commands.which(tool.getKey());
      if (path.isPresent()) {
        found.put(tool.getKey(), path.get());
      } else {
        missing.add(tool.getKey() + " (" + tool.getValue() + ")");
      }
    }
    return new SambaTools(found, missing);
  }
}
