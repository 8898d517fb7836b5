package dev.krb5gss.web;

import dev.krb5gss.config.Krb5Conf;
import dev.krb5gss.context.Acceptor;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.crypto.EnctypePolicy;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.name.PrincipalName;
import dev.krb5gss.name.PrincipalPattern;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The settings of a native web adapter (Tomcat valve, Jetty authenticator) as the container
 * gives them: attribute text, validated only when the container starts ({@link #build()}), so a
 * bad value fails the start with the attribute's name, the value and the accepted values. One
 * holder for both containers: it builds the {@link Acceptor} and the {@link NegotiateHandler} and
 * keeps the adapter-level settings ({@code stripRealm}, {@code noKeepAliveUserAgents}).
 *
 * <p>The attributes are the {@link Setting} constants; names match {@code KeytabLoginModule}'s
 * options where they overlap ({@code keyTab}, {@code principal}, {@code allowedPrincipals},
 * {@code allowRc4}). Adding a setting is one constant here and one one-line setter per adapter.
 */
public final class AdapterSettings {
  private final Map<Setting, String> values = new LinkedHashMap<>();
  private NegotiateHandler handler;

  /** Records {@code value} for {@code setting} (null removes it); checked by {@link #build()}. */
  public AdapterSettings set(Setting setting, String value) {
    if (value == null) {
      values.remove(setting);
    } else {
      values.put(setting, value.strip());
    }
    return this;
  }

  /** The value given for {@code setting}, as given. */
  public Optional<String> get(Setting setting) {
    return Optional.ofNullable(values.get(setting));
  }

  /** A handler built in code: then only adapter-level attributes may be set as well. */
  public AdapterSettings handler(NegotiateHandler configured) {
    this.handler = configured;
    return this;
  }

  /**
   * Validates every attribute and builds the adapter.
   *
   * @throws InvalidSettingException naming the first attribute at fault and what it accepts
   */
  public NegotiateAdapter build() throws InvalidSettingException {
    Draft draft = new Draft();
    for (Map.Entry<Setting, String> e : values.entrySet()) {
      Setting s = e.getKey();
      if (handler != null && !s.adapterLevel) {
        throw new InvalidSettingException(s.attribute, "attribute " + s.attribute + " configures "
            + "the acceptor or the handler, but the adapter was given a NegotiateHandler built in "
            + "code: set it on that Acceptor.builder() or NegotiateHandler.builder() instead",
            null);
      }
      try {
        s.apply.accept(e.getValue(), draft);
      } catch (IllegalArgumentException ex) {
        throw new InvalidSettingException(s.attribute, "attribute " + s.attribute + "=\""
            + e.getValue() + "\" is invalid: " + ex.getMessage() + "; accepted: " + s.accepted,
            ex);
      }
    }
    if (handler != null && draft.requirePac && !requiresPac(handler)) {
      throw new InvalidSettingException("requirePac", PAC_MISMATCH, null);
    }
    NegotiateHandler h = handler != null ? handler : draft.handler();
    if (draft.roleMapping != null) {
      h = h.withRoles(draft.roleMapping);
    }
    return new NegotiateAdapter(h, draft.stripRealm, draft.noKeepAliveUserAgents);
  }

  static final String PAC_MISMATCH = "requirePac=\"true\", but the handler's acceptor accepts "
      + "tickets without a PAC: build it with Acceptor.builder().requirePac(true)";

  /** The handler given in code, if any. */
  public Optional<NegotiateHandler> givenHandler() {
    return Optional.ofNullable(handler);
  }

  /**
   * Checks at once that a handler given in code satisfies {@code requirePac=true}, so that a
   * configuration asking for PACs can never silently accept tickets without one.
   *
   * @throws IllegalStateException if it does not
   */
  public void checkRequirePac(boolean require) {
    if (require && handler != null && !requiresPac(handler)) {
      throw new IllegalStateException(PAC_MISMATCH);
    }
  }

  private static boolean requiresPac(NegotiateHandler h) {
    return h.acceptor().apAcceptor().policy().requirePac();
  }

  /** The attributes, by their container name. */
  public enum Setting {
    KEYTAB("keytab", "a keytab file path, several separated by commas", false,
        (v, d) -> SettingValues.list(v).forEach(p -> d.keytabs.add(Path.of(p)))),
    PRINCIPAL("principal", "service principal names separated by commas, or * (default *: "
        + "every principal of the keytab)", false,
        (v, d) -> d.principals = d.patterns(v)),
    ALLOWED_SERVICES("allowedServices", "principal patterns with * separated by commas, e.g. "
        + "HTTP/*@EXAMPLE.COM", false, (v, d) -> d.allowed = d.patterns(v)),
    ALLOW_RC4("allowRc4", SettingValues.BOOLEAN + " (default false)", false,
        (v, d) -> d.allowRc4 = SettingValues.bool(v)),
    ENCTYPES("enctypes", "enctype names separated by commas, most preferred first", false,
        (v, d) -> d.enctypes = SettingValues.enctypes(v)),
    MAX_SKEW("maxSkew", SettingValues.DURATION + ", at most 1 hour (default PT5M)", false,
        (v, d) -> d.acceptor.maxSkew(SettingValues.duration(v, Duration.ofHours(1)))),
    LEG_TIMEOUT("legTimeout", SettingValues.DURATION + ", at most 10 minutes (default PT30S)",
        false, (v, d) -> d.acceptor.legTimeout(SettingValues.duration(v, Duration.ofMinutes(10)))),
    MAX_PENDING("maxPending", "a whole number >= 1 (default 10000)", false,
        (v, d) -> d.acceptor.maxPending(SettingValues.count(v, 1, Integer.MAX_VALUE))),
    MAX_PENDING_PER_KEY("maxPendingPerKey", "a whole number in [1, maxPending] (default 64)",
        false, (v, d) -> d.acceptor.maxPendingPerKey(SettingValues.count(v, 1, Integer.MAX_VALUE))),
    MAX_TOKEN_SIZE("maxTokenSize", "bytes in [1024, 1048576] (default 65536)", false,
        (v, d) -> d.acceptor.maxTokenSize(SettingValues.count(v, 1024, 1 << 20))),
    MECHANISMS("mechanisms", SettingValues.MECHANISMS + " (default krb5,ms-krb5,spnego)", false,
        (v, d) -> d.acceptor.mechanisms(SettingValues.mechanisms(v))),
    REQUIRE_CHANNEL_BINDINGS("requireChannelBindings", SettingValues.BOOLEAN + " (default false)",
        false, (v, d) -> d.acceptor.requireChannelBindings(SettingValues.bool(v))),
    PERSIST_ON_CONNECTION("persistOnConnection", SettingValues.BOOLEAN, false,
        (v, d) -> {
          boolean persist = SettingValues.bool(v);
          d.handlerSteps.add(b -> b.persistOnConnection(persist));
        }),
    MAX_CONNECTIONS("maxConnections", "a whole number >= 1 (default 10000)", false,
        (v, d) -> {
          int max = SettingValues.count(v, 1, Integer.MAX_VALUE);
          d.handlerSteps.add(b -> b.maxConnections(max));
        }),
    STRIP_REALM("stripRealm", SettingValues.BOOLEAN + " (default true: the remote user is alice,"
        + " as with Tomcat's stripRealmForGss)", true,
        (v, d) -> d.stripRealm = SettingValues.bool(v)),
    REPLAY_CACHE("replayCache", "a replay cache URI for ReplayCaches.fromUri, e.g. "
        + "redis://host:6379/0 for a cache shared by every node (default: the "
        + dev.krb5gss.replay.ReplayCaches.PROPERTY + " property, else in memory)", false,
        (v, d) -> d.replayCache = v),
    ROLE_MAPPING("roleMapping", "a role mapping file of SID = role lines (SidRoleMapper): roles "
        + "from the verified PAC's Active Directory groups instead of the container's realm", true,
        (v, d) -> d.roleMapping = SettingValues.roleMapping(v)),
    REQUIRE_PAC("requirePac", SettingValues.BOOLEAN + " (default false): refuse tickets without "
        + "an MS-PAC", true, (v, d) -> d.requirePac = SettingValues.bool(v)),
    STORE_DELEGATED_CREDENTIAL("storeDelegatedCredential", "false (a delegated credential is "
        + "not handed to the container by the native adapters yet)", true, (v, d) -> {
          if (SettingValues.bool(v)) {
            throw new IllegalArgumentException("true is not supported by the native adapters yet;"
                + " for delegation use Tomcat's SpnegoAuthenticator storeDelegatedCredential="
                + "\"true\" on the krb5gss provider");
          }
        }),
    NO_KEEP_ALIVE_USER_AGENTS("noKeepAliveUserAgents", "a Java regular expression matched "
        + "against the whole User-Agent", true,
        (v, d) -> d.noKeepAliveUserAgents = SettingValues.regex(v));

    final String attribute;
    final String accepted;
    final boolean adapterLevel;
    final Apply apply;

    Setting(String attribute, String accepted, boolean adapterLevel, Apply apply) {
      this.attribute = attribute;
      this.accepted = accepted;
      this.adapterLevel = adapterLevel;
      this.apply = apply;
    }

    /** The attribute's name in the container's configuration. */
    public String attribute() {
      return attribute;
    }

    /** What the attribute accepts, for messages and documentation. */
    public String accepted() {
      return accepted;
    }
  }

  @FunctionalInterface
  interface Apply {
    void accept(String value, Draft draft);
  }

  /** Values collected from the attributes before anything is built. */
  static final class Draft {
    final Acceptor.Builder acceptor = Acceptor.builder();
    final List<Consumer<NegotiateHandler.Builder>> handlerSteps = new ArrayList<>();
    final List<Path> keytabs = new ArrayList<>();
    List<PrincipalPattern> principals = List.of();
    List<PrincipalPattern> allowed = List.of();
    boolean allowRc4;
    List<EncType> enctypes;
    boolean stripRealm = true;
    boolean requirePac;
    RoleMapper roleMapping;
    String replayCache;
    Pattern noKeepAliveUserAgents;

    List<PrincipalPattern> patterns(String v) {
      List<String> texts = SettingValues.list(v);
      if (texts.equals(List.of("*"))) {
        return List.of();
      }
      String realm = defaultRealm();
      List<PrincipalPattern> out = new ArrayList<>();
      for (String t : texts) {
        out.add(PrincipalPattern.compile(t, realm));
      }
      return out;
    }

    private static String defaultRealm() {
      String prop = System.getProperty(Krb5Conf.JDK_REALM_PROPERTY);
      return prop != null ? prop : Krb5Conf.forJvm().defaultRealm().orElse(null);
    }

    NegotiateHandler handler() throws InvalidSettingException {
      if (keytabs.isEmpty()) {
        throw new InvalidSettingException("keytab", "attribute keytab is required: the "
            + "service's keytab file, e.g. keytab=\"/etc/http.keytab\"", null);
      }
      keytabs.forEach(acceptor::keytab);
      acceptor.enctypes(policy());
      acceptor.allowedServices(services());
      acceptor.requirePac(requirePac);
      replayCache();
      Acceptor built;
      try {
        built = acceptor.build();
      } catch (IllegalArgumentException e) {
        throw new InvalidSettingException("*", "the attributes contradict each other: "
            + e.getMessage(), e);
      } catch (RejectedException e) {
        throw new InvalidSettingException("keytab", "attribute keytab=\"" + keytabs
            + "\" gives no usable keys: " + e.getMessage(), e);
      }
      NegotiateHandler.Builder b = NegotiateHandler.builder(built);
      handlerSteps.forEach(step -> step.accept(b));
      return b.build();
    }

    /** The attribute's URI, else the JVM-wide property's; unset: the acceptor's own cache. */
    private void replayCache() throws InvalidSettingException {
      String uri = replayCache != null ? replayCache
          : dev.krb5gss.replay.ReplayCaches.configuredUri().orElse(null);
      if (uri == null) {
        return;
      }
      try {
        acceptor.replayCache(dev.krb5gss.replay.ReplayCaches.fromUri(uri));
      } catch (IllegalArgumentException e) {
        throw new InvalidSettingException("replayCache", "attribute replayCache=\"" + uri
            + "\" is invalid: " + e.getMessage() + "; accepted: "
            + Setting.REPLAY_CACHE.accepted, e);
      }
    }

    private EnctypePolicy policy() throws InvalidSettingException {
      List<EncType> list = new ArrayList<>(enctypes != null ? enctypes
          : EnctypePolicy.defaults().permitted());
      if (list.contains(EncType.RC4_HMAC) && !allowRc4) {
        throw new InvalidSettingException("enctypes", "attribute enctypes lists rc4-hmac, which "
            + "is weak (RFC 8429): set allowRc4=\"true\" as well to accept it", null);
      }
      if (allowRc4 && !list.contains(EncType.RC4_HMAC)) {
        list.add(EncType.RC4_HMAC);
      }
      try {
        return EnctypePolicy.of(list.toArray(new EncType[0]));
      } catch (IllegalArgumentException e) {
        throw new InvalidSettingException("enctypes", "attribute enctypes is invalid: "
            + e.getMessage(), e);
      }
    }

    private Predicate<PrincipalName> services() {
      List<PrincipalPattern> p = principals;
      List<PrincipalPattern> a = allowed;
      return name -> (p.isEmpty() || p.stream().anyMatch(x -> x.matches(name)))
          && (a.isEmpty() || a.stream().anyMatch(x -> x.matches(name)));
    }
  }
}
