package dev.krb5gss.web.tomcat;

import dev.krb5gss.Krb5GssProvider;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleEvent;
import org.apache.catalina.LifecycleListener;

/**
 * For the drop-in route ({@code SpnegoAuthenticator} on the krb5gss provider): in
 * {@code server.xml}, {@code <Listener className="dev.krb5gss.web.tomcat.Krb5GssCheckListener"
 * install="true"/>} puts the krb5gss provider first in the JVM's list when the server starts
 * ({@code install}, default false: for a provider registered otherwise), logs which provider
 * serves Kerberos V5 and SPNEGO and why ({@link Krb5GssProvider#report()}), and with
 * {@code required="true"} (the default) stops the start when it is not krb5gss: a
 * {@code -Djava.security.properties} file that no step copied is ignored by the JDK, whose own
 * mechanism would then accept without a word.
 *
 * <p>The listener is loaded by Tomcat's common class loader: the krb5gss jars belong in
 * {@code $CATALINA_BASE/lib}, not on the JVM class path (a class there cannot see Tomcat's).
 */
public class Krb5GssCheckListener implements LifecycleListener {
  private boolean required = true;
  private boolean install;

  /** Whether to install the provider first in the JVM's list at start (default false). */
  public void setInstall(boolean install) {
    this.install = install;
  }

  public boolean isInstall() {
    return install;
  }

  /** Whether the start fails when krb5gss does not serve Kerberos (default true). */
  public void setRequired(boolean required) {
    this.required = required;
  }

  public boolean isRequired() {
    return required;
  }

  @Override
  public void lifecycleEvent(LifecycleEvent event) {
    if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
      if (install) {
        Krb5GssProvider.install();
      }
      if (required) {
        Krb5GssProvider.requireActive();
      } else {
        Krb5GssProvider.report();
      }
    }
  }
}
