package dev.krb5gss.interop;

import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;

/**
 * What the HTTP server does with a delegated credential (RFC 4121 §4.1.1 forwarded TGT): for
 * example initiate a context to another service as the client, reporting the result as text.
 */
@FunctionalInterface
public interface DelegatedUse {
  /** Uses the established context's delegated credential; returns what the request reports. */
  String apply(GSSContext established) throws GSSException;
}
