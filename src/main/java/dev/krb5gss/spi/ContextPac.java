package dev.krb5gss.spi;

import dev.krb5gss.error.Reason;
import dev.krb5gss.pac.Pac;
import java.util.Objects;
import java.util.Optional;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import sun.security.jgss.GSSContextImpl;

/**
 * Reaches the PAC of one of our contexts behind a {@link GSSContext} for {@link Pac#of}.
 *
 * <p>How: every {@code GSSContext} a {@code GSSManager} creates is a
 * {@code sun.security.jgss.GSSContextImpl} (or the JDK's {@code ExtendedGSSContextImpl}, a
 * subclass), whose public {@code inquireSecContext(String)} passes any type string to the
 * mechanism's context SPI unchanged. Our {@link ServerContextSpi} answers the type
 * {@link Pac#INQUIRE_TYPE} with an {@link Answer} (a type only this package can make, so a
 * foreign mechanism cannot pass something else off as our PAC). When the JDK's SPNEGO wraps our
 * Kerberos mechanism, its {@code SpNegoContext.inquireSecContext} forwards the call to the inner
 * {@code GSSContextImpl}, i.e. to us. This needs the {@code sun.security.jgss} export the provider
 * already needs, no reflection, and not {@code sun.security.krb5.internal} (which
 * {@code ExtendedGSSContext.inquireSecContext(InquireType)} would drag in for authorization data).
 */
public final class ContextPac {
  private ContextPac() {}

  /** See {@link Pac#of(GSSContext)}. */
  public static Optional<Pac> of(GSSContext context) throws GSSException {
    Objects.requireNonNull(context, "context");
    boolean exported = ModuleLayer.boot().findModule("java.security.jgss")
        .map(m -> m.isExported("sun.security.jgss", ContextPac.class.getModule()))
        .orElse(false);
    if (!exported) {
      throw GssErrors.of(Reason.UNSUPPORTED_OPERATION, "reading the PAC needs "
          + "--add-exports java.security.jgss/sun.security.jgss=ALL-UNNAMED, as the provider does");
    }
    return fromJdkContext(context);
  }

  private static Optional<Pac> fromJdkContext(GSSContext context) throws GSSException {
    if (!(context instanceof GSSContextImpl)) {
      throw GssErrors.of(Reason.UNSUPPORTED_OPERATION, "expected a GSSContext from a "
          + "GSSManager, got a " + context.getClass().getName());
    }
    Object answer;
    try {
      answer = ((GSSContextImpl) context).inquireSecContext(Pac.INQUIRE_TYPE);
    } catch (GSSException e) {
      if (e.getMajor() == GSSException.NO_CONTEXT) {
        throw e;
      }
      throw notOurs(context, e);
    }
    if (answer instanceof Answer) {
      return ((Answer) answer).pac;
    }
    throw notOurs(context, null);
  }

  private static GSSException notOurs(GSSContext context, GSSException cause) {
    String mech;
    try {
      mech = String.valueOf(context.getMech());
    } catch (GSSException e) {
      mech = "unknown";
    }
    return GssErrors.of(Reason.UNSUPPORTED_OPERATION, "the context (mechanism " + mech
        + ") is not one of " + dev.krb5gss.Krb5GssProvider.NAME + "'s acceptor contexts"
        + (cause == null ? "" : " (it answered: " + cause.getMessage() + ")")
        + ": install the provider first (Krb5GssProvider.install()) so GSSManager picks it");
  }

  /** Our answer to {@link Pac#INQUIRE_TYPE}; only this package creates one. */
  static final class Answer {
    private final Optional<Pac> pac;

    Answer(Optional<Pac> pac) {
      this.pac = pac;
    }

    @Override
    public String toString() {
      return "ContextPac.Answer[" + pac + "]";
    }
  }
}
