package dev.krb5gss.ap;

import dev.krb5gss.ap.KerberosMessages.ApRequest;
import dev.krb5gss.ap.KerberosMessages.AuthenticatorContents;
import dev.krb5gss.ap.KerberosMessages.Checksum;
import dev.krb5gss.ap.KerberosMessages.EncryptedPart;
import dev.krb5gss.ap.KerberosMessages.KeyValue;
import dev.krb5gss.ap.KerberosMessages.TicketContents;
import dev.krb5gss.ap.KerberosMessages.TicketPart;
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

  static ApRequest apRequest(byte[] der) throws RejectedException {
    try {
      DerReader all = DerReader.of(der);
      DerReader seq = all.next(0x60 | KRB_AP_REQ, "AP-REQ").next(DerReader.SEQUENCE, "AP-REQ");
      all.end("AP-REQ");
      expect(seq.field(0, "AP-REQ pvno"), PVNO, "AP-REQ pvno");
      expect(seq.field(1, "AP-REQ msg-type"), KRB_AP_REQ, "AP-REQ msg-type");
      DerReader opts = seq.field(2, "AP-REQ ap-options");
      int apOptions = opts.bits32("ap-options");
      opts.end("ap-options");
      DerReader t = seq.field(3, "AP-REQ ticket");
      TicketPart ticket = ticket(t);
      t.end("AP-REQ ticket");
      EncryptedPart auth = encryptedPart(seq.field(4, "AP-REQ authenticator"), "authenticator");
      seq.end("AP-REQ");
      return new ApRequest(apOptions, ticket, auth);
    } catch (DerException e) {
      throw malformed("the AP-REQ is not valid DER: " + e.getMessage());
    }
  }

  private static TicketPart ticket(DerReader r) throws DerException {
    DerReader seq = r.next(0x61, "Ticket").next(DerReader.SEQUENCE, "Ticket");
    expect(seq.field(0, "Ticket tkt-vno"), PVNO, "tkt-vno");
    String realm = str(seq.field(1, "Ticket realm"), "realm");
    PrincipalName sname = principal(seq.field(2, "Ticket sname"), realm, "sname");
    EncryptedPart enc = encryptedPart(seq.field(3, "Ticket enc-part"), "ticket enc-part");
    seq.end("Ticket");
    return new TicketPart(sname, enc);
  }

  static TicketContents encTicketPart(byte[] der) throws RejectedException {
    try {
      DerReader all = DerReader.of(der);
      DerReader seq = all.next(0x63, "EncTicketPart").next(DerReader.SEQUENCE, "EncTicketPart");
      DerReader f = seq.field(0, "flags");
      int flags = f.bits32("flags");
      f.end("flags");
      KeyValue key = key(seq.field(1, "key"));
      String crealm = str(seq.field(2, "crealm"), "crealm");
      PrincipalName cname = principal(seq.field(3, "cname"), crealm, "cname");
      seq.field(4, "transited");
      Instant authTime = time(seq.field(5, "authtime"), "authtime");
      Instant start = seq.nextIs(0xa6) ? time(seq.field(6, "starttime"), "starttime") : null;
      Instant end = time(seq.field(7, "endtime"), "endtime");
      if (seq.nextIs(0xa8)) {
        seq.field(8, "renew-till");
      }
      if (seq.nextIs(0xa9)) {
        seq.field(9, "caddr");
      }
      byte[] authz = new byte[0];
      if (seq.nextIs(0xaa)) {
        DerReader ad = seq.field(10, "authorization-data");
        authz = ad.rawElement("authorization-data");
        ad.end("authorization-data");
      }
      seq.end("EncTicketPart");
      all.end("EncTicketPart");
      return new TicketContents(flags, key, cname, authTime, start, end, authz);
    } catch (DerException e) {
      throw malformed("the decrypted ticket is not a valid EncTicketPart: " + e.getMessage());
    }
  }

  static AuthenticatorContents authenticator(byte[] der) throws RejectedException {
    try {
      DerReader all = DerReader.of(der);
      DerReader seq = all.next(0x62, "Authenticator").next(DerReader.SEQUENCE, "Authenticator");
      expect(seq.field(0, "authenticator-vno"), PVNO, "authenticator-vno");
      String crealm = str(seq.field(1, "crealm"), "crealm");
      PrincipalName cname = principal(seq.field(2, "cname"), crealm, "cname");
      Checksum cksum = seq.nextIs(0xa3) ? checksum(seq.field(3, "cksum")) : null;
      DerReader cu = seq.field(4, "cusec");
      long cusec = cu.integer("cusec");
      cu.end("cusec");
      if (cusec < 0 || cusec > 999_999) {
        throw new DerException("cusec " + cusec + " is not in 0..999999");
      }
      Instant ctime = time(seq.field(5, "ctime"), "ctime");
      KeyValue subkey = seq.nextIs(0xa6) ? key(seq.field(6, "subkey")) : null;
      Long seqNumber = null;
      if (seq.nextIs(0xa7)) {
        DerReader s = seq.field(7, "seq-number");
        seqNumber = s.uint32("seq-number");
        s.end("seq-number");
      }
      if (seq.nextIs(0xa8)) {
        seq.field(8, "authorization-data");
      }
      seq.end("Authenticator");
      all.end("Authenticator");
      return new AuthenticatorContents(cname, cksum, (int) cusec, ctime, subkey, seqNumber);
    } catch (DerException e) {
      throw malformed("the decrypted authenticator is not valid: " + e.getMessage());
    }
  }

  static EncryptedPart encryptedPart(DerReader r, String what) throws DerException {
    DerReader seq = r.next(DerReader.SEQUENCE, what);
    r.end(what);
    DerReader e = seq.field(0, what + " etype");
    int etype = e.int32("etype");
    e.end("etype");
    Long kvno = null;
    if (seq.nextIs(0xa1)) {
      DerReader k = seq.field(1, what + " kvno");
      kvno = k.uint32("kvno");
      k.end("kvno");
    }
    byte[] cipher = octets(seq.field(2, what + " cipher"), "cipher");
    seq.end(what);
    return new EncryptedPart(etype, kvno, cipher);
  }

  private static KeyValue key(DerReader r) throws DerException {
    DerReader seq = r.next(DerReader.SEQUENCE, "EncryptionKey");
    r.end("EncryptionKey");
    DerReader t = seq.field(0, "keytype");
    int type = t.int32("keytype");
    t.end("keytype");
    byte[] value = octets(seq.field(1, "keyvalue"), "keyvalue");
    seq.end("EncryptionKey");
    return new KeyValue(type, value);
  }

  private static Checksum checksum(DerReader r) throws DerException {
    DerReader seq = r.next(DerReader.SEQUENCE, "Checksum");
    r.end("Checksum");
    DerReader t = seq.field(0, "cksumtype");
    int type = t.int32("cksumtype");
    t.end("cksumtype");
    byte[] value = octets(seq.field(1, "checksum"), "checksum");
    seq.end("Checksum");
    return new Checksum(type, value);
  }

  private static PrincipalName principal(DerReader r, String realm, String what)
      throws DerException {
    DerReader seq = r.next(DerReader.SEQUENCE, what);
    r.end(what);
    DerReader t = seq.field(0, what + " name-type");
    int type = t.int32("name-type");
    t.end("name-type");
    DerReader strings = seq.field(1, what + " name-string").next(DerReader.SEQUENCE, what);
    List<String> components = new ArrayList<>();
    while (strings.hasMore()) {
      if (components.size() == 16) {
        throw new DerException(what + ": more than 16 name components");
      }
      components.add(strings.string(what + " component"));
    }
    seq.end(what);
    if (components.isEmpty() || components.contains("")) {
      throw new DerException(what + ": empty principal name or component");
    }
    return PrincipalName.of(type, components, realm);
  }

  private static Instant time(DerReader r, String what) throws DerException {
    Instant t = r.time(what);
    r.end(what);
    return t;
  }

  private static String str(DerReader r, String what) throws DerException {
    String v = r.string(what);
    r.end(what);
    return v;
  }

  private static byte[] octets(DerReader r, String what) throws DerException {
    byte[] v = r.octets(what);
    r.end(what);
    return v;
  }

  private static void expect(DerReader r, int expected, String what) throws DerException {
    long v = r.integer(what);
    r.end(what);
    if (v != expected) {
      throw new DerException(what + ": expected " + expected + ", got " + v);
    }
  }

  private static RejectedException malformed(String message) {
    return new RejectedException(Reason.MALFORMED_TOKEN, message);
  }
}
