package dev.krb5gss.ap;

import dev.krb5gss.ap.KerberosMessages.ApRequest;
import dev.krb5gss.ap.KerberosMessages.AuthenticatorContents;
import dev.krb5gss.ap.KerberosMessages.Checksum;
import dev.krb5gss.ap.KerberosMessages.EncryptedPart;
import dev.krb5gss.ap.KerberosMessages.KeyValue;
import dev.krb5gss.ap.KerberosMessages.TicketContents;
import dev.krb5gss.ap.KerberosMessages.TicketPart;
import dev.krb5gss.der.DerReader;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.name.PrincipalName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes KRB_AP_REQ (RFC 4120 §5.5.1), Ticket and EncTicketPart (§5.3) and Authenticator
 * (§5.5.1) strictly: every field's tag checked, every length bounded by its element, unknown
 * enctype and checksum numbers kept. Any defect becomes {@link Reason#MALFORMED_TOKEN}.
 */
final class ApRequestDecoder {
  private static final int PVNO = 5;
  private static final int KRB_AP_REQ = 14;

  private ApRequestDecoder() {}

  /** The AP-REQ in {@code der} from {@code offset} to the end. */
  static ApRequest apRequest(byte[] der, int offset) throws RejectedException {
    DerReader all = DerReader.of(der, offset, der.length, "AP-REQ");
    DerReader seq = application(all, KRB_AP_REQ);
    all.expectEnd();
    expect(seq.field(0), PVNO, "pvno");
    expect(seq.field(1), KRB_AP_REQ, "msg-type");
    DerReader opts = seq.field(2);
    int apOptions = opts.readBits32();
    opts.expectEnd();
    DerReader t = seq.field(3);
    TicketPart ticket = ticket(t);
    t.expectEnd();
    EncryptedPart auth = encryptedPart(seq.field(4));
    seq.expectEnd();
    return new ApRequest(apOptions, ticket, auth);
  }

  private static TicketPart ticket(DerReader r) throws RejectedException {
    DerReader seq = application(r, 1);
    expect(seq.field(0), PVNO, "tkt-vno");
    String realm = str(seq.field(1));
    PrincipalName sname = principal(seq.field(2), realm);
    EncryptedPart enc = encryptedPart(seq.field(3));
    seq.expectEnd();
    return new TicketPart(sname, enc);
  }

  static TicketContents encTicketPart(byte[] der) throws RejectedException {
    return encTicketPart(der, 0);
  }

  /** The EncTicketPart in {@code der} from {@code from} to its end. */
  static TicketContents encTicketPart(byte[] der, int from) throws RejectedException {
    DerReader all = DerReader.of(der, from, der.length, "EncTicketPart");
    DerReader seq = application(all, 3);
    all.expectEnd();
    DerReader f = seq.field(0);
    int flags = f.readBits32();
    f.expectEnd();
    KeyValue key = key(seq.field(1));
    String crealm = str(seq.field(2));
    PrincipalName cname = principal(seq.field(3), crealm);
    typedValue(seq.field(4)); // transited: its shape only (RFC 4120 §3.2.3 leaves it to policy)
    Instant authTime = time(seq.field(5));
    DerReader startField = seq.optionalField(6);
    Instant start = startField == null ? null : time(startField);
    Instant end = time(seq.field(7));
    DerReader renewTill = seq.optionalField(8);
    if (renewTill != null) {
      time(renewTill);
    }
    DerReader caddr = seq.optionalField(9);
    if (caddr != null) {
      typedValues(caddr); // HostAddresses
    }
    byte[] authz = new byte[0];
    DerReader ad = seq.optionalField(10);
    if (ad != null) {
      authz = ad.readEncoded(DerReader.SEQUENCE);
      ad.expectEnd();
      typedValues(DerReader.of(authz, "EncTicketPart authorization-data"));
    }
    seq.expectEnd();
    return new TicketContents(flags, key, cname, authTime, start, end, authz);
  }

  static AuthenticatorContents authenticator(byte[] der) throws RejectedException {
    return authenticator(der, 0);
  }

  /** The Authenticator in {@code der} from {@code from} to its end. */
  static AuthenticatorContents authenticator(byte[] der, int from) throws RejectedException {
    DerReader all = DerReader.of(der, from, der.length, "Authenticator");
    DerReader seq = application(all, 2);
    all.expectEnd();
    expect(seq.field(0), PVNO, "authenticator-vno");
    String crealm = str(seq.field(1));
    PrincipalName cname = principal(seq.field(2), crealm);
    DerReader ck = seq.optionalField(3);
    Checksum cksum = null;
    if (ck != null) {
      TypedValue tv = typedValue(ck);
      cksum = new Checksum(tv.type, tv.value);
    }
    DerReader cu = seq.field(4);
    long cusec = cu.readInteger();
    cu.expectEnd();
    if (cusec < 0 || cusec > 999_999) {
      throw cu.malformed("cusec in 0..999999", "cusec " + cusec);
    }
    Instant ctime = time(seq.field(5));
    DerReader sk = seq.optionalField(6);
    KeyValue subkey = sk == null ? null : key(sk);
    Long seqNumber = null;
    DerReader s = seq.optionalField(7);
    if (s != null) {
      seqNumber = s.readUInt32();
      s.expectEnd();
    }
    DerReader ad = seq.optionalField(8);
    if (ad != null) {
      typedValues(ad); // authorization-data: not used by an acceptor, but well-formed
    }
    seq.expectEnd();
    return new AuthenticatorContents(cname, cksum, (int) cusec, ctime, subkey, seqNumber);
  }

  /** {@code [APPLICATION n] SEQUENCE}: the SEQUENCE, which must fill the application tag. */
  private static DerReader application(DerReader r, int n) throws RejectedException {
    DerReader app = r.read(0x60 | n);
    DerReader seq = app.read(DerReader.SEQUENCE);
    app.expectEnd();
    return seq;
  }

  /** EncryptedData, RFC 4120 §5.2.9. */
  static EncryptedPart encryptedPart(DerReader r) throws RejectedException {
    DerReader seq = r.read(DerReader.SEQUENCE);
    r.expectEnd();
    DerReader e = seq.field(0);
    int etype = e.readInt32();
    e.expectEnd();
    Long kvno = null;
    DerReader k = seq.optionalField(1);
    if (k != null) {
      kvno = k.readUInt32();
      k.expectEnd();
    }
    DerReader f = seq.field(2);
    DerReader cipher = f.readOctetStringInPlace();
    f.expectEnd();
    seq.expectEnd();
    return new EncryptedPart(etype, kvno, cipher.buffer(), cipher.position(), cipher.remaining());
  }

  private static KeyValue key(DerReader r) throws RejectedException {
    TypedValue tv = typedValue(r);
    return new KeyValue(tv.type, tv.value);
  }

  /**
   * {@code SEQUENCE OF SEQUENCE { [0] Int32, [1] OCTET STRING }}: HostAddresses (§5.2.5) and
   * AuthorizationData (§5.2.6).
   */
  private static void typedValues(DerReader r) throws RejectedException {
    DerReader list = r.read(DerReader.SEQUENCE);
    r.expectEnd();
    while (list.hasMore()) {
      typedFields(list.read(DerReader.SEQUENCE));
    }
  }

  /**
   * {@code SEQUENCE { [0] Int32, [1] OCTET STRING }}: EncryptionKey and Checksum (§5.2.9),
   * TransitedEncoding (§5.3).
   */
  private static TypedValue typedValue(DerReader r) throws RejectedException {
    DerReader seq = r.read(DerReader.SEQUENCE);
    r.expectEnd();
    return typedFields(seq);
  }

  private static TypedValue typedFields(DerReader seq) throws RejectedException {
    DerReader t = seq.field(0);
    int type = t.readInt32();
    t.expectEnd();
    byte[] value = octets(seq.field(1));
    seq.expectEnd();
    return new TypedValue(type, value);
  }

  private record TypedValue(int type, byte[] value) {}

  /** PrincipalName, RFC 4120 §5.2.2: at most 16 non-empty components. */
  private static PrincipalName principal(DerReader r, String realm) throws RejectedException {
    DerReader seq = r.read(DerReader.SEQUENCE);
    r.expectEnd();
    DerReader t = seq.field(0);
    int type = t.readInt32();
    t.expectEnd();
    DerReader namesField = seq.field(1);
    DerReader strings = namesField.read(DerReader.SEQUENCE);
    namesField.expectEnd();
    seq.expectEnd();
    List<String> components = new ArrayList<>(2);
    while (strings.hasMore()) {
      if (components.size() == 16) {
        throw strings.malformed("at most 16 name components", "more");
      }
      String c = strings.readGeneralString();
      if (c.isEmpty()) {
        throw strings.malformed("non-empty name components", "an empty one");
      }
      components.add(c);
    }
    if (components.isEmpty()) {
      throw seq.malformed("a principal name with components", "none");
    }
    return PrincipalName.of(type, components, realm);
  }

  private static Instant time(DerReader r) throws RejectedException {
    Instant t = r.readKerberosTime();
    r.expectEnd();
    return t;
  }

  private static String str(DerReader r) throws RejectedException {
    String v = r.readGeneralString();
    r.expectEnd();
    return v;
  }

  private static byte[] octets(DerReader r) throws RejectedException {
    byte[] v = r.readOctetString();
    r.expectEnd();
    return v;
  }

  private static void expect(DerReader r, int expected, String what) throws RejectedException {
    long v = r.readInteger();
    r.expectEnd();
    if (v != expected) {
      throw new RejectedException(Reason.MALFORMED_TOKEN,
          what + ": expected " + expected + ", got " + v);
    }
  }
}
