package dev.krb5gss.testkit;

import dev.krb5gss.crypto.CryptoProfile;
import dev.krb5gss.crypto.CryptoProfiles;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.crypto.SecretBytes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.crypto.CheckSumHandler;
import org.apache.kerby.kerberos.kerb.type.base.CheckSumType;
import org.apache.kerby.kerberos.kerb.type.base.KeyUsage;

/**
 * TEST-ONLY: builds an Active Directory PAC (MS-PAC) the way a domain controller does —
 * KERB_VALIDATION_INFO in NDR (MS-RPCE §2.2.6 type serialization), PAC_CLIENT_INFO, UPN_DNS_INFO
 * (with the SAM name + SID extension), server and KDC signatures — so a forged ticket can carry a
 * PAC signed with the service key ({@link #build(LongTermKey)}), or one that is broken on purpose
 * ({@link #unsignedLayout()} + {@link #resign}). The server signature is computed with Apache
 * Kerby's checksum code (HMAC-SHA1-96-AES, key usage 17), independent of the code under test;
 * RFC 8009 keys fall back to our profiles. The KDC signature uses a throw-away "krbtgt" key.
 *
 * <pre>{@code
 * byte[] pac = ForgedPacBuilder.forClient("alice", authTime)
 *     .domainSid("S-1-5-21-1-2-3").userRid(1104).groupRids(512, 1105).build(serviceKey);
 * forge.ticket().client("alice@REALM").addAuthorizationData(1, ForgedPacBuilder.ifRelevant(pac))
 * }</pre>
 */
public final class ForgedPacBuilder {
    /** PAC_INFO_BUFFER types (MS-PAC §2.4). */
    public static final int LOGON_INFO = 1;
    public static final int SERVER_CHECKSUM = 6;
    public static final int PRIVSVR_CHECKSUM = 7;
    public static final int CLIENT_INFO = 10;
    public static final int UPN_DNS_INFO = 12;
    /** SE_GROUP_MANDATORY | ENABLED_BY_DEFAULT | ENABLED. */
    public static final int DEFAULT_ATTRIBUTES = 7;
    private static final int NON_KERB_CKSUM_SALT = 17;

    private String clientName;
    private Instant clientAuthTime;
    private String logonName;
    private String domainName = "SAMDOM";
    private String logonServer = "DC1";
    private String fullName = "";
    private String domainSid = "S-1-5-21-1111111111-2222222222-3333333333";
    private int userRid = 1104;
    private int primaryGroupRid = 513;
    private final List<int[]> groupRids = new ArrayList<>();
    private final List<String> extraSids = new ArrayList<>();
    private String resourceDomainSid;
    private final List<Integer> resourceRids = new ArrayList<>();
    private int userFlags = 0x20;
    private String upn;
    private String dnsDomainName;
    private boolean samNameExtension = true;
    private Integer rodcIdentifier;
    private final List<int[]> extraBufferTypes = new ArrayList<>();
    private final List<byte[]> extraBufferData = new ArrayList<>();

    private ForgedPacBuilder(String clientName, Instant authTime) {
        this.clientName = clientName;
        this.clientAuthTime = authTime;
        this.logonName = clientName;
    }

    /** A PAC for the client {@code name} (without realm, as PAC_CLIENT_INFO holds it). */
    public static ForgedPacBuilder forClient(String name, Instant authTime) {
        return new ForgedPacBuilder(Objects.requireNonNull(name), Objects.requireNonNull(authTime));
    }

    /** PAC_CLIENT_INFO's name, if it should differ from the client's. */
    public ForgedPacBuilder clientInfoName(String name) {
        this.clientName = name;
        return this;
    }

    /** PAC_CLIENT_INFO's ClientId, if it should differ from the ticket's authtime. */
    public ForgedPacBuilder clientInfoAuthTime(Instant time) {
        this.clientAuthTime = time;
        return this;
    }

