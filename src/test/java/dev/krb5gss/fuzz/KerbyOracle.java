package dev.krb5gss.fuzz;

import static dev.krb5gss.fuzz.FuzzSupport.check;

import dev.krb5gss.ap.ApEstablished;
import dev.krb5gss.fuzz.FuzzSupport.InvariantViolation;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.type.KerberosTime;
import org.apache.kerby.kerberos.kerb.type.ap.ApReq;
import org.apache.kerby.kerberos.kerb.type.ap.Authenticator;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.apache.kerby.kerberos.kerb.type.ticket.EncTicketPart;

/**
 * Apache Kerby's ASN.1 types (kerb-core) as an independent decoder: when our parser accepts an
 * input, Kerby must decode the same bytes and find the same fields. (The converse is not checked:
 * ours is deliberately stricter — DER only, no control characters in names, at most 16 name
 * components, cusec in 0..999999, lengths of at most three octets — and Kerby is lenient.)
 * Kerby 2.1.0 has no KRB-CRED type, so delegated credentials have no independent decoder here.
 */
final class KerbyOracle {
  private KerbyOracle() {}

  /**
   * Our decoder got past the AP-REQ's DER (it rejected later): Kerby must decode it too.
   *
   * <p>One deliberate difference (here and in ticket flags): KerberosFlags (RFC 4120 §5.2.8)
   * of fewer than 32 bits, i.e. a BIT STRING with a non-zero unused-bits octet or fewer than
   * five octets. §5.2.8 binds the sender ("no fewer than 32" bits); Kerby refuses such input
   * ("invalid krb flags"), we read the missing bits as zero, as Heimdal's generated decoder
   * does (it skips the unused-bits octet). Found by this harness (corpus input
   * {@code crash-140f2305...}).
   */
  static void apReqDecodes(byte[] apReqDer) {
    ApReq req = decode(apReqDer, ApReq.class, "AP-REQ");
    if (req == null) {
      return;
    }
    check(req.getPvno() == 5 && req.getTicket() != null
        && req.getEncryptedAuthenticator() != null,
        "Kerby decoded an AP-REQ we accepted without pvno 5, a ticket or an authenticator");
  }

  /** We accepted a ticket whose EncTicketPart is {@code plain}: Kerby must read the same fields. */
  static void sameTicket(byte[] plain, ApEstablished est) {
    EncTicketPart part = decode(plain, EncTicketPart.class, "EncTicketPart");
    if (part == null) {
      return;
    }
    check(sameName(part.getCname(), part.getCrealm(), est.client().components(),
        est.client().realm()), "client: ours " + est.client() + ", Kerby " + part.getCname()
        + "@" + part.getCrealm());
    check(part.getKey().getKeyType().getValue() == est.sessionKey().encType().id(),
        "session key type: ours " + est.sessionKey().encType() + ", Kerby "
            + part.getKey().getKeyType());
    check(Arrays.equals(part.getKey().getKeyData(), est.sessionKey().secret().toByteArray()),
        "the session key bytes differ between ours and Kerby");
    check(sameTime(part.getAuthTime(), est.authTime()), "authtime: ours " + est.authTime()
        + ", Kerby " + part.getAuthTime());
    check(sameTime(part.getEndTime(), est.endTime()), "endtime: ours " + est.endTime()
        + ", Kerby " + part.getEndTime());
    check(est.startTime().isPresent() == (part.getStartTime() != null)
        && (part.getStartTime() == null || sameTime(part.getStartTime(), est.startTime().get())),
        "starttime: ours " + est.startTime() + ", Kerby " + part.getStartTime());
  }

  /** We accepted an Authenticator {@code plain}: Kerby must read the same fields. */
  static void sameAuthenticator(byte[] plain, ApEstablished est) {
    Authenticator a = decode(plain, Authenticator.class, "Authenticator");
    if (a == null) {
      return;
    }
    check(sameName(a.getCname(), a.getCrealm(), est.client().components(), est.client().realm()),
        "client: ours " + est.client() + ", Kerby " + a.getCname() + "@" + a.getCrealm());
    // Kerby maps checksum type 0x8003 to NONE, so only the checksum's presence is comparable
    check(a.getCksum() != null, "we accepted an authenticator in which Kerby finds no checksum");
    check(est.initiatorSubkey().isPresent() == (a.getSubKey() != null),
        "subkey: ours " + est.initiatorSubkey().isPresent() + ", Kerby " + (a.getSubKey() != null));
    long kerbySeq = a.getSeqNumber() & 0xffffffffL;
    check(est.initiatorSequence() == kerbySeq || a.getSeqNumber() == 0,
        "seq-number: ours " + est.initiatorSequence() + ", Kerby " + kerbySeq);
  }

  private static boolean causes(Throwable e, String fragment) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains(fragment)) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameName(PrincipalName kerby, String kerbyRealm, List<String> ours,
      String ourRealm) {
    return kerby != null && ours.equals(kerby.getNameStrings()) && ourRealm.equals(kerbyRealm);
  }

  /**
   * The same instant; before the Gregorian switch of 1582 the same calendar fields instead: Kerby
   * reads GeneralizedTime into a {@code java.util.Date} through a default {@code GregorianCalendar},
   * which counts those years in the Julian calendar, while a KerberosTime (X.680 §46, RFC 4120
   * §5.2.3) is proleptic Gregorian, as we read it. Fuzzing found the difference with year 0622,
   * and year 0000 (below).
   */
  private static boolean sameTime(KerberosTime kerby, Instant ours) {
    if (kerby == null) {
      return false;
    }
    if (kerby.getTime() == ours.toEpochMilli()) {
      return true;
    }
    java.util.GregorianCalendar julian = new java.util.GregorianCalendar(
        java.util.TimeZone.getTimeZone("UTC"));
    julian.setTime(kerby.getValue());
    // Year 0000 is 1 BC to a Calendar (no year zero; its ERA field says BC), year 0 in ISO 8601's
    // and X.680's proleptic count, as we read it: fuzzing found the difference with 0000-07-14.
    int year = julian.get(java.util.Calendar.ERA) == java.util.GregorianCalendar.AD
        ? julian.get(java.util.Calendar.YEAR) : 1 - julian.get(java.util.Calendar.YEAR);
    java.time.LocalDateTime fields = java.time.LocalDateTime.of(year,
        julian.get(java.util.Calendar.MONTH) + 1, julian.get(java.util.Calendar.DAY_OF_MONTH),
        julian.get(java.util.Calendar.HOUR_OF_DAY), julian.get(java.util.Calendar.MINUTE),
        julian.get(java.util.Calendar.SECOND));
    return year >= 0 && year < 1583
        && fields.toInstant(java.time.ZoneOffset.UTC).equals(ours);
  }

  /** Kerby's decoding, or null for the one tolerated difference (short KerberosFlags). */
  private static <T extends org.apache.kerby.asn1.type.Asn1Type> T decode(byte[] der,
      Class<T> type, String what) {
    try {
      return KrbCodec.decode(der, type);
    } catch (Exception | StackOverflowError e) {
      if (causes(e, "invalid krb flags")) {
        return null;
      }
      throw new InvariantViolation("we accepted a " + what + " that Kerby cannot decode: "
          + e, e);
    }
  }
}
