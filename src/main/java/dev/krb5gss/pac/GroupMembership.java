package dev.krb5gss.pac;

import java.util.Objects;

/**
 * One group of the user in a PAC with its SE_GROUP attributes (MS-PAC §2.2.1 GROUP_MEMBERSHIP,
 * §2.2.2 KERB_SID_AND_ATTRIBUTES; attribute bits MS-PAC §2.2.1 / MS-DTYP §2.4.2) and where the
 * KDC put it.
 *
 * @param sid the group's SID
 * @param attributes the SE_GROUP_* bits
 * @param source which part of KERB_VALIDATION_INFO named the group
 */
public record GroupMembership(Sid sid, int attributes, Source source) {
  /** SE_GROUP_MANDATORY. */
  public static final int MANDATORY = 0x1;
  /** SE_GROUP_ENABLED_BY_DEFAULT. */
  public static final int ENABLED_BY_DEFAULT = 0x2;
  /** SE_GROUP_ENABLED. */
  public static final int ENABLED = 0x4;
  /** SE_GROUP_OWNER. */
  public static final int OWNER = 0x8;
  /** SE_GROUP_RESOURCE: a domain-local group of the resource domain. */
  public static final int RESOURCE = 0x20000000;

  /** Where in KERB_VALIDATION_INFO (MS-PAC §2.5) the group came from. */
  public enum Source {
    /** PrimaryGroupId, relative to LogonDomainId (attributes: mandatory, enabled). */
    PRIMARY_GROUP,
    /** GroupIds: RIDs of the account domain's groups, relative to LogonDomainId. */
    DOMAIN_GROUP,
    /** ExtraSids: SIDs of other domains (universal groups, SID history, asserted identity). */
    EXTRA_SID,
    /** ResourceGroupIds relative to ResourceGroupDomainSid (domain-local groups). */
    RESOURCE_GROUP
  }

  public GroupMembership {
    Objects.requireNonNull(sid, "sid");
    Objects.requireNonNull(source, "source");
  }

  /** True if SE_GROUP_ENABLED is set (a disabled group does not grant access on Windows). */
  public boolean enabled() {
    return (attributes & ENABLED) != 0;
  }
}
