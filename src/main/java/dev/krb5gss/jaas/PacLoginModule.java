package dev.krb5gss.jaas;

import dev.krb5gss.pac.Pac;
import dev.krb5gss.pac.SidPrincipal;
import dev.krb5gss.web.SidRoleMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

/**
 * A JAAS login module that turns an already authenticated Kerberos client's verified PAC (MS-PAC
 * §2.5) into principals: a {@link KerberosPrincipal} for the client, a {@link SidPrincipal} for
 * its user SID and each group SID, and, with option {@code roleMapping=/path/roles.properties}
 * ({@link SidRoleMapper} format), a {@link RolePrincipal} per mapped role. It authenticates
 * nothing itself: its caller must answer a {@link PacCallback} with the context it established
 * (Tomcat: {@code dev.krb5gss.web.tomcat.PacJaasRealm}); with any other caller the login fails
 * saying so. A ticket without a PAC yields only the {@link KerberosPrincipal}.
 *
 * <p>Options: {@code roleMapping} (optional). Unknown options are refused.
 */
public final class PacLoginModule implements LoginModule {
  /** The option naming the {@code SID = role} file. */
  public static final String ROLE_MAPPING = "roleMapping";

  private Subject subject;
  private CallbackHandler handler;
  private SidRoleMapper mapper;
  private String optionError;
  private final List<Principal> found = new ArrayList<>();
  private final List<Principal> added = new ArrayList<>();

  @Override
  public void initialize(Subject subject, CallbackHandler callbackHandler,
      Map<String, ?> sharedState, Map<String, ?> options) {
    this.subject = subject;
    this.handler = callbackHandler;
    for (String option : options.keySet()) {
      if (!option.equals(ROLE_MAPPING)) {
        optionError = "PacLoginModule: unknown option '" + option + "'; expected only "
            + ROLE_MAPPING;
        return;
      }
    }
    Object mapping = options.get(ROLE_MAPPING);
    if (mapping != null) {
      try {
        mapper = SidRoleMapper.load(Path.of(mapping.toString()));
      } catch (IOException | IllegalArgumentException e) {
        optionError = "PacLoginModule option " + ROLE_MAPPING + "=\"" + mapping + "\": "
            + e.getMessage();
      }
    }
  }

  @Override
  public boolean login() throws LoginException {
    if (optionError != null) {
      throw new LoginException(optionError);
    }
    PacCallback callback = new PacCallback();
    try {
      if (handler == null) {
        throw new UnsupportedCallbackException(callback, "no callback handler");
      }
      handler.handle(new Callback[] {callback});
    } catch (UnsupportedCallbackException | IOException e) {
      throw new LoginException("PacLoginModule needs a caller that passes the client's PAC"
          + " (a PacCallback), such as dev.krb5gss.web.tomcat.PacJaasRealm; got: "
          + e.getMessage());
    }
    if (callback.clientName() == null) {
      throw new LoginException("PacLoginModule: the caller answered the PacCallback without"
          + " a client name");
    }
    found.clear();
    try {
      found.add(new KerberosPrincipal(callback.clientName()));
    } catch (IllegalArgumentException e) {
      throw new LoginException("PacLoginModule: the client name is not a Kerberos principal name: "
          + e.getMessage());
    }
    callback.pac().ifPresent(this::addPacPrincipals);
    return true;
  }

  private void addPacPrincipals(Pac pac) {
    found.add(new SidPrincipal(pac.userSid(), true));
    pac.groupSids().forEach(sid -> found.add(new SidPrincipal(sid, false)));
    if (mapper != null) {
      Set<String> roles = mapper.roles(pac);
      roles.forEach(role -> found.add(new RolePrincipal(role)));
    }
  }

  @Override
  public boolean commit() {
    if (subject.isReadOnly()) {
      return false;
    }
    for (Principal p : found) {
      if (subject.getPrincipals().add(p)) {
        added.add(p);
      }
    }
    found.clear();
    return true;
  }

  @Override
  public boolean abort() {
    found.clear();
    return logout();
  }

  @Override
  public boolean logout() {
    if (!subject.isReadOnly()) {
      subject.getPrincipals().removeAll(added);
    }
    added.clear();
    return true;
  }
}