    /** EffectiveName (the SAM account name); defaults to the client name. */
    public ForgedPacBuilder logonName(String name) {
        this.logonName = name;
        return this;
    }

    public ForgedPacBuilder domainName(String netbiosName) {
        this.domainName = netbiosName;
        return this;
    }

    public ForgedPacBuilder fullName(String name) {
        this.fullName = name;
        return this;
    }

    /** LogonDomainId as {@code S-1-5-21-...}. */
    public ForgedPacBuilder domainSid(String sid) {
        this.domainSid = sid;
        return this;
    }

    public ForgedPacBuilder userRid(int rid) {
        this.userRid = rid;
        return this;
    }

    public ForgedPacBuilder primaryGroupRid(int rid) {
        this.primaryGroupRid = rid;
        return this;
    }

    /** GroupIds relative to the domain SID, with the default attributes. */
    public ForgedPacBuilder groupRids(int... rids) {
        for (int rid : rids) {
            groupRids.add(new int[] {rid, DEFAULT_ATTRIBUTES});
        }
        return this;
    }

    /** ExtraSids (other domains' groups, well-known SIDs), with the default attributes. */
    public ForgedPacBuilder extraSids(String... sids) {
        extraSids.addAll(List.of(sids));
        return this;
    }

    /** ResourceGroupDomainSid and ResourceGroupIds. */
    public ForgedPacBuilder resourceGroups(String domain, int... rids) {
        this.resourceDomainSid = domain;
        for (int rid : rids) {
            resourceRids.add(rid);
        }
        return this;
    }

    public ForgedPacBuilder userFlags(int flags) {
        this.userFlags = flags;
        return this;
    }

    /** Adds UPN_DNS_INFO with this UPN and DNS domain (and, by default, the S extension). */
    public ForgedPacBuilder upnDnsInfo(String upn, String dnsDomainName) {
        this.upn = upn;
        this.dnsDomainName = dnsDomainName;
        return this;
    }

    /** Whether UPN_DNS_INFO carries the SAM name + SID extension (flag S); default true. */
    public ForgedPacBuilder samNameExtension(boolean on) {
        this.samNameExtension = on;
        return this;
    }

    /** The KDC signature as a read-only DC writes it: with a 2-byte RODCIdentifier (MS-PAC §2.8). */
    public ForgedPacBuilder rodcIdentifier(int id) {
        this.rodcIdentifier = id;
        return this;
    }

    /** An extra buffer of any type (e.g. an unknown one, or a duplicate). */
    public ForgedPacBuilder extraBuffer(int type, byte[] data) {
        extraBufferTypes.add(new int[] {type});
        extraBufferData.add(data.clone());
        return this;
    }

    /** The PAC signed with {@code serviceKey} (server signature) and a throw-away KDC key. */
    public byte[] build(LongTermKey serviceKey) {
        return resign(unsignedLayout(checksumType(serviceKey.enctype())), serviceKey);
    }

    /** The PAC with zeroed signatures of the service key's checksum type, for editing then {@link #resign}. */
    public byte[] unsignedLayout(int serverChecksumType) {
        List<int[]> types = new ArrayList<>();
        List<byte[]> data = new ArrayList<>();
        types.add(new int[] {LOGON_INFO});
        data.add(logonInfo());
        types.add(new int[] {CLIENT_INFO});
        data.add(clientInfo());
        if (upn != null) {
            types.add(new int[] {UPN_DNS_INFO});
            data.add(upnDnsInfo());
        }
        types.addAll(extraBufferTypes);
        data.addAll(extraBufferData);
        types.add(new int[] {SERVER_CHECKSUM});
        data.add(new byte[4 + checksumLength(serverChecksumType)]);
        types.add(new int[] {PRIVSVR_CHECKSUM});
        data.add(new byte[4 + 12 + (rodcIdentifier == null ? 0 : 2)]);
        putLe32(data.get(data.size() - 2), 0, serverChecksumType);
        putLe32(data.get(data.size() - 1), 0, 16);
        if (rodcIdentifier != null) {
            data.get(data.size() - 1)[16] = (byte) (int) rodcIdentifier;
            data.get(data.size() - 1)[17] = (byte) (rodcIdentifier >>> 8);
        }
        return layout(types, data);
    }

