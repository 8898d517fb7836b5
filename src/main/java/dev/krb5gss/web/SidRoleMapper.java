package dev.krb5gss.web;

import dev.krb5gss.ap.ApEstablished;
import dev.krb5gss.pac.Pac;
import dev.krb5gss.pac.Sid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Roles from Active Directory group membership: the user SID and group SIDs of the client's
 * verified PAC (MS-PAC §2.5 KERB_VALIDATION_INFO, nested groups already expanded by the DC) mapped
 * through a table of {@code SID = role[, role...]} lines, as in a properties file:
 *
 * <pre>
 * # absolute SIDs (MS-DTYP §2.4.2.1), e.g. a group's objectSid
 * S-1-5-21-1004336348-1177238915-682003330-1105 = admin
 * # the well-known RIDs of MS-DTYP §2.4.2.4, relative to the user's own domain
 * DOMAIN_ADMINS = admin
 * DOMAIN_USERS  = user
 * </pre>
 *
 * <p>Parsing is strict: a line that is not blank, a comment ({@code #} or {@code !}), or a valid
 * {@code key = roles} line, an unknown well-known name, a malformed SID, an empty or malformed
 * role, or a key given twice fails with an {@link IllegalArgumentException} naming the file and
 * line. (Unlike {@link java.util.Properties}, no {@code :} separator, no line continuations, no
 * silent last-one-wins.) A ticket without a PAC (an MIT or Heimdal realm) gets no roles.
 */
public final class SidRoleMapper implements RoleMapper {
  /** The well-known relative names a key may use, with their RIDs (MS-DTYP §2.4.2.4). */
  public static final Map<String, Integer> WELL_KNOWN_RIDS = wellKnown();

  private static final long MAX_FILE_BYTES = 1 << 20;
  private static final Pattern ROLE = Pattern.compile("[^\\s,=#!\\p{Cntrl}]+");

  private final String source;
  private final Map<Sid, Set<String>> bySid;
  private final Map<Integer, Set<String>> byDomainRid;

  private SidRoleMapper(String source, Map<Sid, Set<String>> bySid,
      Map<Integer, Set<String>> byDomainRid) {
    this.source = source;
    this.bySid = Map.copyOf(bySid);
    this.byDomainRid = Map.copyOf(byDomainRid);
  }

  /**
   * Reads a mapping file (UTF-8, at most 1 MiB).
   *
   * @throws IOException if it cannot be read
   * @throws IllegalArgumentException naming the file and line of the first bad line
   */
  public static SidRoleMapper load(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_FILE_BYTES) {
      throw new IllegalArgumentException(file + ": expected a role mapping of at most "
          + MAX_FILE_BYTES + " bytes, got " + size);
    }
    return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
  }

  /**
   * Parses mapping lines; {@code source} names them in error messages (e.g. the file name).
   *
   * @throws IllegalArgumentException naming {@code source} and the line of the first bad line
   */
  public static SidRoleMapper parse(List<String> lines, String source) {
    Parser parser = new Parser(source);
    for (int i = 0; i < lines.size(); i++) {
      parser.line(i + 1, lines.get(i));
    }
    return parser.build();
  }

  /**
   * A mapping from {@code key -> roles} pairs, keys and roles as in the file format.
   *
   * @throws IllegalArgumentException naming the bad entry
   */
  public static SidRoleMapper of(Map<String, String> mapping) {
    Parser parser = new Parser("role mapping");
    int entry = 0;
    for (Map.Entry<String, String> e : mapping.entrySet()) {
      parser.entry(++entry, e.getKey().strip(), e.getValue().strip());
    }
    return parser.build();
  }

  /** The roles of the client's PAC; none for a ticket without one. */
  @Override
  public Set<String> roles(ApEstablished established) {
    return established.pac().map(this::roles).orElse(Set.of());
  }

  /** The roles of a verified PAC: its user SID and every group SID. */
  public Set<String> roles(Pac pac) {
    List<Sid> sids = new ArrayList<>(pac.groupSids());
    sids.add(pac.userSid());
    return roles(pac.domainSid(), sids);
  }

  /**
   * The roles of {@code sids}; the well-known names count in {@code userDomain} only (a group
   * of another domain with RID 512 is not this domain's Domain Admins).
   */
  public Set<String> roles(Sid userDomain, Collection<Sid> sids) {
    Set<String> roles = new TreeSet<>();
    for (Sid sid : sids) {
      roles.addAll(bySid.getOrDefault(sid, Set.of()));
      if (sid.subAuthorityCount() > 0 && sid.isIn(userDomain)) {
        roles.addAll(byDomainRid.getOrDefault(sid.rid(), Set.of()));
      }
    }
    return Collections.unmodifiableSet(roles);
  }

  @Override
  public String toString() {
    return "SidRoleMapper[" + source + ", " + (bySid.size() + byDomainRid.size()) + " entries]";
  }

  private static Map<String, Integer> wellKnown() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("ADMINISTRATOR", Sid.ADMINISTRATOR);
    m.put("GUEST", Sid.GUEST);
    m.put("DOMAIN_ADMINS", Sid.DOMAIN_ADMINS);
    m.put("DOMAIN_USERS", Sid.DOMAIN_USERS);
    m.put("DOMAIN_GUESTS", Sid.DOMAIN_GUESTS);
    m.put("DOMAIN_COMPUTERS", Sid.DOMAIN_COMPUTERS);
    m.put("DOMAIN_CONTROLLERS", Sid.DOMAIN_CONTROLLERS);
    m.put("CERT_PUBLISHERS", Sid.CERT_PUBLISHERS);
    m.put("SCHEMA_ADMINS", Sid.SCHEMA_ADMINS);
    m.put("ENTERPRISE_ADMINS", Sid.ENTERPRISE_ADMINS);
    m.put("GROUP_POLICY_CREATOR_OWNERS", Sid.GROUP_POLICY_CREATOR_OWNERS);
    m.put("READONLY_DOMAIN_CONTROLLERS", Sid.READONLY_DOMAIN_CONTROLLERS);
    m.put("PROTECTED_USERS", Sid.PROTECTED_USERS);
    return Collections.unmodifiableMap(m);
  }

  /** Accumulates entries, remembering where each key was defined. */
  private static final class Parser {
    private final String source;
    private final Map<Sid, Set<String>> bySid = new LinkedHashMap<>();
    private final Map<Integer, Set<String>> byDomainRid = new LinkedHashMap<>();
    private final Map<Object, Integer> definedAt = new LinkedHashMap<>();

    Parser(String source) {
      this.source = source;
    }

    void line(int number, String raw) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
        return;
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw error(number, "expected 'SID = role' or 'DOMAIN_ADMINS = role', got '"
            + printable(line) + "'");
      }
      entry(number, line.substring(0, eq).strip(), line.substring(eq + 1).strip());
    }

    void entry(int number, String key, String value) {
      Object parsed = key(number, key);
      Integer previous = definedAt.putIfAbsent(parsed, number);
      if (previous != null) {
        throw error(number, "'" + printable(key) + "' is mapped again (first at line " + previous
            + "); list every role of one key on one line, separated by commas");
      }
      Set<String> roles = roles(number, value);
      if (parsed instanceof Sid sid) {
        bySid.put(sid, roles);
      } else {
        byDomainRid.put((Integer) parsed, roles);
      }
    }

    private Object key(int number, String key) {
      if (key.regionMatches(true, 0, "S-", 0, 2)) {
        try {
          return Sid.parse(key);
        } catch (IllegalArgumentException e) {
          throw error(number, e.getMessage());
        }
      }
      Integer rid = WELL_KNOWN_RIDS.get(key);
      if (rid == null) {
        throw error(number, "expected a SID (S-1-5-21-...) or one of "
            + WELL_KNOWN_RIDS.keySet() + ", got '" + printable(key) + "'");
      }
      return rid;
    }

    private Set<String> roles(int number, String value) {
      if (value.endsWith("\\")) {
        throw error(number, "line continuations are not supported; put the roles on one line");
      }
      Set<String> roles = new LinkedHashSet<>();
      for (String role : value.split(",", -1)) {
        String r = role.strip();
        if (!ROLE.matcher(r).matches()) {
          throw error(number, "expected role names separated by commas, got '"
              + printable(value) + "'");
        }
        roles.add(r);
      }
      return Set.copyOf(roles);
    }

    private IllegalArgumentException error(int number, String message) {
      return new IllegalArgumentException(source + ":" + number + ": " + message);
    }

    SidRoleMapper build() {
      return new SidRoleMapper(source, bySid, byDomainRid);
    }

    private static String printable(String s) {
      String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
      return cut.replaceAll("\\p{Cntrl}", "?");
    }
  }
}
