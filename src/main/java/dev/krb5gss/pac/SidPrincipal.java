package dev.krb5gss.pac;

import java.io.Serializable;
import java.security.Principal;
import java.util.Objects;

/**
 * A SID (MS-DTYP §2.4.2) of an authenticated client as a JAAS {@link Principal}: its user SID or
 * one of its group SIDs from the verified PAC (MS-PAC §2.5). {@link #getName()} is the
 * {@code S-1-5-21-...} form, so a container that takes roles from principals of a class (Tomcat's
 * {@code JAASRealm roleClassNames="dev.krb5gss.pac.SidPrincipal"}) sees the SIDs as role names.
 * Added by {@code dev.krb5gss.jaas.PacLoginModule}.
 */
public final class SidPrincipal implements Principal, Serializable {
  private static final long serialVersionUID = 1L;

  private final String sid;
  private final boolean user;

  /** The principal of {@code sid}; {@code user} when it is the client's own SID, not a group's. */
  public SidPrincipal(Sid sid, boolean user) {
    this.sid = Objects.requireNonNull(sid, "sid").toString();
    this.user = user;
  }

  /** The SID, {@code S-1-5-21-...}. */
  @Override
  public String getName() {
    return sid;
  }

  /** The SID as a value. */
  public Sid sid() {
    return Sid.parse(sid);
  }

  /** Whether this is the client's user SID (else a group SID). */
  public boolean isUser() {
    return user;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SidPrincipal && ((SidPrincipal) o).sid.equals(sid)
        && ((SidPrincipal) o).user == user;
  }

  @Override
  public int hashCode() {
    return sid.hashCode() * 31 + Boolean.hashCode(user);
  }

  @Override
  public String toString() {
    return "SidPrincipal[" + sid + (user ? ", user" : "") + "]";
  }
}
