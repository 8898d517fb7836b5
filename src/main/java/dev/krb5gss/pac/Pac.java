package dev.krb5gss.pac;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;

/**
 * A verified Privilege Attribute Certificate (MS-PAC): the Active Directory identity of the
 * ticket's client as the domain controller asserted it — user SID, group SIDs (with nested global
 * groups, universal groups and domain-local resource groups already expanded by the DC), account
 * and domain names, UPN. Only {@link PacVerifier} makes one, after the server signature verified
 * under the service key and the PAC matched the ticket's client and authtime (see
 * {@link PacVerifier} for every check). Immutable; {@link #toString()} is short.
 *
 * <p>Obtain it from an established context: {@link #of(GSSContext)} for the provider's contexts
 * (plain GSS-API, Tomcat, Jetty), {@code ApEstablished.pac()} for the plain API.
 */
public final class Pac {
  /**
   * The {@code inquireSecContext} type under which the provider's contexts answer with their PAC
   * (an {@code Optional<Pac>}); see {@link #of(GSSContext)}.
   */
  public static final String INQUIRE_TYPE = "dev.krb5gss.PAC";

  private final List<Integer> bufferTypes;
  private final ClientInfo clientInfo;
  private final LogonInfo logon;
  private final Optional<UpnDnsInfo> upnDns;
  private final List<Sid> groupSids;
  private final PacExtras extras;

  Pac(PacLayout layout, ClientInfo clientInfo, LogonInfo logon, Optional<UpnDnsInfo> upnDns,
      PacExtras extras) {
    List<Integer> types = new ArrayList<>(layout.count());
    for (int i = 0; i < layout.count(); i++) {
      types.add(layout.type(i));
    }
    this.bufferTypes = List.copyOf(types);
    this.clientInfo = clientInfo;
    this.logon = logon;
    this.upnDns = upnDns;
    this.extras = extras;
    Set<Sid> sids = new LinkedHashSet<>();
    logon.groups().forEach(g -> sids.add(g.sid()));
    this.groupSids = List.copyOf(sids);
  }

  /**
   * The PAC of an established context of this provider (krb5, MS krb5 or SPNEGO, also when the
   * JDK's SPNEGO wraps our Kerberos mechanism); empty when the ticket carried no PAC, or a PAC
   * without KERB_VALIDATION_INFO (MIT krb5 1.20+ KDCs issue one in every ticket). Needs only
   * the two {@code --add-exports} the provider needs anyway: it asks the JDK's
   * {@code sun.security.jgss.GSSContextImpl} to pass the inquiry {@link #INQUIRE_TYPE} to the
   * mechanism's context, which is ours (no reflection, no {@code sun.security.krb5.internal}).
   *
   * @throws GSSException NO_CONTEXT if the context is not established; UNAVAILABLE if it is not
   *     a context of this provider (e.g. the JDK's own Kerberos), or the exports are missing
   */
  public static Optional<Pac> of(GSSContext context) throws GSSException {
    return dev.krb5gss.spi.ContextPac.of(context);
  }

  /** The user's SID: LogonDomainId + UserId. */
  public Sid userSid() {
    return logon.userSid();
  }

  /** The user's domain SID (LogonDomainId). */
  public Sid domainSid() {
    return logon.logonDomainId();
  }

  /** The primary group's SID: LogonDomainId + PrimaryGroupId (usually Domain Users, 513). */
  public Sid primaryGroupSid() {
    return logon.logonDomainId().withRid(logon.primaryGroupId());
  }

  /**
   * Every group SID, de-duplicated, in PAC order: the primary group, GroupIds, ExtraSids, then
   * the resource groups (ResourceGroupDomainSid + ResourceGroupIds). Includes well-known SIDs the
   * KDC adds to ExtraSids (e.g. {@link Sid#AUTHENTICATION_AUTHORITY_ASSERTED}).
   */
  public List<Sid> groupSids() {
    return groupSids;
  }

  /** Every group with its SE_GROUP attributes and origin, as in the PAC (not de-duplicated). */
  public List<GroupMembership> groups() {
    return logon.groups();
  }

  /** The account name (EffectiveName, the sAMAccountName), e.g. {@code alice}. */
  public String logonName() {
    return logon.effectiveName();
  }

  /** The NetBIOS domain name (LogonDomainName), e.g. {@code SAMDOM}. */
  public String domainName() {
    return logon.logonDomainName();
  }

