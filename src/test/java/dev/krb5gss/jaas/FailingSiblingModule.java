package dev.krb5gss.jaas;

import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

/** Test sibling: fails in the phase named by its {@code failIn} option (login or commit). */
public final class FailingSiblingModule implements LoginModule {
  private String failIn;

  @Override
  public void initialize(Subject subject, CallbackHandler handler, Map<String, ?> shared,
      Map<String, ?> options) {
    failIn = String.valueOf(options.get("failIn"));
  }

  @Override
  public boolean login() throws LoginException {
    if (failIn.equals("login")) {
      throw new LoginException("sibling refuses login");
    }
    return true;
  }

  @Override
  public boolean commit() throws LoginException {
    if (failIn.equals("commit")) {
      throw new LoginException("sibling refuses commit");
    }
    return true;
  }

  @Override
  public boolean abort() {
    return true;
  }

  @Override
  public boolean logout() {
    return true;
  }
}
