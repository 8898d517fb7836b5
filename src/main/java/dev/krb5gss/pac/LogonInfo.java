package dev.krb5gss.pac;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The decoded KERB_VALIDATION_INFO (MS-PAC §2.5; NRPC's NETLOGON_VALIDATION_SAM_INFO4 shape), as
 * {@link LogonInfoDecoder} read it. Package-private: {@link Pac} exposes what callers need.
 */
record LogonInfo(
    Optional<Instant> logonTime,
    Optional<Instant> logoffTime,
    Optional<Instant> kickOffTime,
    Optional<Instant> passwordLastSet,
    Optional<Instant> passwordCanChange,
    Optional<Instant> passwordMustChange,
    String effectiveName,
    String fullName,
    String logonScript,
    String profilePath,
    String homeDirectory,
    String homeDirectoryDrive,
    int logonCount,
    int badPasswordCount,
    int userId,
    int primaryGroupId,
    List<GroupMembership> groups,
    int userFlags,
    String logonServer,
    String logonDomainName,
    Sid logonDomainId,
    int userAccountControl,
    Optional<Sid> resourceGroupDomainSid) {

  Sid userSid() {
    return logonDomainId.withRid(userId);
  }
}
