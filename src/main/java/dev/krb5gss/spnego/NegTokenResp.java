package dev.krb5gss.spnego;

import dev.krb5gss.der.DerBackWriter;
import dev.krb5gss.der.DerReader;
import dev.krb5gss.der.DerWriter;
import dev.krb5gss.der.ObjectId;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import java.util.Optional;

/**
 * A SPNEGO response, RFC 4178 §4.2.2: {@code negTokenResp [1] SEQUENCE { negState [0],
 * supportedMech [1], responseToken [2], mechListMIC [3] }}, all optional. Subsequent tokens are
 * not framed (§4.2). Immutable; {@link #parse} checks every field and rejects trailing bytes.
 */
public final class NegTokenResp {
  private final NegState negState;
  private final ObjectId supportedMech;
  private final byte[] responseToken;
  private final byte[] mechListMic;

  private NegTokenResp(NegState negState, ObjectId supportedMech, byte[] responseToken,
      byte[] mechListMic) {
    this.negState = negState;
    this.supportedMech = supportedMech;
    this.responseToken = responseToken;
    this.mechListMic = mechListMic;
  }

  /** A response with these fields; any may be null. */
  public static NegTokenResp of(NegState negState, ObjectId supportedMech, byte[] responseToken,
      byte[] mechListMic) {
    return new NegTokenResp(negState, supportedMech,
        responseToken == null ? null : responseToken.clone(),
        mechListMic == null ? null : mechListMic.clone());
  }

  /** The reject token an acceptor sends when negotiation fails (§4.2.2 negState reject). */
  public static byte[] reject() {
    return of(NegState.REJECT, null, null, null).encode();
  }

  /** True when {@code token} starts like a NegTokenResp ({@code [1]} constructed). */
  public static boolean looksLikeResp(byte[] token) {
    return token.length > 0 && (token[0] & 0xff) == 0xa1;
  }

  public static NegTokenResp parse(byte[] token) throws RejectedException {
    DerReader top = DerReader.of(token, "NegTokenResp");
    DerReader choice = top.read(0xa1);
    top.expectEnd();
    DerReader seq = choice.read(DerReader.SEQUENCE);
    choice.expectEnd();
    NegState state = null;
    DerReader f = seq.readOptional(0xa0);
    if (f != null) {
      state = NegState.fromWire(f.readEnumerated());
      f.expectEnd();
    }
    ObjectId mech = null;
    f = seq.readOptional(0xa1);
    if (f != null) {
      mech = f.readOid();
      f.expectEnd();
    }
    byte[] response = octets(seq, 0xa2);
    byte[] mic = octets(seq, 0xa3);
    seq.expectEnd();
    if (state == null && mech == null && response == null && mic == null) {
      throw new RejectedException(Reason.MALFORMED_TOKEN,
          "NegTokenResp: expected at least one field, got an empty sequence");
    }
    return new NegTokenResp(state, mech, response, mic);
  }

  private static byte[] octets(DerReader seq, int tag) throws RejectedException {
    DerReader f = seq.readOptional(tag);
    if (f == null) {
      return null;
    }
    byte[] v = f.readOctetString();
    f.expectEnd();
    return v;
  }

  /** The DER encoding, {@code a1 len 30 len ...}. */
  public byte[] encode() {
    return encode(negState, supportedMech, responseToken, mechListMic);
  }

  /**
   * The DER encoding of a response with these fields (any may be null), without keeping them: what
   * an acceptor sends, written back to front into one array (no copy per nesting level).
   */
  public static byte[] encode(NegState negState, ObjectId supportedMech, byte[] responseToken,
      byte[] mechListMic) {
    byte[] mechDer = supportedMech == null ? null : supportedMech.encoded();
    int capacity = 16 + (mechDer == null ? 0 : mechDer.length + 4)
        + (responseToken == null ? 0 : responseToken.length + 10)
        + (mechListMic == null ? 0 : mechListMic.length + 10);
    DerBackWriter w = new DerBackWriter(capacity);
    if (mechListMic != null) {
      int m = w.mark();
      w.octetString(mechListMic).wrap(0xa3, m);
    }
    if (responseToken != null) {
      int m = w.mark();
      w.octetString(responseToken).wrap(0xa2, m);
    }
    if (mechDer != null) {
      int m = w.mark();
      w.raw(mechDer).wrap(0xa1, m);
    }
    if (negState != null) {
      int m = w.mark();
      w.raw(DerWriter.enumerated(negState.wire())).wrap(0xa0, m);
    }
    return w.wrap(DerReader.SEQUENCE, 0).wrap(0xa1, 0).toByteArray();
  }

  public Optional<NegState> negState() {
    return Optional.ofNullable(negState);
  }

  public Optional<ObjectId> supportedMech() {
    return Optional.ofNullable(supportedMech);
  }

  public Optional<byte[]> responseToken() {
    return Optional.ofNullable(responseToken).map(byte[]::clone);
  }

  public Optional<byte[]> mechListMic() {
    return Optional.ofNullable(mechListMic).map(byte[]::clone);
  }

  @Override
  public String toString() {
    return "NegTokenResp[" + negState + ", " + supportedMech
        + (responseToken != null ? ", responseToken" : "")
        + (mechListMic != null ? ", mechListMIC" : "") + "]";
  }
}
