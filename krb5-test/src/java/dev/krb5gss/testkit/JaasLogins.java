package dev.krb5gss.testkit;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
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
 * Logs in through the JDK's own {@code com.sun.security.auth.module.Krb5LoginModule} with a
 * programmatic JAAS {@link Configuration} (no login.conf file): a client with a password (AS
 * exchange, RFC 4120 §3.1) or a service from a keytab (no KDC contact).
 */
public final class JaasLogins {
    private static final String KRB5_LOGIN_MODULE = "com.sun.security.auth.module.Krb5LoginModule";

    private JaasLogins() {
    }

    /**
     * Obtains a TGT for {@code principal} from the KDC named by the JVM's krb5.conf.
     *
     * @param refreshConfig re-read krb5.conf for the whole JVM before logging in
     */
    public static Subject initiator(String principal, char[] password, boolean refreshConfig) throws LoginException {
        Map<String, String> options = new HashMap<>();
        options.put("principal", principal);
        options.put("useTicketCache", "false");
        options.put("useKeyTab", "false");
        options.put("storeKey", "false");
        options.put("doNotPrompt", "false");
        options.put("refreshKrb5Config", Boolean.toString(refreshConfig));
        return login(options, callbacks -> answer(callbacks, principal, password));
    }

    /**
     * A service Subject holding a bound {@link javax.security.auth.kerberos.KeyTab} for
     * {@code principal} ({@code isInitiator=false}: the JDK contacts no KDC).
     */
    public static Subject acceptor(Path keytab, String principal) throws LoginException {
        return acceptor(keytab, principal, false);
    }

    /**
     * As {@link #acceptor(Path, String)}; {@code principal} may be {@code "*"} (an unbound
     * KeyTab), and {@code refreshConfig} re-reads the JVM's krb5.conf first (interop classes point
     * it at their own MIT KDC).
     */
    public static Subject acceptor(Path keytab, String principal, boolean refreshConfig)
            throws LoginException {
        Map<String, String> options = new HashMap<>();
        options.put("refreshKrb5Config", Boolean.toString(refreshConfig));
        options.put("principal", principal);
        options.put("useKeyTab", "true");
        options.put("keyTab", keytab.toAbsolutePath().toString());
        options.put("storeKey", "true");
        options.put("doNotPrompt", "true");
        options.put("isInitiator", "false");
        return login(options, callbacks -> {
            throw new UnsupportedCallbackException(callbacks[0], "no prompting for a keytab login");
        });
    }

    /** The client's Subject holding the TGT of an MIT {@code FILE:} credential cache. */
    public static Subject initiatorFromCache(String principal, Path ccache) throws LoginException {
        Map<String, String> options = new HashMap<>();
        options.put("principal", principal);
        options.put("useTicketCache", "true");
        options.put("ticketCache", ccache.toString());
        options.put("doNotPrompt", "true");
        return login(options, callbacks -> {
            throw new UnsupportedCallbackException(callbacks[0], "no prompting for a cache login");
        });
    }

    private static Subject login(Map<String, String> options, Handler handler) throws LoginException {
        Configuration config = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {new AppConfigurationEntry(KRB5_LOGIN_MODULE,
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
            }
        };
        Subject subject = new Subject();
        LoginContext context = new LoginContext("krb5gss-testkit", subject, handler::handle, config);
        context.login();
        return subject;
    }

    private static void answer(Callback[] callbacks, String principal, char[] password)
            throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof NameCallback name) {
                name.setName(principal);
            } else if (callback instanceof PasswordCallback pw) {
                pw.setPassword(password);
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }

    @FunctionalInterface
    private interface Handler {
        void handle(Callback[] callbacks) throws UnsupportedCallbackException;
    }
}
