package dev.krb5gss.delegation;

import dev.krb5gss.crypto.SecretBytes;
import dev.krb5gss.name.PrincipalName;
import java.time.Instant;
import java.util.Date;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KerberosTicket;

/**
 * One forwarded ticket (usually the client's TGT) with its KrbCredInfo (RFC 4120 §5.8.1). Only
 * {@link KrbCredDecoder} creates one; {@link #toString()} shows no key.
 */
public final class DelegatedTicket {
  /** The RENEWABLE ticket flag (RFC 4120 §5.3). */
  private static final int RENEWABLE = 8;

  private final byte[] ticket;
  private final PrincipalName client;
  private final PrincipalName server;
  private final int keyType;
  private final SecretBytes sessionKey;
  private final boolean[] flags;
  private final Instant authTime;
  private final Instant startTime;
  private final Instant endTime;
  private final Instant renewTill;

  DelegatedTicket(byte[] ticket, PrincipalName client, PrincipalName server, int keyType,
      SecretBytes sessionKey, boolean[] flags, Instant authTime, Instant startTime,
      Instant endTime, Instant renewTill) {
    this.ticket = ticket.clone();
    this.client = client;
    this.server = server;
    this.keyType = keyType;
    this.sessionKey = sessionKey;
    this.flags = flags.clone();
    this.authTime = authTime;
    this.startTime = startTime;
    this.endTime = endTime;
    this.renewTill = renewTill;
  }

  public PrincipalName client() {
    return client;
  }

  public PrincipalName server() {
    return server;
  }

  public Instant endTime() {
    return endTime;
  }

  /** The ticket as the JDK's Kerberos client keeps it in a Subject. */
  public KerberosTicket toKerberosTicket() {
    byte[] key = sessionKey.toByteArray();
    boolean[] f = flags.clone();
    if (renewTill == null && f.length > RENEWABLE) {
      f[RENEWABLE] = false;
    }
    Instant auth = authTime != null ? authTime : startTime != null ? startTime : endTime;
    try {
      return new KerberosTicket(ticket, new KerberosPrincipal(client.toString()),
          new KerberosPrincipal(server.toString()), key, keyType, f, date(auth), date(startTime),
          date(endTime), date(renewTill), null);
    } finally {
      java.util.Arrays.fill(key, (byte) 0);
    }
  }

  /** Wipes the session key. */
  public void destroy() {
    sessionKey.destroy();
  }

  private static Date date(Instant i) {
    return i == null ? null : Date.from(i);
  }

  @Override
  public String toString() {
    return "DelegatedTicket[" + client + " for " + server + ", until " + endTime
        + ", key redacted]";
  }
}
