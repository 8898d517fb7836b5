package dev.krb5gss.pac;

import java.util.Arrays;
import java.util.Objects;

/**
 * A Windows security identifier (MS-DTYP §2.4.2): revision 1, a 48-bit identifier authority and
 * up to 15 32-bit sub-authorities, printed and parsed in the {@code S-1-5-21-a-b-c-rid} form of
 * MS-DTYP §2.4.2.1. Immutable, compared by value. A domain account's SID is its domain's SID plus
 * one relative identifier (RID): {@link #domain()}, {@link #rid()}, {@link #withRid(int)}.
 */
public final class Sid {
  /** MS-DTYP §2.4.2: SubAuthorityCount is at most 15. */
  public static final int MAX_SUB_AUTHORITIES = 15;
  /** MS-DTYP §2.4.2.4: the well-known RID of the domain's Administrator account. */
  public static final int ADMINISTRATOR = 500;
  /** MS-DTYP §2.4.2.4: the Guest account. */
  public static final int GUEST = 501;
  /** MS-DTYP §2.4.2.4: krbtgt, the KDC's account. */
  public static final int KRBTGT = 502;
  /** MS-DTYP §2.4.2.4: Domain Admins. */
  public static final int DOMAIN_ADMINS = 512;
  /** MS-DTYP §2.4.2.4: Domain Users. */
  public static final int DOMAIN_USERS = 513;
  /** MS-DTYP §2.4.2.4: Domain Guests. */
  public static final int DOMAIN_GUESTS = 514;
  /** MS-DTYP §2.4.2.4: Domain Computers. */
  public static final int DOMAIN_COMPUTERS = 515;
  /** MS-DTYP §2.4.2.4: Domain Controllers. */
  public static final int DOMAIN_CONTROLLERS = 516;
  /** MS-DTYP §2.4.2.4: Cert Publishers. */
  public static final int CERT_PUBLISHERS = 517;
  /** MS-DTYP §2.4.2.4: Schema Admins (forest root domain). */
  public static final int SCHEMA_ADMINS = 518;
  /** MS-DTYP §2.4.2.4: Enterprise Admins (forest root domain). */
  public static final int ENTERPRISE_ADMINS = 519;
  /** MS-DTYP §2.4.2.4: Group Policy Creator Owners. */
  public static final int GROUP_POLICY_CREATOR_OWNERS = 520;
  /** MS-DTYP §2.4.2.4: Read-only Domain Controllers. */
  public static final int READONLY_DOMAIN_CONTROLLERS = 521;
  /** MS-DTYP §2.4.2.4: Protected Users. */
  public static final int PROTECTED_USERS = 525;

  /** S-1-1-0, Everyone (MS-DTYP §2.4.2.4). */
  public static final Sid EVERYONE = parse("S-1-1-0");
  /** S-1-5-11, Authenticated Users (MS-DTYP §2.4.2.4). */
  public static final Sid AUTHENTICATED_USERS = parse("S-1-5-11");
  /**
   * S-1-18-1, "Authentication authority asserted identity" (MS-DTYP §2.4.2.4): a KDC adds it to
   * ExtraSids for a normal (not S4U) logon.
   */
  public static final Sid AUTHENTICATION_AUTHORITY_ASSERTED = parse("S-1-18-1");
  /** S-1-18-2, "Service asserted identity" (S4U2Self logons, MS-DTYP §2.4.2.4). */
  public static final Sid SERVICE_ASSERTED = parse("S-1-18-2");

  private static final long MAX_AUTHORITY = (1L << 48) - 1;

  private final int revision;
  private final long authority;
  private final int[] subAuthorities;

  private Sid(int revision, long authority, int[] subAuthorities) {
    this.revision = revision;
    this.authority = authority;
    this.subAuthorities = subAuthorities;
  }

  /**
   * A SID from its parts.
   *
   * @param authority the 48-bit identifier authority (5 = NT Authority)
   * @param subAuthorities 0 to 15 sub-authorities, unsigned 32-bit values held in ints
   * @throws IllegalArgumentException outside those bounds
   */
  public static Sid of(long authority, int... subAuthorities) {
    if (authority < 0 || authority > MAX_AUTHORITY) {
      throw new IllegalArgumentException("expected an identifier authority in [0, 2^48), got "
          + authority);
    }
    if (subAuthorities.length > MAX_SUB_AUTHORITIES) {
      throw new IllegalArgumentException("expected at most " + MAX_SUB_AUTHORITIES
          + " sub-authorities, got " + subAuthorities.length);
    }
    return new Sid(1, authority, subAuthorities.clone());
  }

  /**
   * Parses {@code S-1-<authority>-<sub>...} (MS-DTYP §2.4.2.1; the authority in decimal, or in
   * hex as {@code 0x...} when it exceeds 32 bits). Case-insensitive {@code S}.
   *
   * @throws IllegalArgumentException naming what was wrong
   */
  public static Sid parse(String text) {
    Objects.requireNonNull(text, "text");
    String[] parts = text.split("-", -1);
    if (parts.length < 3 || !parts[0].equalsIgnoreCase("S")) {
      throw new IllegalArgumentException("expected a SID of the form S-1-5-21-..., got '"
          + abbreviate(text) + "'");
    }
    if (!parts[1].equals("1")) {
      throw new IllegalArgumentException("expected SID revision 1, got '" + abbreviate(parts[1])
          + "' in '" + abbreviate(text) + "'");
    }
    long authority = parseAuthority(parts[2], text);
    int[] subs = new int[parts.length - 3];
    if (subs.length > MAX_SUB_AUTHORITIES) {
      throw new IllegalArgumentException("expected at most " + MAX_SUB_AUTHORITIES
          + " sub-authorities, got " + subs.length + " in '" + abbreviate(text) + "'");
    }
    for (int i = 0; i < subs.length; i++) {
      subs[i] = (int) parseUnsigned(parts[i + 3], 0xffff_ffffL, text);
    }
    return new Sid(1, authority, subs);
  }

