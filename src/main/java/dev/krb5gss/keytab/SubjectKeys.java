package dev.krb5gss.keytab;

import dev.krb5gss.config.DefaultKeytab;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.name.PrincipalName;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosKey;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KeyTab;

/**
 * The one way a JAAS {@link Subject} becomes acceptor keys (RFC 2743 §2.1.1 GSS_Acquire_cred
 * for ACCEPT usage, RFC 4120 §7.5.5 service keys), for the JDK SPI and for
 * {@code Acceptor.builder().subject(..)} alike:
 * <ol>
 *   <li>krb5gss's own {@link AcceptorKeys} (from KeytabLoginModule), the first live one that may
 *   serve the wanted name: its key source, restricted to the principals it admits. When there is
 *   one, nothing else in the Subject is used.</li>
 *   <li>Otherwise every {@link KeyTab} (a bound one contributes only its principal's keys; one
 *   bound to a principal other than the wanted one is skipped) and every live
 *   {@link KerberosKey}, merged, as the JDK's own mechanism uses them.</li>
 * </ol>
 * No silent fallbacks: a KeyTab whose file cannot be named or read fails the acquisition with the
 * file's name ({@code KeyTab.getKeys} is never asked instead). After acquisition a keytab file is
 * followed by the JVM-wide {@link ReloadingKeytab} (looked at once per
 * {@link KeytabCache#RECHECK_INTERVAL}; a rewrite keeps the previous kvno; a file that becomes
 * unreadable keeps its last good keys, warned once per version).
 *
 * <p>Secrets: each {@code KerberosKey.getEncoded()} copy is zeroed once copied into
 * {@code SecretBytes}; equal key sets share one table (cached by a SHA-256 fingerprint), so
 * repeated acquisitions share one copy and its derived keys. Those shared copies are not wiped
 * when the Subject's keys are destroyed (logout): other acquisitions may still use them.
 *
 * <p>Equal Subjects give equal {@code SubjectKeys} (same files, bindings, key sets, own credential
 * and wanted name), so per-request acquisitions map to one acceptor. A Subject with several
 * keytabs is merged again only when one of the files changes ({@link MergedKeys}).
 */
public final class SubjectKeys implements KeySource {
  private final KeySource keys;
  private final AcceptorKeys credential;
  /** What makes two instances the same keys: compared in {@link #equals}, never shown. */
  private final List<Object> identity;
  /** The identity's hash, computed once: every context created looks its acceptor up by it. */
  private final int hash;
  private final String description;

  private SubjectKeys(KeySource keys, AcceptorKeys credential, List<Object> identity,
      String description) {
    this.keys = keys;
    this.credential = credential;
    this.identity = identity;
    this.hash = identity.hashCode();
    this.description = description;
  }

  /**
   * The keys in {@code subject}'s private credentials, all principals.
   *
   * @throws RejectedException NO_CREDENTIALS when it holds none, or a KeyTab cannot be read
   */
  public static SubjectKeys from(Subject subject) throws RejectedException {
    Objects.requireNonNull(subject, "subject");
    Optional<SubjectKeys> found;
    try {
      found = find(subject, null);
    } catch (IOException | KeytabFormatException e) {
      throw new RejectedException(Reason.NO_CREDENTIALS, e.getMessage(), e);
    }
    if (found.isEmpty() || found.get().current().isEmpty()) {
      throw new RejectedException(Reason.NO_CREDENTIALS, "the Subject holds no usable service"
          + " keys (no KeyTab, KerberosKey or krb5gss AcceptorKeys with keys in its private"
          + " credentials; log in with isInitiator=false, useKeyTab=true, storeKey=true)");
    }
    return found.get();
  }

