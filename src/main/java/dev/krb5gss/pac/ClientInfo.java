package dev.krb5gss.pac;

import dev.krb5gss.error.RejectedException;
import dev.krb5gss.name.PrincipalName;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * PAC_CLIENT_INFO (MS-PAC §2.7): ClientId, the FILETIME of the ticket's authtime, and the
 * client's name in UTF-16LE. It binds the PAC to the ticket it arrived in: the name must be the
 * ticket's client name and ClientId its authtime (to the second, as MIT and Windows compare).
 *
 * <p>Name matching: the name has no realm for a client of the service's own realm; a KDC writes
 * {@code name@REALM} when the client is from another realm or was named by an enterprise
 * principal (MIT's "with realm" form, S4U2Self across realms). Active Directory account names are
 * case-insensitive (MS-ADTS §3.1.1.5.1.2) and a KDC may copy the case the client typed, so the
 * comparison ignores case (Unicode simple case folding). Components are joined by {@code /}
 * without escaping, as Windows and MIT write them; the RFC 1964 escaped form Heimdal (Samba's
 * KDC) may write for an enterprise name ({@code alice\@example.com}) is accepted too.
 */
record ClientInfo(Instant authTime, String name) {
  private static final int FIXED = 10;

  static ClientInfo parse(PacLayout layout) throws RejectedException {
    int b = layout.require(PacBufferType.CLIENT_INFO);
    LeReader r = layout.reader(b, PacCheck.CLIENT_INFO);
    long clientId = r.u64();
    int nameLength = r.u16();
    if (layout.size(b) != FIXED + nameLength) {
      throw PacCheck.CLIENT_INFO.fail("expected " + (FIXED + nameLength) + " bytes (10 + "
          + "NameLength " + nameLength + "), got " + layout.size(b));
    }
    String name = r.name(nameLength, "Name");
    return new ClientInfo(FileTime.toInstant(clientId), name);
  }

  /** Checks this against the ticket's cname/crealm and authtime. */
  void check(PrincipalName client, Instant ticketAuthTime) throws RejectedException {
    if (authTime.getEpochSecond() != ticketAuthTime.getEpochSecond()) {
      throw PacCheck.CLIENT_INFO.fail("expected ClientId = the ticket's authtime "
          + ticketAuthTime + ", got " + authTime + " (a PAC from another ticket)");
    }
    List<String> parts = client.components();
    if (parts.size() == 1 && name.equalsIgnoreCase(parts.get(0))) {
      return; // the usual case (a user of the service's realm), without building strings
    }
    String bare = String.join("/", parts);
    String escaped = client.nameWithoutRealm();
    String realm = "@" + client.realm();
    if (!equalsFolded(name, bare) && !equalsFolded(name, bare + realm)
        && !equalsFolded(name, escaped) && !equalsFolded(name, escaped + realm)) {
      throw PacCheck.CLIENT_INFO.fail("expected the ticket's client name '" + bare + "' (or '"
          + bare + "@" + client.realm() + "'), got '" + Pac.printable(name) + "'");
    }
  }

  private static boolean equalsFolded(String a, String b) {
    return a.length() == b.length() && (a.equalsIgnoreCase(b)
        || a.toUpperCase(Locale.ROOT).equals(b.toUpperCase(Locale.ROOT)));
  }
}