    /** PACTYPE + PAC_INFO_BUFFERs + 8-aligned buffers (MS-PAC §2.3, §2.4). */
    private static byte[] layout(List<int[]> types, List<byte[]> data) {
        int header = 8 + 16 * types.size();
        int offset = align8(header);
        Le out = new Le();
        out.u32(types.size());
        out.u32(0);
        int[] offsets = new int[types.size()];
        for (int i = 0; i < types.size(); i++) {
            offsets[i] = offset;
            out.u32(types.get(i)[0]);
            out.u32(data.get(i).length);
            out.u32(offset);
            out.u32(0);
            offset = align8(offset + data.get(i).length);
        }
        out.padTo(offsets.length == 0 ? header : offsets[0]);
        for (int i = 0; i < data.size(); i++) {
            out.padTo(offsets[i]);
            out.bytes(data.get(i));
        }
        out.padTo(offset);
        return out.toByteArray();
    }

    /**
     * Recomputes the server signature of {@code pac} with {@code serviceKey} and the KDC
     * signature with a throw-away key, MS-PAC §2.8 (both Signature fields zeroed first).
     */
    public static byte[] resign(byte[] pac, LongTermKey serviceKey) {
        byte[] out = pac.clone();
        int[] server = find(out, SERVER_CHECKSUM);
        int[] kdc = find(out, PRIVSVR_CHECKSUM);
        // Both buffers are zeroed after SignatureType (RODCIdentifier included), as MIT, Heimdal
        // and Samba compute it.
        byte[] zeroed = out.clone();
        Arrays.fill(zeroed, server[0] + 4, server[0] + server[1], (byte) 0);
        Arrays.fill(zeroed, kdc[0] + 4, kdc[0] + kdc[1], (byte) 0);
        int serverType = le32(out, server[0]);
        byte[] serverSig = checksum(serverType, serviceKey.enctype(), serviceKey.keyBytes(), zeroed);
        System.arraycopy(serverSig, 0, out, server[0] + 4, serverSig.length);
        byte[] krbtgt = new byte[32];
        new SecureRandom().nextBytes(krbtgt);
        byte[] kdcSig = checksum(16, AesEnctype.AES256_CTS_HMAC_SHA1_96, krbtgt, serverSig);
        System.arraycopy(kdcSig, 0, out, kdc[0] + 4, Math.min(kdcSig.length, kdc[1] - 4));
        return out;
    }

    /** AD-IF-RELEVANT's ad-data holding one AD-WIN2K-PAC element (RFC 4120 §5.2.6.1). */
    public static byte[] ifRelevant(byte[] pac) {
        return Der.sequence(Der.sequence(Der.explicit(0, Der.integer(128)),
                Der.explicit(1, Der.tlv(0x04, pac))));
    }

    /** {offset, size} of the buffer of {@code type} in {@code pac}. */
    public static int[] find(byte[] pac, int type) {
        int count = le32(pac, 0);
        for (int i = 0; i < count; i++) {
            int at = 8 + 16 * i;
            if (le32(pac, at) == type) {
                return new int[] {le32(pac, at + 8), le32(pac, at + 4)};
            }
        }
        throw new IllegalArgumentException("no buffer of type " + type);
    }

    private static int checksumType(AesEnctype enctype) {
        switch (enctype) {
            case AES128_CTS_HMAC_SHA1_96: return 15;
            case AES256_CTS_HMAC_SHA1_96: return 16;
            case AES128_CTS_HMAC_SHA256_128: return 19;
            default: return 20;
        }
    }

    private static int checksumLength(int type) {
        return type == 15 || type == 16 ? 12 : type == 20 ? 24 : 16;
    }

