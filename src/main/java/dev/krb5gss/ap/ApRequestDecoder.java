package dev.krb5gss.ap;

import dev.krb5gss.ap.KerberosMessages.ApRequest;
import dev.krb5gss.ap.KerberosMessages.AuthenticatorContents;
import dev.krb5gss.ap.KerberosMessages.Checksum;
import dev.krb5gss.ap.KerberosMessages.EncryptedPart;
import dev.krb5gss.ap.KerberosMessages.KeyValue;
import dev.krb5gss.ap.KerberosMessages.TicketContents;
import dev.krb5gss.ap.KerberosMessages.TicketPart;
import dev.krb5gss.crypto.SecretBytes;
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
  private static final byte[] NO_AUTHORIZATION_DATA = {};

  private ApRequestDecoder() {}

  /** The AP-REQ in {@code der} from {@code offset} to the end. */
  static ApRequest apRequest(byte[] der, int offset) throws RejectedException {
    // One reader walks the message (enter/exit), checking every element in the order a reader
    // per element would; nothing but the decoded values is allocated.
    DerReader r = DerReader.of(der, offset, der.length, "AP-REQ");
    int app = enterApplication(r, KRB_AP_REQ);
    expect(r, 0, PVNO, "pvno");
    expect(r, 1, KRB_AP_REQ, "msg-type");
    int apOptions = bits32Field(r, 2);
    int o = r.enterField(3);
    TicketPart ticket = ticket(r);
    r.exit(o);
    o = r.enterField(4);
    EncryptedPart auth = encryptedPart(r);
    r.exit(o);
    exitApplication(r, app);
    return new ApRequest(apOptions, ticket, auth);
  }

  private static TicketPart ticket(DerReader r) throws RejectedException {
    int app = enterApplication(r, 1);
    expect(r, 0, PVNO, "tkt-vno");
    String realm = str(r, 1);
    int o = r.enterField(2);
    PrincipalName sname = principal(r, realm);
    r.exit(o);
    o = r.enterField(3);
    EncryptedPart enc = encryptedPart(r);
    r.exit(o);
    exitApplication(r, app);
    return new TicketPart(sname, enc);
  }

  static TicketContents encTicketPart(byte[] der) throws RejectedException {
    return encTicketPart(der, 0, der.length);
  }

  /** The EncTicketPart in {@code der[from, to)}. */
  static TicketContents encTicketPart(byte[] der, int from, int to) throws RejectedException {
    DerReader r = DerReader.of(der, from, to, "EncTicketPart");
    int app = enterApplication(r, 3);
    int flags = bits32Field(r, 0);
    int o = r.enterField(1);
    KeyValue key = key(r);
    r.exit(o);
    String crealm = str(r, 2);
    o = r.enterField(3);
    PrincipalName cname = principal(r, crealm);
    r.exit(o);
    o = r.enterField(4);
    typedValue(r); // transited: its shape only (RFC 4120 §3.2.3 leaves it to policy)
    r.exit(o);
    Instant authTime = time(r, 5);
    Instant start = r.peekTag() == 0xa6 ? time(r, 6) : null;
    Instant end = time(r, 7);
    if (r.peekTag() == 0xa8) {
      time(r, 8); // renew-till
    }
    o = r.enterOptionalField(9);
    if (o >= 0) {
      typedValues(r); // HostAddresses
      r.exit(o);
    }
    byte[] authz = NO_AUTHORIZATION_DATA;
    o = r.enterOptionalField(10);
    if (o >= 0) {
      authz = r.readEncoded(DerReader.SEQUENCE);
      r.exit(o);
      typedValues(DerReader.of(authz, "EncTicketPart authorization-data"));
    }
    exitApplication(r, app);
    return new TicketContents(flags, key, cname, authTime, start, end, authz);
  }

  static AuthenticatorContents authenticator(byte[] der) throws RejectedException {
    return authenticator(der, 0, der.length, null);
  }

  /**
   * The Authenticator in {@code der[from, to)}; its cname is {@code known} itself (no new name)
   * when it names the same principal, with any name type.
   */
  static AuthenticatorContents authenticator(byte[] der, int from, int to, PrincipalName known)
      throws RejectedException {
    DerReader r = DerReader.of(der, from, to, "Authenticator");
    int app = enterApplication(r, 2);
    expect(r, 0, PVNO, "authenticator-vno");
    String crealm = str(r, 1);
    int o = r.enterField(2);
    PrincipalName cname = principal(r, crealm, known);
    r.exit(o);
    Checksum cksum = null;
    o = r.enterOptionalField(3);
    if (o >= 0) {
      int seq = enterSequence(r);
      int type = int32Field(r, 0);
      byte[] value = octetsField(r, 1);
      r.exit(seq);
      r.exit(o);
      cksum = new Checksum(type, value);
    }
    o = r.enterField(4);
    long cusec = r.readInteger();
    r.exit(o);
    if (cusec < 0 || cusec > 999_999) {
      throw r.malformed("cusec in 0..999999", "cusec " + cusec);
    }
    Instant ctime = time(r, 5);
    KeyValue subkey = null;
    o = r.enterOptionalField(6);
    if (o >= 0) {
      subkey = key(r);
      r.exit(o);
    }
    long seqNumber = KerberosMessages.NO_SEQ_NUMBER;
    o = r.enterOptionalField(7);
    if (o >= 0) {
      seqNumber = r.readUInt32();
      r.exit(o);
    }
    o = r.enterOptionalField(8);
    if (o >= 0) {
      typedValues(r); // authorization-data: not used by an acceptor, but well-formed
      r.exit(o);
    }
    exitApplication(r, app);
    return new AuthenticatorContents(cname, cksum, (int) cusec, ctime, subkey, seqNumber);
  }

  /**
   * Enters {@code [APPLICATION n] SEQUENCE}, which must fill the reader's range, the SEQUENCE
   * filling the application tag; returns what {@link #exitApplication} takes.
   */
  private static int enterApplication(DerReader r, int n) throws RejectedException {
    int outer = r.enter(0x60 | n);
    int app = r.end();
    r.enter(DerReader.SEQUENCE);
    r.expectFilled(r.end(), app);
    r.expectFilled(app, outer);
    return outer;
  }

  private static void exitApplication(DerReader r, int outer) throws RejectedException {
    r.expectEnd(); // the SEQUENCE, which ends where the application tag and the reader do
    r.exit(outer);
  }

  /** Enters a SEQUENCE that must fill the range being read (a field's whole contents). */
  private static int enterSequence(DerReader r) throws RejectedException {
    int outer = r.enter(DerReader.SEQUENCE);
    r.expectFilled(r.end(), outer);
    return outer;
  }

  /** EncryptedData, RFC 4120 §5.2.9, filling the range being read; the ciphertext in place. */
  private static EncryptedPart encryptedPart(DerReader r) throws RejectedException {
    int seq = enterSequence(r);
    int etype = int32Field(r, 0);
    Long kvno = null;
    int o = r.enterOptionalField(1);
    if (o >= 0) {
      kvno = r.readUInt32();
      r.exit(o);
    }
    o = r.enterField(2);
    int c = r.enter(DerReader.OCTET_STRING);
    r.expectFilled(r.end(), o);
    int offset = r.position();
    int length = r.remaining();
    r.skipRest();
    r.exit(c);
    r.exit(o);
    r.exit(seq);
    return new EncryptedPart(etype, kvno, r.buffer(), offset, length);
  }

  /** EncryptionKey, RFC 4120 §5.2.9, filling the range being read. */
  private static KeyValue key(DerReader r) throws RejectedException {
    int seq = enterSequence(r);
    int type = int32Field(r, 0);
    int o = r.enterField(1);
    int c = r.enter(DerReader.OCTET_STRING);
    SecretBytes value = SecretBytes.copyOf(r.buffer(), r.position(), r.remaining());
    r.skipRest();
    r.exit(c);
    r.exit(o);
    r.exit(seq);
    return new KeyValue(type, value);
  }

  /**
   * {@code SEQUENCE OF SEQUENCE { [0] Int32, [1] OCTET STRING }}, filling the range being read:
   * HostAddresses (§5.2.5) and AuthorizationData (§5.2.6), checked for shape only.
   */
  private static void typedValues(DerReader r) throws RejectedException {
    int list = enterSequence(r);
    while (r.hasMore()) {
      int seq = r.enter(DerReader.SEQUENCE);
      typedFields(r);
      r.exit(seq);
    }
    r.exit(list);
  }

  /**
   * {@code SEQUENCE { [0] Int32, [1] OCTET STRING }} filling the range being read, checked for
   * shape only: TransitedEncoding (§5.3).
   */
  private static void typedValue(DerReader r) throws RejectedException {
    int seq = enterSequence(r);
    typedFields(r);
    r.exit(seq);
  }

  private static void typedFields(DerReader r) throws RejectedException {
    int32Field(r, 0);
    int o = r.enterField(1);
    int c = r.enter(DerReader.OCTET_STRING);
    r.skipRest();
    r.exit(c);
    r.exit(o);
    r.expectEnd();
  }

  /** PrincipalName, RFC 4120 §5.2.2, filling the range being read: at most 16 non-empty components. */
  private static PrincipalName principal(DerReader r, String realm) throws RejectedException {
    return principal(r, realm, null);
  }

  /** {@link #principal(DerReader, String)}, returning {@code known} when the name is equal. */
  private static PrincipalName principal(DerReader r, String realm, PrincipalName known)
      throws RejectedException {
    int seq = enterSequence(r);
    int type = int32Field(r, 0);
    int namesField = r.enterField(1);
    int strings = r.enter(DerReader.SEQUENCE);
    r.expectFilled(r.end(), namesField);
    r.expectFilled(namesField, seq);
    String first = null;
    String second = null;
    List<String> more = null; // from the third component on: all of them
    int count = 0;
    while (r.hasMore()) {
      if (count == 16) {
        throw r.malformed("at most 16 name components", "more");
      }
      String c = r.readGeneralString();
      if (c.isEmpty()) {
        throw r.malformed("non-empty name components", "an empty one");
      }
      if (count == 0) {
        first = c;
      } else if (count == 1) {
        second = c;
      } else {
        if (more == null) {
          more = new ArrayList<>(4);
          more.add(first);
          more.add(second);
        }
        more.add(c);
      }
      count++;
    }
    if (count == 0) {
      throw r.malformed("a principal name with components", "none");
    }
    r.exit(strings);
    r.exit(namesField);
    r.exit(seq);
    if (known != null && known.realm().equals(realm)
        && sameComponents(known.components(), count, first, second, more)) {
      return known; // equal names (RFC 4120 §6.2: components and realm; the type is ignored)
    }
    // Immutable lists of one or two are what PrincipalName keeps (List.copyOf returns them).
    List<String> components = count == 1 ? List.of(first)
        : count == 2 ? List.of(first, second) : more;
    return PrincipalName.of(type, components, realm);
  }

  private static boolean sameComponents(List<String> known, int count, String first,
      String second, List<String> more) {
    if (known.size() != count) {
      return false;
    }
    if (more != null) {
      return known.equals(more);
    }
    return known.get(0).equals(first) && (count == 1 || known.get(1).equals(second));
  }

  private static Instant time(DerReader r, int field) throws RejectedException {
    int o = r.enterField(field);
    Instant t = r.readKerberosTime();
    r.exit(o);
    return t;
  }

  private static String str(DerReader r, int field) throws RejectedException {
    int o = r.enterField(field);
    String v = r.readGeneralString();
    r.exit(o);
    return v;
  }

  private static int bits32Field(DerReader r, int field) throws RejectedException {
    int o = r.enterField(field);
    int v = r.readBits32();
    r.exit(o);
    return v;
  }

  private static int int32Field(DerReader r, int field) throws RejectedException {
    int o = r.enterField(field);
    int v = r.readInt32();
    r.exit(o);
    return v;
  }

  private static byte[] octetsField(DerReader r, int field) throws RejectedException {
    int o = r.enterField(field);
    byte[] v = r.readOctetString();
    r.exit(o);
    return v;
  }

  private static void expect(DerReader r, int field, int expected, String what)
      throws RejectedException {
    int o = r.enterField(field);
    long v = r.readInteger();
    r.exit(o);
    if (v != expected) {
      throw new RejectedException(Reason.MALFORMED_TOKEN,
          what + ": expected " + expected + ", got " + v);
    }
  }
}
