package dev.krb5gss.spnego;

import dev.krb5gss.der.DerReader;
import dev.krb5gss.der.DerWriter;
import dev.krb5gss.der.ObjectId;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.gss.GssFraming;
import dev.krb5gss.gss.MechOids;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The initiator's first SPNEGO message, RFC 4178 §4.2.1 NegTokenInit, and Microsoft's
 * NegTokenInit2 (MS-SPNG §2.2.1), which inserts {@code negHints [3]} and moves
 * {@code mechListMIC} to {@code [4]}. Immutable; only {@link #parse} builds one from the wire, and
 * it keeps the exact DER of {@code mechTypes}, over which the mechListMIC is computed (§5).
 */
public final class NegTokenInit {
  private final List<ObjectId> mechTypes;
  private final byte[] mechTypesDer;
  private final byte[] mechToken;
  private final byte[] mechListMic;
  private final boolean init2;

  private NegTokenInit(List<ObjectId> mechTypes, byte[] mechTypesDer, byte[] mechToken,
      byte[] mechListMic, boolean init2) {
    this.mechTypes = List.copyOf(mechTypes);
    this.mechTypesDer = mechTypesDer;
    this.mechToken = mechToken;
    this.mechListMic = mechListMic;
    this.init2 = init2;
  }

  /**
   * Parses an initial SPNEGO token: the RFC 2743 framing with the SPNEGO OID around
   * {@code NegotiationToken ::= CHOICE { negTokenInit [0] ... }}.
   */
  public static NegTokenInit parseInitial(byte[] token) throws RejectedException {
    GssFraming framing = GssFraming.parse(token);
    if (!framing.mech().equals(MechOids.SPNEGO)) {
      throw new RejectedException(Reason.UNSUPPORTED_MECHANISM,
          "expected the SPNEGO OID " + MechOids.SPNEGO + ", got " + framing.mech());
    }
    // Read in place behind the framing: the inner token is not copied out first.
    return parse(DerReader.of(token, framing.innerOffset(), token.length, "NegTokenInit"));
  }

  /** Parses {@code [0] NegTokenInit} (the NegotiationToken choice, without the framing). */
  public static NegTokenInit parse(byte[] negotiationToken) throws RejectedException {
    return parse(DerReader.of(negotiationToken, "NegTokenInit"));
  }

  private static NegTokenInit parse(DerReader top) throws RejectedException {
    DerReader choice = top.read(0xa0);
    top.expectEnd();
    DerReader seq = choice.read(DerReader.SEQUENCE);
    choice.expectEnd();
    DerReader typesField = seq.read(0xa0);
    byte[] typesDer = typesField.readEncoded(DerReader.SEQUENCE);
    typesField.expectEnd();
    List<ObjectId> types = mechTypes(typesDer);
    DerReader flags = seq.readOptional(0xa1);
    if (flags != null) {
      checkBitString(flags.read(DerReader.BIT_STRING));
      flags.expectEnd();
    }
    byte[] mechToken = optionalOctets(seq, 0xa2);
    boolean init2 = false;
    byte[] mic = null;
    DerReader third = seq.readOptional(0xa3);
    if (third != null && third.peekTag() == DerReader.SEQUENCE) {
      init2 = true;
      checkNegHints(third.read(DerReader.SEQUENCE));
      third.expectEnd();
      mic = optionalOctets(seq, 0xa4);
    } else if (third != null) {
      mic = third.readOctetString();
      third.expectEnd();
    }
    seq.expectEnd();
    return new NegTokenInit(types, typesDer, mechToken, mic, init2);
  }

  private static List<ObjectId> mechTypes(byte[] typesDer) throws RejectedException {
    DerReader outer = DerReader.of(typesDer, "NegTokenInit mechTypes");
    DerReader list = outer.read(DerReader.SEQUENCE);
    List<ObjectId> types = new ArrayList<>();
    while (list.hasMore()) {
      types.add(list.readOid());
    }
    if (types.isEmpty()) {
      throw new RejectedException(Reason.MALFORMED_TOKEN,
          "NegTokenInit: expected at least one mechanism in mechTypes, got none");
    }
    return types;
  }

  private static byte[] optionalOctets(DerReader seq, int tag) throws RejectedException {
    DerReader field = seq.readOptional(tag);
    if (field == null) {
      return null;
    }
    byte[] value = field.readOctetString();
    field.expectEnd();
    return value;
  }

  /** ContextFlags BIT STRING (§4.2.1): an unused-bits octet 0-7, and 0 when empty. */
  private static void checkBitString(DerReader bits) throws RejectedException {
    byte[] v = bits.readRest();
    if (v.length == 0 || (v[0] & 0xff) > 7 || (v.length == 1 && v[0] != 0)) {
      throw new RejectedException(Reason.MALFORMED_TOKEN,
          "NegTokenInit reqFlags: expected a BIT STRING, got a malformed one");
    }
  }

  /** NegHints (MS-SPNG §2.2.1): {@code hintName [0] GeneralString, hintAddress [1] OCTET STRING}. */
  private static void checkNegHints(DerReader hints) throws RejectedException {
    DerReader name = hints.readOptional(0xa0);
    if (name != null) {
      name.read(DerReader.GENERAL_STRING);
      name.expectEnd();
    }
    DerReader address = hints.readOptional(0xa1);
    if (address != null) {
      address.readOctetString();
      address.expectEnd();
    }
    hints.expectEnd();
  }

  /**
   * Encodes a framed NegTokenInit (RFC 4178 §4.2.1 inside RFC 2743 §3.1), as an initiator sends
   * it; {@code mechToken} and {@code mechListMic} may be null.
   */
  public static byte[] encode(List<ObjectId> mechTypes, byte[] mechToken, byte[] mechListMic) {
    ByteArrayOutputStream fields = new ByteArrayOutputStream();
    fields.writeBytes(DerWriter.explicit(0, encodeMechTypes(mechTypes)));
    if (mechToken != null) {
      fields.writeBytes(DerWriter.explicit(2, DerWriter.octetString(mechToken)));
    }
    if (mechListMic != null) {
      fields.writeBytes(DerWriter.explicit(3, DerWriter.octetString(mechListMic)));
    }
    byte[] negToken = DerWriter.explicit(0, DerWriter.sequence(fields.toByteArray()));
    return GssFraming.frame(MechOids.SPNEGO, negToken);
  }

  /** The DER of a MechTypeList (RFC 4178 §4.1), the input of the mechListMIC (§5). */
  public static byte[] encodeMechTypes(List<ObjectId> mechTypes) {
    ByteArrayOutputStream oids = new ByteArrayOutputStream();
    for (ObjectId oid : mechTypes) {
      oids.writeBytes(oid.encoded());
    }
    return DerWriter.sequence(oids.toByteArray());
  }

  /** The client's mechanisms, most preferred first. */
  public List<ObjectId> mechTypes() {
    return mechTypes;
  }

  /** The exact DER of the mechTypes SEQUENCE as received (a copy). */
  public byte[] mechTypesDer() {
    return mechTypesDer.clone();
  }

  /** The optimistic token for the client's first mechanism, if sent. */
  public Optional<byte[]> mechToken() {
    return Optional.ofNullable(mechToken).map(byte[]::clone);
  }

  public Optional<byte[]> mechListMic() {
    return Optional.ofNullable(mechListMic).map(byte[]::clone);
  }

  /** True when the token had MS-SPNG negHints (NegTokenInit2). */
  public boolean isInit2() {
    return init2;
  }

  @Override
  public String toString() {
    return "NegTokenInit" + mechTypes + (mechToken != null ? " with mechToken" : "")
        + (mechListMic != null ? " with mechListMIC" : "");
  }
}
