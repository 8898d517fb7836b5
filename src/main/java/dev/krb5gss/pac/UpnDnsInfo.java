package dev.krb5gss.pac;

import dev.krb5gss.error.RejectedException;
import java.util.Optional;

/**
 * UPN_DNS_INFO (MS-PAC §2.10): the user's UPN and DNS domain name, and with flag S (0x2) the
 * extension with the SAM account name and the user's SID. Each string or SID is located by a
 * length and an offset from the start of the buffer; both are checked against the buffer and
 * must not point into the fixed header.
 */
record UpnDnsInfo(String upn, String dnsDomainName, int flags, Optional<String> samName,
    Optional<Sid> sid) {
  /** Flag U: the user has no UPN attribute; the UPN was constructed from name and domain. */
  static final int UPN_CONSTRUCTED = 0x1;
  /** Flag S: the SAM name and SID extension is present. */
  static final int EXTENDED = 0x2;

  /** The PAC's UPN_DNS_INFO, or null when it has none. */
  static UpnDnsInfo parse(PacLayout layout) throws RejectedException {
    int found = layout.indexOf(PacBufferType.UPN_DNS_INFO);
    if (found < 0) {
      return null;
    }
    LeReader r = layout.reader(found, PacCheck.UPN_DNS_INFO);
    int upnLength = r.u16();
    int upnOffset = r.u16();
    int dnsLength = r.u16();
    int dnsOffset = r.u16();
    int flags = r.u32();
    int header = (flags & EXTENDED) != 0 ? 20 : 12;
    Optional<String> sam = Optional.empty();
    Optional<Sid> sid = Optional.empty();
    int samLength = 0;
    int samOffset = 0;
    int sidLength = 0;
    int sidOffset = 0;
    if ((flags & EXTENDED) != 0) {
      samLength = r.u16();
      samOffset = r.u16();
      sidLength = r.u16();
      sidOffset = r.u16();
    }
    String upn = string(r, upnOffset, upnLength, header, "Upn");
    String dns = string(r, dnsOffset, dnsLength, header, "DnsDomainName");
    if ((flags & EXTENDED) != 0) {
      sam = Optional.of(string(r, samOffset, samLength, header, "SamName"));
      locate(r, sidOffset, sidLength, header, "Sid");
      sid = Optional.of(r.sid(sidLength, "Sid"));
    }
    return new UpnDnsInfo(upn, dns, flags, sam, sid);
  }

  private static String string(LeReader r, int offset, int length, int header, String field)
      throws RejectedException {
    if (length == 0) {
      return "";
    }
    locate(r, offset, length, header, field);
    return r.name(length, field);
  }

  private static void locate(LeReader r, int offset, int length, int header, String field)
      throws RejectedException {
    if (offset < header || offset > r.length() || length > r.length() - offset) {
      throw r.fail(field + " within [" + header + ", " + r.length() + ")",
          "offset " + offset + " + length " + length);
    }
    r.seek(offset);
  }

  /** The SAM name and SID, when present, must be the logon info's account name and user SID. */
  void check(LogonInfo logon) throws RejectedException {
    if (samName.isPresent() && !samName.get().equalsIgnoreCase(logon.effectiveName())) {
      throw PacCheck.UPN_DNS_INFO.fail("expected SamName = the logon info's account name '"
          + Pac.printable(logon.effectiveName()) + "', got '" + Pac.printable(samName.get()) + "'");
    }
    if (sid.isPresent() && !sid.get().equals(logon.userSid())) {
      throw PacCheck.UPN_DNS_INFO.fail("expected Sid = the logon info's user SID "
          + logon.userSid() + ", got " + sid.get());
    }
  }
}
