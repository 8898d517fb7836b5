package dev.krb5gss.bench;

import java.nio.file.Path;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/**
 * Subjects from the JDK's {@code Krb5LoginModule}: a service from its keytab (acceptor, no
 * KDC contacted) and a client from an MIT credential cache (initiator for the wrap bench).
 */
final class JaasLogins {

    private static final String KRB5_LOGIN_MODULE = "com.sun.security.auth.module.Krb5LoginModule";

    private JaasLogins() {
    }

    /** The service's Subject holding a KeyTab (isInitiator=false, useKeyTab, storeKey). */
    static Subject acceptor(BenchService service) throws LoginException {
        return login(Map.of(
                "isInitiator", "false",
                "useKeyTab", "true",
                "storeKey", "true",
                "doNotPrompt", "true",
                "keyTab", service.keytab().toString(),
                "principal", service.principal()));
    }

    /** The client's Subject holding the TGT of an MIT FILE credential cache. */
    static Subject initiator(String client, Path ccache) throws LoginException {
        return login(Map.of(
                "useTicketCache", "true",
                "ticketCache", ccache.toString(),
                "doNotPrompt", "true",
                "principal", client));
    }

    private static Subject login(Map<String, String> options) throws LoginException {
        Subject subject = new Subject();
        LoginContext login = new LoginContext("bench", subject, null, configuration(options));
        login.login();
        return subject;
    }

    private static Configuration configuration(Map<String, String> options) {
        AppConfigurationEntry entry = new AppConfigurationEntry(
                KRB5_LOGIN_MODULE, LoginModuleControlFlag.REQUIRED, options);
        return new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {entry};
            }
        };
    }
}
