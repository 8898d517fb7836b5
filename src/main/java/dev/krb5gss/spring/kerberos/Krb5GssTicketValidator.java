package dev.krb5gss.spring.kerberos;

import dev.krb5gss.ap.ApEstablished;
import dev.krb5gss.context.AcceptResult;
import dev.krb5gss.context.AcceptStatus;
import dev.krb5gss.context.Acceptor;
import dev.krb5gss.context.ServerContext;
import dev.krb5gss.error.RejectedException;
import java.lang.System.Logger.Level;
import java.util.Objects;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.kerberos.authentication.KerberosTicketValidation;
import org.springframework.security.kerberos.authentication.KerberosTicketValidator;

/**
 * A drop-in for Spring Security Kerberos's {@code SunJaasKerberosTicketValidator}: switching an
 * existing {@code KerberosServiceAuthenticationProvider} configuration to krb5gss is one bean,
 * {@code new Krb5GssTicketValidator(acceptor)}. It accepts the client's Kerberos or SPNEGO token
 * (RFC 4121, RFC 4178) with krb5gss's {@link Acceptor} (no JAAS login, no {@code --add-exports}),
 * and a rejection becomes a {@link BadCredentialsException} whose message starts with our
 * {@link dev.krb5gss.error.Reason} ({@code KVNO_MISMATCH: ...}) instead of "Checksum failed".
 *
 * <p>Spring Security Kerberos's filter sends one token and expects a final answer, so a SPNEGO
 * offer that needs another leg (NTLM listed first) is refused with a message that says so; the
 * krb5gss filter ({@code dev.krb5gss.spring.security}) runs such negotiations. The validation
 * carries no {@code GSSContext} (krb5gss's context is not one); its subject is null.
 */
public final class Krb5GssTicketValidator implements KerberosTicketValidator {
  private static final System.Logger LOG = System.getLogger(Krb5GssTicketValidator.class.getName());

  private final Acceptor acceptor;

  public Krb5GssTicketValidator(Acceptor acceptor) {
    this.acceptor = Objects.requireNonNull(acceptor, "acceptor");
  }

  @Override
  public KerberosTicketValidation validateTicket(byte[] token) throws BadCredentialsException {
    ServerContext context = acceptor.newContext();
    try {
      AcceptResult result = context.accept(token);
      if (result.status() != AcceptStatus.COMPLETE) {
        throw new BadCredentialsException("NTLM_OFFERED: the client's SPNEGO offer needs another"
            + " leg (a mechanism other than Kerberos listed first); Spring Security Kerberos"
            + " sends one token only. Use dev.krb5gss.spring.security.Krb5GssConfigurer for"
            + " multi-leg SPNEGO");
      }
      ApEstablished established = context.established();
      return new KerberosTicketValidation(established.client().toString(),
          established.service().toString(), result.outputToken(), null);
    } catch (RejectedException e) {
      LOG.log(Level.INFO, "krb5gss rejected a ticket: {0}", e.getMessage());
      throw new BadCredentialsException(e.getMessage(), e);
    } finally {
      context.dispose();
    }
  }

  @Override
  public String toString() {
    return "Krb5GssTicketValidator[" + acceptor + "]";
  }
}
