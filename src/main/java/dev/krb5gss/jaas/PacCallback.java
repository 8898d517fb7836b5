package dev.krb5gss.jaas;

import dev.krb5gss.pac.Pac;
import java.util.Optional;
import javax.security.auth.callback.Callback;

/**
 * Asks the caller of a JAAS login for the authenticated Kerberos client and its verified PAC
 * (MS-PAC), for {@link PacLoginModule}. A caller that has the established GSS-API context answers
 * it (e.g. {@code dev.krb5gss.web.tomcat.PacJaasRealm}); a handler that does not know it throws
 * {@link javax.security.auth.callback.UnsupportedCallbackException}.
 */
public final class PacCallback implements Callback {
  private String clientName;
  private Pac pac;

  /** Answers the callback: the client's principal name and its PAC (null when it had none). */
  public void set(String clientName, Pac pac) {
    this.clientName = clientName;
    this.pac = pac;
  }

  /** The client's principal name, e.g. {@code alice@EXAMPLE.COM}; null until answered. */
  public String clientName() {
    return clientName;
  }

  /** The client's verified PAC; empty for a ticket without one. */
  public Optional<Pac> pac() {
    return Optional.ofNullable(pac);
  }
}
