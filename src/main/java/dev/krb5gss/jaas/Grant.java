package dev.krb5gss.jaas;

import dev.krb5gss.keytab.AcceptorKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KeyTab;

/**
 * What a successful login puts into the Subject, and, once committed, exactly what was added (an
 * equal object another module had already added is not ours and stays on logout).
 */
final class Grant {
  private final List<KerberosPrincipal> principals;
  private final List<Object> credentials;
  private final AcceptorKeys acceptorKeys;
  private final List<KerberosPrincipal> addedPrincipals = new ArrayList<>();
  private final List<Object> addedCredentials = new ArrayList<>();

  Grant(List<KerberosPrincipal> principals, List<KeyTab> keyTabs, AcceptorKeys acceptorKeys) {
    this.principals = List.copyOf(principals);
    List<Object> creds = new ArrayList<>(keyTabs);
    creds.add(acceptorKeys);
    this.credentials = List.copyOf(creds);
    this.acceptorKeys = acceptorKeys;
  }

  /** Adds everything to {@code subject}, remembering what was not there before. */
  void addTo(Subject subject) {
    Set<java.security.Principal> ps = subject.getPrincipals();
    synchronized (ps) {
      for (KerberosPrincipal p : principals) {
        if (ps.add(p)) {
          addedPrincipals.add(p);
        }
      }
    }
    Set<Object> cs = subject.getPrivateCredentials();
    synchronized (cs) {
      for (Object c : credentials) {
        if (cs.add(c)) {
          addedCredentials.add(c);
        }
      }
    }
  }

  /** Removes what {@link #addTo} added, and detaches the acceptor credential. */
  void removeFrom(Subject subject) {
    Set<java.security.Principal> ps = subject.getPrincipals();
    synchronized (ps) {
      addedPrincipals.forEach(ps::remove);
    }
    Set<Object> cs = subject.getPrivateCredentials();
    synchronized (cs) {
      addedCredentials.forEach(cs::remove);
    }
    addedPrincipals.clear();
    addedCredentials.clear();
    acceptorKeys.destroy();
  }

  List<KerberosPrincipal> principals() {
    return principals;
  }

  AcceptorKeys acceptorKeys() {
    return acceptorKeys;
  }

  @Override
  public String toString() {
    return "Grant" + principals + " " + credentials;
  }
}
