package dev.krb5gss.pac;

import dev.krb5gss.error.RejectedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decodes KERB_VALIDATION_INFO (MS-PAC §2.5) from its NDR type serialization (MS-RPCE §2.2.6:
 * common header version 1, little-endian, 8 bytes; private header with ObjectBufferLength), by
 * hand and strictly: the top-level referent must be non-null; every embedded pointer's referent
 * is read in NDR's deferred order (MS-RPCE §2.2.5 / C706 §14.3.12); each conformant (varying)
 * array's MaximumCount, Offset and ActualCount must agree with the count or RPC_UNICODE_STRING
 * lengths that announced it; NDR alignment is applied from the stream start; every read is bounded by
 * ObjectBufferLength. A count is never used to size anything before the bytes are there.
 */
final class LogonInfoDecoder {
  private static final int HEADERS = 16;
  private static final int LITTLE_ENDIAN = 0x10;
  private static final String[] USER_STRINGS = {"EffectiveName", "FullName", "LogonScript",
      "ProfilePath", "HomeDirectory", "HomeDirectoryDrive"};
  private static final int[] NO_GROUPS = {};

  private final LeReader r;

  private LogonInfoDecoder(LeReader r) {
    this.r = r;
  }

  static LogonInfo decode(PacLayout layout) throws RejectedException {
    int b = layout.require(PacBufferType.LOGON_INFO);
    LeReader header = layout.reader(b, PacCheck.LOGON_INFO);
    int version = header.u8();
    int endianness = header.u8();
    int commonLength = header.u16();
    header.u32(); // Filler, 0xCCCCCCCC; MS-RPCE §2.2.6.1 says receivers ignore it
    if (version != 1 || endianness != LITTLE_ENDIAN || commonLength != 8) {
      throw header.fail("an NDR common type header version 1, little-endian (0x10), length 8",
          "version " + version + ", endianness 0x" + Integer.toHexString(endianness)
              + ", length " + commonLength);
    }
    long objectLength = header.u32Unsigned();
    header.u32(); // private header filler
    if (objectLength % 8 != 0 || objectLength > layout.size(b) - HEADERS) {
      throw header.fail("ObjectBufferLength a multiple of 8 within the buffer's "
          + (layout.size(b) - HEADERS) + " bytes", Long.toString(objectLength));
    }
    // Alignment is relative to the stream start; the headers keep it 8-aligned.
    LeReader body = LeReader.of(layout.array(), layout.at(b), HEADERS + (int) objectLength,
        PacCheck.LOGON_INFO, "KERB_VALIDATION_INFO");
    body.skip(HEADERS);
    return new LogonInfoDecoder(body).read();
  }