  private static long parseAuthority(String s, String text) {
    if (s.startsWith("0x") || s.startsWith("0X")) {
      String hex = s.substring(2);
      if (hex.isEmpty() || hex.length() > 12 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        throw new IllegalArgumentException("expected a hex identifier authority, got '"
            + abbreviate(s) + "' in '" + abbreviate(text) + "'");
      }
      return Long.parseLong(hex, 16);
    }
    return parseUnsigned(s, MAX_AUTHORITY, text);
  }

  private static long parseUnsigned(String s, long max, String text) {
    if (s.isEmpty() || s.length() > 15 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("expected a decimal number, got '" + abbreviate(s)
          + "' in '" + abbreviate(text) + "'");
    }
    long v = Long.parseLong(s);
    if (v > max) {
      throw new IllegalArgumentException("expected a number up to " + max + ", got " + s
          + " in '" + abbreviate(text) + "'");
    }
    return v;
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }

  /** A SID read from its binary form (MS-DTYP §2.4.2.2) by the PAC decoder. */
  static Sid fromParts(int revision, long authority, int[] subAuthorities) {
    return new Sid(revision, authority, subAuthorities.clone());
  }

  /** The revision (1 for every SID Windows issues). */
  public int revision() {
    return revision;
  }

  /** The 48-bit identifier authority (5 = NT Authority, 1 = World, 18 = Authentication Authority). */
  public long identifierAuthority() {
    return authority;
  }

  /** The number of sub-authorities. */
  public int subAuthorityCount() {
    return subAuthorities.length;
  }

  /** Sub-authority {@code i} as an unsigned value. */
  public long subAuthority(int i) {
    return Integer.toUnsignedLong(subAuthorities[i]);
  }

  /**
   * The last sub-authority: the relative identifier of an account or group in its domain.
   *
   * @throws IllegalStateException for a SID without sub-authorities
   */
  public int rid() {
    if (subAuthorities.length == 0) {
      throw new IllegalStateException(this + " has no sub-authority, hence no RID");
    }
    return subAuthorities[subAuthorities.length - 1];
  }

  /**
   * This SID without its last sub-authority: for {@code S-1-5-21-a-b-c-1104}, the domain SID
   * {@code S-1-5-21-a-b-c}.
   *
   * @throws IllegalStateException for a SID without sub-authorities
   */
  public Sid domain() {
    rid();
    return new Sid(revision, authority, Arrays.copyOf(subAuthorities, subAuthorities.length - 1));
  }

  /**
   * This (domain) SID with {@code rid} appended: {@code domain.withRid(Sid.DOMAIN_ADMINS)}.
   *
   * @throws IllegalStateException when the SID already has 15 sub-authorities
   */
  public Sid withRid(int rid) {
    if (subAuthorities.length == MAX_SUB_AUTHORITIES) {
      throw new IllegalStateException(this + " already has " + MAX_SUB_AUTHORITIES
          + " sub-authorities");
    }
    int[] subs = Arrays.copyOf(subAuthorities, subAuthorities.length + 1);
    subs[subs.length - 1] = rid;
    return new Sid(revision, authority, subs);
  }

  /** True if this SID is {@code domain} plus one RID. */
  public boolean isIn(Sid domain) {
    return subAuthorities.length == domain.subAuthorities.length + 1
        && domain().equals(domain);
  }

  /** The binary form, MS-DTYP §2.4.2.2 (little-endian sub-authorities, big-endian authority). */
  public byte[] toBytes() {
    byte[] b = new byte[8 + 4 * subAuthorities.length];
    b[0] = (byte) revision;
    b[1] = (byte) subAuthorities.length;
    for (int i = 0; i < 6; i++) {
      b[2 + i] = (byte) (authority >>> (8 * (5 - i)));
    }
    for (int i = 0; i < subAuthorities.length; i++) {
      int v = subAuthorities[i];
      int o = 8 + 4 * i;
      b[o] = (byte) v;
      b[o + 1] = (byte) (v >>> 8);
      b[o + 2] = (byte) (v >>> 16);
      b[o + 3] = (byte) (v >>> 24);
    }
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sid && ((Sid) o).revision == revision && ((Sid) o).authority == authority
        && Arrays.equals(((Sid) o).subAuthorities, subAuthorities);
  }

  @Override
  public int hashCode() {
    return 31 * Long.hashCode(authority) + Arrays.hashCode(subAuthorities);
  }

  /** {@code S-1-5-21-...}; the authority in hex when it exceeds 32 bits (MS-DTYP §2.4.2.1). */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("S-").append(revision).append('-');
    if (authority > 0xffff_ffffL) {
      sb.append(String.format("0x%012X", authority));
    } else {
      sb.append(authority);
    }
    for (int s : subAuthorities) {
      sb.append('-').append(Integer.toUnsignedString(s));
    }
    return sb.toString();
  }
}