  /**
   * The keys in {@code subject} for {@code wanted} (null: every principal; a name without realm
   * designates that name in any realm); empty when the Subject holds no candidate at all.
   *
   * @throws IOException if a KeyTab's file cannot be named or read (the message names it)
   * @throws KeytabFormatException if a KeyTab's file is not a valid keytab
   */
  public static Optional<SubjectKeys> find(Subject subject, PrincipalName wanted)
      throws IOException, KeytabFormatException {
    for (AcceptorKeys own : AcceptorKeys.in(subject)) {
      if (wanted == null || !own.isBound()
          || own.principals().stream().anyMatch(p -> designates(wanted, p))) {
        return Optional.of(ofCredential(own, wanted));
      }
    }
    List<KeySource> parts = new ArrayList<>();
    List<Object> identity = new ArrayList<>(List.of(Optional.ofNullable(wanted)));
    for (KeyTab keyTab : subject.getPrivateCredentials(KeyTab.class)) {
      PrincipalName bound = keyTab.isBound() && keyTab.getPrincipal() != null
          ? principal(keyTab.getPrincipal()) : null;
      if (bound == null || wanted == null || designates(wanted, bound)) {
        Path file = keytabFile(keyTab).orElseThrow(() -> new IOException("cannot tell which file"
            + " the KeyTab " + keyTab + " reads (expected its toString() to be the file name)"));
        parts.add(keytabPart(file, bound, wanted));
        identity.add(List.of(file.toAbsolutePath().normalize(), Optional.ofNullable(bound)));
      }
    }
    List<KerberosKey> given = new ArrayList<>();
    for (KerberosKey k : subject.getPrivateCredentials(KerberosKey.class)) {
      if (!k.isDestroyed() && (wanted == null || designates(wanted, principal(k.getPrincipal())))) {
        given.add(k);
      }
    }
    if (!given.isEmpty()) {
      KerberosKeySet set = KerberosKeySet.of(given);
      parts.add(set.table());
      identity.add(set);
    }
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new SubjectKeys(MergedKeys.of(parts), null, List.copyOf(identity),
        "Subject keys (" + parts.size() + " source" + (parts.size() == 1 ? "" : "s") + ")"));
  }

  /**
   * The keys of the keytab at {@code file} for {@code wanted} (null: all): for an acceptor that
   * may look beyond the caller's Subject (the default keytab, {@link DefaultKeytab#locate()}).
   */
  public static SubjectKeys keytab(Path file, PrincipalName wanted)
      throws IOException, KeytabFormatException {
    return new SubjectKeys(keytabPart(file, null, wanted), null, List.of(Optional.ofNullable(wanted),
        List.of(file.toAbsolutePath().normalize(), Optional.empty())), "keytab " + file);
  }

  private static SubjectKeys ofCredential(AcceptorKeys own, PrincipalName wanted) {
    KeySource source = own.keySource();
    KeySource keys = new FilteredKeys(source,
        k -> own.admits(k.principal()) && (wanted == null || designates(wanted, k.principal())));
    List<Object> identity = Arrays.asList(Optional.ofNullable(wanted), new SameInstance(source),
        own.principals(), own.allowedPrincipals(), own.enctypePolicy().permitted(),
        own.requirePac(), own.replayCache());
    return new SubjectKeys(keys, own, identity, "login module keys " + own);
  }

  /** A keytab file: checked readable now, then followed by the JVM-wide {@link ReloadingKeytab}. */
  private static KeySource keytabPart(Path file, PrincipalName bound, PrincipalName wanted)
      throws IOException, KeytabFormatException {
    try {
      KeytabCache.recent(file); // fails the acquisition for an unreadable file (≤ 1 stat a second)
    } catch (IOException e) {
      throw new IOException("cannot read the keytab " + file + ": " + e, e);
    } catch (KeytabFormatException e) {
      throw new KeytabFormatException("keytab " + file + " is not valid: " + e.getMessage());
    }
    KeySource reloading = ReloadingKeytab.sharedIfOpen(file, KeytabCache.RECHECK_INTERVAL)
        .orElse(null);
    if (reloading == null) {
      reloading = ReloadingKeytab.shared(file, KeytabCache.RECHECK_INTERVAL);
    }
    if (bound == null && wanted == null) {
      return reloading;
    }
    return new FilteredKeys(reloading, k -> (bound == null || bound.equals(k.principal()))
        && (wanted == null || designates(wanted, k.principal())));
  }

  /** Whether a key of {@code key}'s principal serves the name {@code wanted} (any realm if none). */
  public static boolean designates(PrincipalName wanted, PrincipalName key) {
    return key.components().equals(wanted.components())
        && (wanted.realm().isEmpty() || wanted.realm().equals(key.realm()));
  }

  /** krb5gss's own credential these keys come from, whose policy then applies; else empty. */
  public Optional<AcceptorKeys> credential() {
    return Optional.ofNullable(credential);
  }

  @Override
  public ServiceKeyTable current() {
    return keys.current();
  }

  @Override
  public ServiceKeyTable checkedNow() {
    return keys.checkedNow();
  }

  /**
   * The file behind a KeyTab ({@link DefaultKeytab#locate()} for the default one). {@code KeyTab}
   * has no accessor; its {@code toString()} is the file name or "Default keytab", followed by
   * {@code " for <principal>"} or {@code " for someone"} when bound (JDK 17-25). Empty when the
   * text does not have that form.
   */
  public static Optional<Path> keytabFile(KeyTab keyTab) {
    String text = keyTab.toString();
    if (keyTab.isBound()) {
      String suffix = keyTab.getPrincipal() == null ? " for someone"
          : " for " + keyTab.getPrincipal();
      if (!text.endsWith(suffix)) {
        return Optional.empty();
      }
      text = text.substring(0, text.length() - suffix.length());
    }
    if (text.equals("Default keytab")) {
      return Optional.of(DefaultKeytab.locate());
    }
    try {
      return Optional.of(Paths.get(text));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  static PrincipalName principal(KerberosPrincipal p) {
    return PrincipalName.parse(p.getName(), "");
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof SubjectKeys && ((SubjectKeys) o).hash == hash
        && ((SubjectKeys) o).identity.equals(identity);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return description;
  }

  /** Compares a key source by identity (sources without value equality). */
  private record SameInstance(KeySource source) {
    @Override
    public boolean equals(Object o) {
      return o instanceof SameInstance && ((SameInstance) o).source == source;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(source);
    }
  }
}