  private LogonInfo read() throws RejectedException {
    if (r.u32() == 0) {
      throw r.fail("a non-null KERB_VALIDATION_INFO referent", "a null pointer");
    }
    long[] times = new long[6];
    for (int i = 0; i < times.length; i++) {
      times[i] = r.u64();
    }
    UnicodeString[] names = new UnicodeString[6];
    for (int i = 0; i < names.length; i++) {
      names[i] = unicodeString("a user string");
    }
    int logonCount = r.u16();
    int badPasswordCount = r.u16();
    int userId = r.u32();
    int primaryGroupId = r.u32();
    long groupCount = r.u32Unsigned();
    int groupIdsPtr = r.u32();
    int userFlags = r.u32();
    r.skip(16); // UserSessionKey: zero in a PAC (MS-PAC §2.5)
    UnicodeString logonServer = unicodeString("LogonServer");
    UnicodeString logonDomainName = unicodeString("LogonDomainName");
    int logonDomainIdPtr = r.u32();
    r.skip(8); // Reserved1
    int userAccountControl = r.u32();
    r.u32(); // SubAuthStatus
    r.u64(); // LastSuccessfulILogon
    r.u64(); // LastFailedILogon
    r.u32(); // FailedILogonCount
    r.u32(); // Reserved3
    long sidCount = r.u32Unsigned();
    int extraSidsPtr = r.u32();
    int resourceDomainPtr = r.u32();
    long resourceGroupCount = r.u32Unsigned();
    int resourceGroupIdsPtr = r.u32();

    String[] strings = new String[6];
    for (int i = 0; i < names.length; i++) {
      strings[i] = deferredString(names[i], USER_STRINGS[i], i == 0);
    }
    int[] groupRids = ridArray(groupIdsPtr, groupCount, "GroupIds");
    String server = deferredString(logonServer, "LogonServer", true);
    String domain = deferredString(logonDomainName, "LogonDomainName", true);
    if (logonDomainIdPtr == 0) {
      throw r.fail("a LogonDomainId (the user's domain SID)", "a null pointer");
    }
    Sid domainSid = domainSid("LogonDomainId");
    List<GroupMembership> groups = new ArrayList<>();
    groups.add(new GroupMembership(domainSid.withRid(primaryGroupId),
        GroupMembership.MANDATORY | GroupMembership.ENABLED_BY_DEFAULT | GroupMembership.ENABLED,
        GroupMembership.Source.PRIMARY_GROUP));
    for (int i = 0; i < groupRids.length; i += 2) {
      groups.add(new GroupMembership(domainSid.withRid(groupRids[i]), groupRids[i + 1],
          GroupMembership.Source.DOMAIN_GROUP));
    }
    extraSids(extraSidsPtr, sidCount, groups);
    Optional<Sid> resourceDomain = Optional.empty();
    if (resourceDomainPtr != 0) {
      resourceDomain = Optional.of(domainSid("ResourceGroupDomainSid"));
    } else if (resourceGroupCount != 0) {
      throw r.fail("a ResourceGroupDomainSid for " + resourceGroupCount + " resource groups",
          "a null pointer");
    }
    int[] resourceRids = ridArray(resourceGroupIdsPtr, resourceGroupCount, "ResourceGroupIds");
    for (int i = 0; i < resourceRids.length; i += 2) {
      groups.add(new GroupMembership(resourceDomain.get().withRid(resourceRids[i]),
          resourceRids[i + 1], GroupMembership.Source.RESOURCE_GROUP));
    }
    return new LogonInfo(FileTime.optional(times[0]), FileTime.optional(times[1]),
        FileTime.optional(times[2]), FileTime.optional(times[3]), FileTime.optional(times[4]),
        FileTime.optional(times[5]), strings[0], strings[1], strings[2], strings[3], strings[4],
        strings[5], logonCount, badPasswordCount, userId, primaryGroupId, List.copyOf(groups),
        userFlags, server, domain, domainSid, userAccountControl, resourceDomain);
  }

  /** RPC_UNICODE_STRING (MS-DTYP §2.3.10): Length, MaximumLength (bytes), Buffer pointer. */
  private record UnicodeString(int length, int maximumLength, int pointer) {}

  private UnicodeString unicodeString(String field) throws RejectedException {
    int length = r.u16();
    int max = r.u16();
    int pointer = r.u32();
    if (length > max || length % 2 != 0 || max % 2 != 0) {
      throw r.fail("an RPC_UNICODE_STRING with even Length <= MaximumLength in " + field,
          "Length " + length + ", MaximumLength " + max);
    }
    if (pointer == 0 && length != 0) {
      throw r.fail("a Buffer for the " + length + " bytes of " + field, "a null pointer");
    }
    return new UnicodeString(length, max, pointer);
  }