    private static byte[] checksum(int type, AesEnctype enctype, byte[] key, byte[] data) {
        if (type == 15 || type == 16) {
            try {
                return CheckSumHandler.checksumWithKey(CheckSumType.fromValue(type), data, key,
                        KeyUsage.APP_DATA_CKSUM).getChecksum();
            } catch (KrbException e) {
                throw new IllegalStateException("Kerby could not compute checksum type " + type, e);
            }
        }
        CryptoProfile profile = CryptoProfiles.of(EncType.of(enctype.id())).orElseThrow();
        return profile.checksum(profile.key(SecretBytes.copyOf(key)), NON_KERB_CKSUM_SALT, data, 0,
                data.length);
    }

    private byte[] clientInfo() {
        byte[] name = clientName.getBytes(StandardCharsets.UTF_16LE);
        Le out = new Le();
        out.u64(fileTime(clientAuthTime));
        out.u16(name.length);
        out.bytes(name);
        return out.toByteArray();
    }

    private byte[] upnDnsInfo() {
        byte[] u = upn.getBytes(StandardCharsets.UTF_16LE);
        byte[] d = dnsDomainName.getBytes(StandardCharsets.UTF_16LE);
        byte[] s = logonName.getBytes(StandardCharsets.UTF_16LE);
        byte[] sid = sidBytes(domainSid, userRid);
        int header = samNameExtension ? 24 : 16;
        int uo = header;
        int dOff = align8(uo + u.length);
        int so = align8(dOff + d.length);
        int sidOff = align8(so + s.length);
        Le out = new Le();
        out.u16(u.length);
        out.u16(uo);
        out.u16(d.length);
        out.u16(dOff);
        out.u32(samNameExtension ? 2 : 0);
        if (samNameExtension) {
            out.u16(s.length);
            out.u16(so);
            out.u16(sid.length);
            out.u16(sidOff);
        }
        out.padTo(uo);
        out.bytes(u);
        out.padTo(dOff);
        out.bytes(d);
        if (samNameExtension) {
            out.padTo(so);
            out.bytes(s);
            out.padTo(sidOff);
            out.bytes(sid);
        }
        return out.toByteArray();
    }

    /** KERB_VALIDATION_INFO in NDR with the MS-RPCE §2.2.6 headers. */
    private byte[] logonInfo() {
        Le body = new Le();
        Referents ref = new Referents();
        body.u32(ref.next()); // top-level pointer
        for (int i = 0; i < 6; i++) {
            body.u64(i == 3 ? fileTime(clientAuthTime) : i == 0 ? fileTime(clientAuthTime) : Long.MAX_VALUE);
        }
        String[] strings = {logonName, fullName, "", "", "", ""};
        for (String s : strings) {
            unicodeString(body, s, ref);
        }
        body.u16(1); // LogonCount
        body.u16(0); // BadPasswordCount
        body.u32(userRid);
        body.u32(primaryGroupRid);
        body.u32(groupRids.size());
        body.u32(ref.next());
        body.u32(userFlags | (resourceDomainSid != null ? 0x200 : 0));
        body.bytes(new byte[16]); // UserSessionKey
        unicodeString(body, logonServer, ref);
        unicodeString(body, domainName, ref);
        body.u32(ref.next()); // LogonDomainId
        body.bytes(new byte[8]); // Reserved1
        body.u32(0x10); // UserAccountControl: USER_NORMAL_ACCOUNT
        body.u32(0); // SubAuthStatus
        body.u64(0); // LastSuccessfulILogon
        body.u64(0); // LastFailedILogon
        body.u32(0); // FailedILogonCount
        body.u32(0); // Reserved3
        body.u32(extraSids.size());
        body.u32(extraSids.isEmpty() ? 0 : ref.next());
        body.u32(resourceDomainSid == null ? 0 : ref.next());
        body.u32(resourceRids.size());
        body.u32(resourceDomainSid == null ? 0 : ref.next());
        for (String s : strings) {
            deferredString(body, s);
        }
        body.align(4);
        body.u32(groupRids.size());
        for (int[] g : groupRids) {
            body.u32(g[0]);
            body.u32(g[1]);
        }
        deferredString(body, logonServer);
        deferredString(body, domainName);
        rpcSid(body, sidBytes(domainSid, null));
        if (!extraSids.isEmpty()) {
            body.align(4);
            body.u32(extraSids.size());
            for (int i = 0; i < extraSids.size(); i++) {
                body.u32(ref.next());
                body.u32(DEFAULT_ATTRIBUTES);
            }
            for (String sid : extraSids) {
                rpcSid(body, sidBytes(sid, null));
            }
        }
        if (resourceDomainSid != null) {
            rpcSid(body, sidBytes(resourceDomainSid, null));
            body.align(4);
            body.u32(resourceRids.size());
            for (int rid : resourceRids) {
                body.u32(rid);
                body.u32(DEFAULT_ATTRIBUTES | 0x20000000);
            }
        }
        body.padTo(align8(body.size()));
        byte[] object = body.toByteArray();
        Le out = new Le();
        out.u8(1);
        out.u8(0x10);
        out.u16(8);
        out.u32(0xcccccccc);
        out.u32(object.length);
        out.u32(0);
        out.bytes(object);
        return out.toByteArray();
    }

