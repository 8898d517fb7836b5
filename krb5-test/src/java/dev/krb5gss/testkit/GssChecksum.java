package dev.krb5gss.testkit;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.ietf.jgss.ChannelBinding;

/**
 * Builds the RFC 4121 §4.1.1 authenticator checksum (cksumtype 0x8003): Lgth, Bnd (the
 * §4.1.1.2 channel-binding MD5), Flags, and optionally DlgOpt/Dlgth/Deleg and Exts. Every field
 * can be set to a wrong value for negative tests. All integers are little-endian, as the RFC says.
 */
public final class GssChecksum {
    /** The checksum type of the GSS authenticator checksum. */
    public static final int TYPE = 0x8003;
    /** GSS_C_DELEG_FLAG. */
    public static final int DELEG = 1;
    /** GSS_C_MUTUAL_FLAG. */
    public static final int MUTUAL = 2;
    /** GSS_C_REPLAY_FLAG. */
    public static final int REPLAY = 4;
    /** GSS_C_SEQUENCE_FLAG. */
    public static final int SEQUENCE = 8;
    /** GSS_C_CONF_FLAG. */
    public static final int CONF = 16;
    /** GSS_C_INTEG_FLAG. */
    public static final int INTEG = 32;
    /** GSS_C_DCE_STYLE (RFC 4757 §7.1). */
    public static final int DCE_STYLE = 0x1000;
    /** The flags the JDK initiator sends by default with mutual authentication. */
    public static final int DEFAULT_FLAGS = MUTUAL | REPLAY | SEQUENCE | CONF | INTEG;

    private static final int BINDING_LENGTH = 16;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 24;
    private static final int AF_NULLADDR = 255;

    private int lengthField = BINDING_LENGTH;
    private byte[] bindingHash = new byte[BINDING_LENGTH];
    private int flags = DEFAULT_FLAGS;
    private Integer delegationOption;
    private byte[] delegation;
    private byte[] extensions = new byte[0];

    private GssChecksum() {
    }

    /** Defaults: no channel bindings (16 zero bytes), {@link #DEFAULT_FLAGS}, no delegation. */
    public static GssChecksum builder() {
        return new GssChecksum();
    }

    public GssChecksum flags(int gssFlags) {
        this.flags = gssFlags;
        return this;
    }

    /** Bnd = the §4.1.1.2 MD5 hash of {@code binding}. */
    public GssChecksum channelBinding(ChannelBinding binding) {
        this.bindingHash = hash(binding);
        return this;
    }

    /** Bnd set to raw bytes (any length, for malformed cases). */
    public GssChecksum bindingHash(byte[] hash) {
        this.bindingHash = hash.clone();
        return this;
    }

    /** The Lgth field (must be 16 per the RFC). */
    public GssChecksum lengthField(int length) {
        this.lengthField = length;
        return this;
    }

    /** Adds the DELEG flag, DlgOpt 1 and {@code krbCred} (an RFC 4120 §5.8 KRB-CRED) as Deleg. */
    public GssChecksum delegation(byte[] krbCred) {
        this.flags |= DELEG;
        this.delegationOption = 1;
        this.delegation = krbCred.clone();
        return this;
    }

    /** Overrides DlgOpt (only written when a delegation is set). */
    public GssChecksum delegationOption(int option) {
        this.delegationOption = option;
        return this;
    }

    /** Bytes appended after the delegation (the Exts field), or trailing garbage. */
    public GssChecksum extensions(byte[] bytes) {
        this.extensions = bytes.clone();
        return this;
    }

    /** The checksum value bytes. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeLe32(out, lengthField);
        out.writeBytes(bindingHash);
        writeLe32(out, flags);
        if (delegation != null) {
            writeLe16(out, delegationOption);
            writeLe16(out, delegation.length);
            out.writeBytes(delegation);
        }
        out.writeBytes(extensions);
        return out.toByteArray();
    }

    /** RFC 4121 §4.1.1.2: MD5 over the gss_channel_bindings_struct, integers little-endian. */
    public static byte[] hash(ChannelBinding binding) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeAddress(out, binding.getInitiatorAddress());
        writeAddress(out, binding.getAcceptorAddress());
        byte[] appData = binding.getApplicationData();
        writeCounted(out, appData == null ? new byte[0] : appData);
        try {
            return MessageDigest.getInstance("MD5").digest(out.toByteArray());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a mandatory JDK algorithm", e);
        }
    }

    private static void writeAddress(ByteArrayOutputStream out, InetAddress address) {
        if (address == null) {
            writeLe32(out, AF_NULLADDR);
            writeCounted(out, new byte[0]);
            return;
        }
        writeLe32(out, address instanceof Inet6Address ? AF_INET6 : address instanceof Inet4Address ? AF_INET : AF_NULLADDR);
        writeCounted(out, address.getAddress());
    }

    private static void writeCounted(ByteArrayOutputStream out, byte[] data) {
        writeLe32(out, data.length);
        out.writeBytes(data);
    }

    private static void writeLe32(ByteArrayOutputStream out, int value) {
        writeLe16(out, value & 0xffff);
        writeLe16(out, value >>> 16);
    }

    private static void writeLe16(ByteArrayOutputStream out, int value) {
        out.write(value & 0xff);
        out.write((value >>> 8) & 0xff);
    }
}