  /** The user's display name (FullName); empty if the KDC did not fill it. */
  public String fullName() {
    return logon.fullName();
  }

  /** The DC that issued the PAC (LogonServer), e.g. {@code DC1}. */
  public String logonServer() {
    return logon.logonServer();
  }

  /** The UPN from UPN_DNS_INFO (MS-PAC §2.10), e.g. {@code alice@samdom.test}. */
  public Optional<String> upn() {
    return upnDns.map(UpnDnsInfo::upn).filter(s -> !s.isEmpty());
  }

  /** The DNS domain name from UPN_DNS_INFO, e.g. {@code SAMDOM.TEST}. */
  public Optional<String> dnsDomainName() {
    return upnDns.map(UpnDnsInfo::dnsDomainName).filter(s -> !s.isEmpty());
  }

  /** True if UPN_DNS_INFO's flag U says the account has no UPN and the KDC built one. */
  public boolean upnConstructed() {
    return upnDns.map(u -> (u.flags() & UpnDnsInfo.UPN_CONSTRUCTED) != 0).orElse(false);
  }

  /** The SAM name of UPN_DNS_INFO's extension (flag S), checked equal to {@link #logonName()}. */
  public Optional<String> samName() {
    return upnDns.flatMap(UpnDnsInfo::samName);
  }

  /** The SID of UPN_DNS_INFO's extension (flag S), checked equal to {@link #userSid()}. */
  public Optional<Sid> upnDnsSid() {
    return upnDns.flatMap(UpnDnsInfo::sid);
  }

  /** UserFlags (MS-PAC §2.5), e.g. 0x20 LOGON_EXTRA_SIDS, 0x200 LOGON_RESOURCE_GROUPS. */
  public int userFlags() {
    return logon.userFlags();
  }

  /** UserAccountControl (MS-PAC §2.5, the USER_ACCOUNT flags of MS-SAMR §2.2.1.12). */
  public int userAccountControl() {
    return logon.userAccountControl();
  }

  /** The client's authtime from PAC_CLIENT_INFO (equal to the ticket's, to the second). */
  public Instant authTime() {
    return clientInfo.authTime();
  }

  /** The client name from PAC_CLIENT_INFO. */
  public String clientName() {
    return clientInfo.name();
  }

  /** LogonTime: when the user logged on (got the TGT), if set. */
  public Optional<Instant> logonTime() {
    return logon.logonTime();
  }

  /** LogoffTime, if the account has one (empty for "never"). */
  public Optional<Instant> logoffTime() {
    return logon.logoffTime();
  }

  /** KickOffTime, if the account has one (empty for "never"). */
  public Optional<Instant> kickOffTime() {
    return logon.kickOffTime();
  }

  /** PasswordLastSet, if set. */
  public Optional<Instant> passwordLastSet() {
    return logon.passwordLastSet();
  }

  /** PasswordMustChange, if the password expires. */
  public Optional<Instant> passwordMustChange() {
    return logon.passwordMustChange();
  }

  /**
   * The first 32 flag bits of PAC_ATTRIBUTES_INFO (MS-PAC §2.14), if present: 0x1
   * PAC_WAS_REQUESTED, 0x2 PAC_WAS_GIVEN_IMPLICITLY.
   */
  public Optional<Integer> attributesFlags() {
    return extras.attributes();
  }

  /** The SID in PAC_REQUESTOR (MS-PAC §2.15), if present: the account that requested the ticket. */
  public Optional<Sid> requestorSid() {
    return extras.requestor();
  }

  /** The ulType of every PAC_INFO_BUFFER in PAC order, unknown types included. */
  public List<Integer> bufferTypes() {
    return bufferTypes;
  }

  /** True if {@code sid} is the user's SID or one of {@link #groupSids()}. */
  public boolean has(Sid sid) {
    return userSid().equals(sid) || groupSids.contains(sid);
  }

  @Override
  public String toString() {
    return "Pac[" + printable(domainName()) + "\\" + printable(logonName()) + ", " + userSid()
        + ", " + groupSids.size() + " groups]";
  }

  /** {@code s} with control characters replaced, shortened for messages and logs. */
  static String printable(String s) {
    StringBuilder sb = new StringBuilder(Math.min(s.length(), 128));
    for (int i = 0; i < s.length() && i < 128; i++) {
      char c = s.charAt(i);
      sb.append(Character.isISOControl(c) ? '?' : c);
    }
    return s.length() > 128 ? sb.append("...").toString() : sb.toString();
  }
}
