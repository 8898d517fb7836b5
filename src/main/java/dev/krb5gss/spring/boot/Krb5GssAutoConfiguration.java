package dev.krb5gss.spring.boot;

import dev.krb5gss.context.Acceptor;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.crypto.EnctypePolicy;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.name.PrincipalPattern;
import dev.krb5gss.replay.ReplayCaches;
import dev.krb5gss.spring.security.Krb5GssConfigurer;
import dev.krb5gss.web.NegotiateHandler;
import dev.krb5gss.web.RoleMapper;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Spring Boot auto-configuration of krb5gss HTTP Negotiate, active when {@code krb5gss.keytab} is
 * set in a servlet web application with Spring Security:
 *
 * <ul>
 *   <li>an {@link Acceptor} on the keytab with the {@code krb5gss.*} policy, and a
 *       {@link NegotiateHandler} with the role mapping — each replaced by a bean of the user's;
 *   <li>with no {@code SecurityFilterChain} of the user's, a default one that protects every
 *       request with Negotiate; with the user's own, nothing is forced (add
 *       {@code .with(Krb5GssConfigurer.negotiate(), Customizer.withDefaults())} to it).
 * </ul>
 *
 * It runs before Boot's own security auto-configuration (Boot 3.5 and Boot 4 class names), so its
 * default chain replaces Boot's form-and-basic default.
 */
@AutoConfiguration(beforeName = {
    "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
    "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration"
})
@ConditionalOnClass({HttpSecurity.class, SecurityFilterChain.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(prefix = "krb5gss", name = "keytab")
@EnableConfigurationProperties(Krb5GssProperties.class)
public class Krb5GssAutoConfiguration {
  /** The acceptor on {@code krb5gss.keytab} with the {@code krb5gss.*} policy. */
  @Bean
  @ConditionalOnMissingBean
  public Acceptor krb5gssAcceptor(Krb5GssProperties p) throws RejectedException {
    Acceptor.Builder b = Acceptor.builder().keytab(p.getKeytab()).maxSkew(p.getMaxSkew())
        .legTimeout(p.getLegTimeout()).maxPending(p.getMaxPending())
        .maxPendingPerKey(p.getMaxPendingPerKey()).maxTokenSize(p.getMaxTokenSize())
        .enctypes(enctypes(p)).requirePac(p.isRequirePac());
    String replayCache = p.getReplayCache() != null && !p.getReplayCache().isBlank()
        ? p.getReplayCache() : ReplayCaches.configuredUri().orElse(null);
    if (replayCache != null) {
      b.replayCache(ReplayCaches.fromUri(replayCache));
    }
    String principal = p.getPrincipal() == null ? "*" : p.getPrincipal().strip();
    if (!principal.equals("*")) {
      PrincipalPattern pattern = PrincipalPattern.compile(principal, null);
      b.allowedServices(pattern::matches);
    }
    return b.build();
  }

  /** The Negotiate handler every krb5gss filter of the application uses. */
  @Bean
  @ConditionalOnMissingBean
  public NegotiateHandler krb5gssNegotiateHandler(Acceptor acceptor, Krb5GssProperties p,
      ObjectProvider<RoleMapper> roleMapper) throws IOException {
    RoleMapper roles = roleMapper.getIfAvailable(() -> RoleMapper.none());
    if (p.getRoleMapping() != null) {
      roles = RoleMappingFile.load(p.getRoleMapping());
    }
    return NegotiateHandler.builder(acceptor).roles(roles)
        .persistOnConnection(p.isPersistOnConnection()).build();
  }

  /** With no chain of the user's: every request needs a Negotiate-authenticated user. */
  @Bean
  @ConditionalOnMissingBean(SecurityFilterChain.class)
  public SecurityFilterChain krb5gssSecurityFilterChain(HttpSecurity http,
      NegotiateHandler handler) throws Exception {
    http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
        .with(Krb5GssConfigurer.negotiate(handler), Customizer.withDefaults());
    return http.build();
  }

  private static EnctypePolicy enctypes(Krb5GssProperties p) {
    if (!p.getEnctypes().isEmpty()) {
      EncType[] chosen = new EncType[p.getEnctypes().size()];
      for (int i = 0; i < chosen.length; i++) {
        String name = p.getEnctypes().get(i).strip();
        chosen[i] = EncType.byName(name);
        if (chosen[i] == null) {
          throw new IllegalArgumentException("krb5gss.enctypes: unknown enctype '" + name
              + "'; expected e.g. aes256-cts-hmac-sha1-96, aes256-cts-hmac-sha384-192");
        }
      }
      return EnctypePolicy.of(chosen);
    }
    return p.isAllowRc4() ? EnctypePolicy.defaultsWithRc4() : EnctypePolicy.defaults();
  }
}
