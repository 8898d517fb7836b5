package dev.krb5gss.cli;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/**
 * The client's credentials for {@code check}, through the JDK's {@code Krb5LoginModule}: the
 * ticket-granting ticket of a credential cache ({@code KRB5CCNAME} or the JDK's default cache),
 * or a password login for a user. The JDK's initiator then runs as that Subject.
 */
final class ClientLogin {
  private static final String KRB5_LOGIN_MODULE = "com.sun.security.auth.module.Krb5LoginModule";
  private static final MethodHandle CALL_AS = find("callAs", Callable.class);
  private static final MethodHandle DO_AS = find("doAs", PrivilegedExceptionAction.class);

  private ClientLogin() {}

  /** The TGT in {@code ccache} (null: the JDK's default, which honours KRB5CCNAME). */
  static Subject fromCache(Path ccache) throws LoginException {
    Map<String, String> options = new HashMap<>();
    options.put("useTicketCache", "true");
    if (ccache != null) {
      options.put("ticketCache", ccache.toString());
    }
    options.put("doNotPrompt", "true");
    options.put("refreshKrb5Config", "true");
    return login(options, null, null);
  }

  /** A password login (AS exchange with the KDC) for {@code user}. */
  static Subject withPassword(String user, char[] password) throws LoginException {
    Map<String, String> options = new HashMap<>();
    options.put("principal", user);
    options.put("useTicketCache", "false");
    options.put("storeKey", "false");
    options.put("refreshKrb5Config", "true");
    return login(options, user, password);
  }

  private static Subject login(Map<String, String> options, String user, char[] password)
      throws LoginException {
    Configuration config = new Configuration() {
      @Override
      public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
        return new AppConfigurationEntry[] {new AppConfigurationEntry(KRB5_LOGIN_MODULE,
            AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
      }
    };
    Subject subject = new Subject();
    new LoginContext("krb5gss-cli", subject, callbacks -> answer(callbacks, user, password),
        config).login();
    return subject;
  }

  private static void answer(Callback[] callbacks, String user, char[] password)
      throws UnsupportedCallbackException {
    for (Callback c : callbacks) {
      if (c instanceof NameCallback n && user != null) {
        n.setName(user);
      } else if (c instanceof PasswordCallback p && password != null) {
        p.setPassword(password);
      } else {
        throw new UnsupportedCallbackException(c, "no prompting here: pass --user");
      }
    }
  }

  /** Runs {@code action} as {@code subject}: {@code Subject.callAs} (18+) or {@code doAs} (17). */
  static <T> T callAs(Subject subject, Callable<T> action) throws Exception {
    try {
      @SuppressWarnings("unchecked")
      T result = CALL_AS != null ? (T) CALL_AS.invoke(subject, action)
          : (T) DO_AS.invoke(subject, (PrivilegedExceptionAction<T>) action::call);
      return result;
    } catch (CompletionException | PrivilegedActionException e) {
      throw e.getCause() instanceof Exception c ? c : e;
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private static MethodHandle find(String name, Class<?> actionType) {
    try {
      return MethodHandles.publicLookup().findStatic(Subject.class, name,
          MethodType.methodType(Object.class, Subject.class, actionType));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null;
    }
  }
}
