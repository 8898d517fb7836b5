package dev.krb5gss.interop;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One MIT krb5 (or curl) executable the interop suite drives, with the places Debian installs it.
 * The tools implement RFC 4120 (KDC, kinit, kvno) and RFC 2743/4121 (gss-client).
 */
public enum MitTool {
  KRB5KDC("krb5kdc", "krb5-kdc"),
  KDB5_UTIL("kdb5_util", "krb5-kdc"),
  KADMIN_LOCAL("kadmin.local", "krb5-kdc"),
  KINIT("kinit", "krb5-user"),
  KLIST("klist", "krb5-user"),
  KVNO("kvno", "krb5-user"),
  KTUTIL("ktutil", "krb5-user"),
  GSS_CLIENT("gss-client", "krb5-gss-samples"),
  CURL("curl", "curl");

  private final String executable;
  private final String debianPackage;

  MitTool(String executable, String debianPackage) {
    this.executable = executable;
    this.debianPackage = debianPackage;
  }

  /** The executable's file name. */
  public String executable() {
    return executable;
  }

  /** The Debian package that ships it. */
  public String debianPackage() {
    return debianPackage;
  }

  /** Where the executable is: the usual system directories first, then {@code PATH}. */
  public Optional<Path> locate() {
    return Commands.which(executable);
  }
}