  /** The deferred conformant varying WCHAR array of a string (MS-RPCE §2.2.5.2.4.3). */
  private String deferredString(UnicodeString s, String field, boolean isName)
      throws RejectedException {
    if (s.pointer() == 0) {
      return "";
    }
    r.align(4);
    long maxCount = r.u32Unsigned();
    long offset = r.u32Unsigned();
    long actual = r.u32Unsigned();
    if (maxCount != s.maximumLength() / 2 || offset != 0 || actual != s.length() / 2) {
      throw r.fail("the array of " + field + " with MaximumCount " + s.maximumLength() / 2
          + ", Offset 0, ActualCount " + s.length() / 2, "MaximumCount " + maxCount + ", Offset "
          + offset + ", ActualCount " + actual);
    }
    return isName ? r.name(s.length(), field) : r.utf16(s.length(), field);
  }

  /**
   * A deferred conformant array of GROUP_MEMBERSHIP {RelativeId, Attributes}, flat: entry i's
   * RelativeId at 2i, its Attributes at 2i + 1.
   */
  private int[] ridArray(int pointer, long count, String field) throws RejectedException {
    if (pointer == 0) {
      if (count != 0) {
        throw r.fail(field + " for a count of " + count, "a null pointer");
      }
      return NO_GROUPS;
    }
    conformance(count, 8, field);
    int[] out = new int[2 * (int) count];
    for (int i = 0; i < out.length; i++) {
      out[i] = r.u32();
    }
    return out;
  }

  /** ExtraSids: KERB_SID_AND_ATTRIBUTES[SidCount], then each SID's deferred RPC_SID. */
  private void extraSids(int pointer, long count, List<GroupMembership> groups)
      throws RejectedException {
    if (pointer == 0) {
      if (count != 0) {
        throw r.fail("ExtraSids for SidCount " + count, "a null pointer");
      }
      return;
    }
    conformance(count, 8, "ExtraSids");
    int[] attributes = new int[(int) count];
    for (int i = 0; i < count; i++) {
      if (r.u32() == 0) {
        throw r.fail("a SID in ExtraSids[" + i + "]", "a null pointer");
      }
      attributes[i] = r.u32();
    }
    for (int i = 0; i < count; i++) {
      groups.add(new GroupMembership(rpcSid("ExtraSids[" + i + "]"), attributes[i],
          GroupMembership.Source.EXTRA_SID));
    }
  }

  /** The MaximumCount of a conformant array: equal to the announced count, bytes present. */
  private void conformance(long count, int elementSize, String field) throws RejectedException {
    r.align(4);
    long maxCount = r.u32Unsigned();
    if (maxCount != count) {
      throw r.fail("MaximumCount " + count + " for " + field, Long.toString(maxCount));
    }
    if (count * elementSize > r.remaining()) {
      throw r.fail(count + " entries of " + field + " (" + count * elementSize + " bytes)",
          "only " + r.remaining() + " bytes left");
    }
  }

  /** A domain SID: one RID must still fit (at most 14 sub-authorities). */
  private Sid domainSid(String field) throws RejectedException {
    Sid sid = rpcSid(field);
    if (sid.subAuthorityCount() >= Sid.MAX_SUB_AUTHORITIES) {
      throw r.fail("a domain SID in " + field + " with at most "
          + (Sid.MAX_SUB_AUTHORITIES - 1) + " sub-authorities (room for a RID)", sid.toString());
    }
    return sid;
  }

  /** RPC_SID (MS-DTYP §2.4.2.3): a conformant structure, MaximumCount first. */
  private Sid rpcSid(String field) throws RejectedException {
    r.align(4);
    long maxCount = r.u32Unsigned();
    if (maxCount > Sid.MAX_SUB_AUTHORITIES) {
      throw r.fail("at most 15 sub-authorities in " + field, Long.toString(maxCount));
    }
    int at = r.position();
    r.skip(1);
    int subCount = r.u8();
    r.seek(at);
    if (subCount != maxCount) {
      throw r.fail("SubAuthorityCount = MaximumCount " + maxCount + " in " + field,
          Integer.toString(subCount));
    }
    return r.sid(8 + 4 * subCount, field);
  }
}
