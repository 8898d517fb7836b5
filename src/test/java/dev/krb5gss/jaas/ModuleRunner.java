package dev.krb5gss.jaas;

import dev.krb5gss.config.Krb5Conf;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.security.auth.Subject;
import javax.security.auth.login.LoginException;

/** Test helper: one KeytabLoginModule with an injected krb5.conf and system properties. */
final class ModuleRunner {
  private Krb5Conf conf;
  private Map<String, String> properties = new HashMap<>();

  static ModuleRunner withConf(String krb5ConfText) {
    ModuleRunner r = new ModuleRunner();
    try {
      r.conf = Krb5Conf.parse(krb5ConfText, "test-krb5.conf");
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
    return r;
  }

  ModuleRunner property(String name, String value) {
    properties.put(name, value);
    return this;
  }

  KeytabLoginModule module(Subject subject, Map<String, ?> options) {
    UnaryOperator<String> props = properties::get;
    KeytabLoginModule m = new KeytabLoginModule(() -> conf, props);
    m.initialize(subject, null, new HashMap<>(), options);
    return m;
  }

  /** login + commit into {@code subject}; returns the module for logout/abort. */
  KeytabLoginModule loginAndCommit(Subject subject, Map<String, ?> options)
      throws LoginException {
    KeytabLoginModule m = module(subject, options);
    m.login();
    m.commit();
    return m;
  }
}
