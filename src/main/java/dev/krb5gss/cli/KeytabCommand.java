package dev.krb5gss.cli;

import dev.krb5gss.crypto.EncType;
import dev.krb5gss.keytab.KeytabParser.Listing;
import dev.krb5gss.name.PrincipalName;
import dev.krb5gss.observe.KeytabSlot;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code krb5gss keytab FILE}: the keytab's principals, kvnos, enctypes and timestamps (as
 * {@code klist -kte}), then findings: a principal whose keys are all rc4-hmac/DES/3DES (RFC 8429
 * deprecates them; the acceptor refuses them by default), a principal without AES keys
 * (RFC 3962, RFC 8009), several kvnos of one principal, an unreadable or too-open file.
 */
@Command(name = "keytab", mixinStandardHelpOptions = true,
    description = "List a keytab and find what would break authentication.")
final class KeytabCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The keytab file.")
  Path file;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    Report report = new Report("keytab").put("file", file.toString());
    Optional<List<Listing>> entries = KeytabFile.read(file, report);
    entries.ifPresent(list -> describe(list, report));
    PrintWriter out = spec.commandLine().getOut();
    return report.print(out, json);
  }

  static void describe(List<Listing> entries, Report report) {
    if (entries.isEmpty()) {
      report.add(Finding.error("KEYTAB_EMPTY", "the keytab holds no keys"));
      return;
    }
    Map<PrincipalName, String> slots = slots(entries);
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"PRINCIPAL", "KVNO", "ENCTYPE", "TIMESTAMP", "METRIC SLOT"});
    List<Object> json = new ArrayList<>();
    for (Listing e : entries) {
      rows.add(new String[] {e.principal().toString(), Integer.toString(e.kvno()),
          e.encType().mitName(), timestamp(e.timestamp()), slots.get(e.principal())});
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("principal", e.principal().toString());
      m.put("kvno", e.kvno());
      m.put("enctype", e.encType().mitName());
      m.put("enctypeId", e.encType().id());
      m.put("timestamp", timestamp(e.timestamp()));
      m.put("metricSlot", slots.get(e.principal()));
      json.add(m);
    }
    report.put("entries", json);
    Table.print(rows).forEach(report::line);
    findings(entries).forEach(report::add);
  }

  /** The findings per principal, in principal order. */
  static List<Finding> findings(List<Listing> entries) {
    Map<String, List<Listing>> byPrincipal = new TreeMap<>();
    entries.forEach(e -> byPrincipal.computeIfAbsent(e.principal().toString(),
        p -> new ArrayList<>()).add(e));
    List<Finding> out = new ArrayList<>();
    byPrincipal.forEach((principal, keys) -> {
      TreeSet<Integer> kvnos = keys.stream().map(Listing::kvno)
          .collect(Collectors.toCollection(TreeSet::new));
      String types = keys.stream().map(k -> k.encType().mitName()).distinct()
          .collect(Collectors.joining(", "));
      if (keys.stream().allMatch(k -> WEAK.contains(k.encType()))) {
        out.add(Finding.error("WEAK_ENCTYPES_ONLY", principal + " has only " + types
            + " keys (rc4-hmac/DES/3DES, deprecated by RFC 8429; krb5gss refuses them by "
            + "default): enable AES on the account (AD: msDS-SupportedEncryptionTypes), set its "
            + "password again and re-export the keytab"));
      } else if (keys.stream().noneMatch(k -> isAes(k.encType()))) {
        out.add(Finding.error("NO_AES_KEY", principal + " has no AES key (it has " + types
            + "): clients with AES tickets fail with ENCTYPE_NOT_IN_KEYTAB; re-export the keytab"
            + " with aes256-cts-hmac-sha1-96 and aes128-cts-hmac-sha1-96"));
      }
      if (kvnos.size() > 1) {
        out.add(Finding.warning("SEVERAL_KVNOS", principal + " has keys of kvnos " + kvnos
            + ": normal right after a key rotation (tickets under kvno " + kvnos.first()
            + " keep working until they expire); remove the old kvnos afterwards"));
      }
    });
    return out;
  }

  /** rc4-hmac (RFC 4757), DES and 3DES: deprecated by RFC 8429 and RFC 6649. */
  private static final java.util.Set<EncType> WEAK = java.util.Set.of(EncType.RC4_HMAC,
      EncType.DES_CBC_CRC, EncType.DES_CBC_MD5, EncType.DES3_CBC_SHA1);

  private static boolean isAes(EncType t) {
    return t.equals(EncType.AES128_CTS_HMAC_SHA1_96) || t.equals(EncType.AES256_CTS_HMAC_SHA1_96)
        || t.equals(EncType.AES128_CTS_HMAC_SHA256_128)
        || t.equals(EncType.AES256_CTS_HMAC_SHA384_192);
  }

  private static Map<PrincipalName, String> slots(List<Listing> entries) {
    Map<PrincipalName, String> slots = new LinkedHashMap<>();
    KeytabSlot.of(entries.stream().map(Listing::principal).collect(Collectors.toList()))
        .forEach((p, slot) -> slots.put(p, slot.toString()));
    return slots;
  }

  private static String timestamp(Instant t) {
    return t.toString();
  }
}