    private static void unicodeString(Le out, String s, Referents ref) {
        int bytes = s.length() * 2;
        out.u16(bytes);
        out.u16(bytes);
        out.u32(ref.next());
    }

    private static void deferredString(Le out, String s) {
        out.align(4);
        out.u32(s.length());
        out.u32(0);
        out.u32(s.length());
        out.bytes(s.getBytes(StandardCharsets.UTF_16LE));
    }

    private static void rpcSid(Le out, byte[] sid) {
        out.align(4);
        out.u32(sid[1]);
        out.bytes(sid);
    }

    /** The binary SID (MS-DTYP §2.4.2.2) of {@code sid}, with {@code rid} appended if not null. */
    static byte[] sidBytes(String sid, Integer rid) {
        String[] p = sid.split("-");
        List<Long> subs = new ArrayList<>();
        for (int i = 3; i < p.length; i++) {
            subs.add(Long.parseLong(p[i]));
        }
        if (rid != null) {
            subs.add(Integer.toUnsignedLong(rid));
        }
        Le out = new Le();
        out.u8(1);
        out.u8(subs.size());
        long authority = Long.parseLong(p[2]);
        for (int i = 5; i >= 0; i--) {
            out.u8((int) (authority >>> (8 * i)));
        }
        subs.forEach(v -> out.u32((int) (long) v));
        return out.toByteArray();
    }

    private static long fileTime(Instant t) {
        return (t.getEpochSecond() + 11_644_473_600L) * 10_000_000L;
    }

    private static int align8(int n) {
        return (n + 7) & ~7;
    }

    static int le32(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    static void putLe32(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    /** NDR referent ids as Windows numbers them: 0x00020000, 0x00020004, ... */
    private static final class Referents {
        private int next = 0x00020000;

        int next() {
            int v = next;
            next += 4;
            return v;
        }
    }

    /** A little-endian writer with NDR alignment relative to its start. */
    private static final class Le {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void u8(int v) {
            out.write(v);
        }

        void u16(int v) {
            out.write(v);
            out.write(v >>> 8);
        }

        void u32(int v) {
            u16(v);
            u16(v >>> 16);
        }

        void u64(long v) {
            u32((int) v);
            u32((int) (v >>> 32));
        }

        void bytes(byte[] b) {
            out.writeBytes(b);
        }

        void align(int n) {
            padTo((size() + n - 1) / n * n);
        }

        void padTo(int position) {
            while (size() < position) {
                out.write(0);
            }
        }

        int size() {
            return out.size();
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
