package dev.krb5gss.observe;

/**
 * Told about every accept leg of every acceptor in the JVM (register with
 * {@link AcceptObservers#register}). Called on the accepting thread while the context's lock is
 * held: an observer must be fast, must not block and must not call back into the context. An
 * exception it throws is logged and otherwise ignored; it never fails the authentication.
 */
@FunctionalInterface
public interface AcceptObserver {
  void onLeg(AcceptLeg leg);
}
