package dev.krb5gss.spring.security;

import dev.krb5gss.web.NegotiateHandler;
import java.util.Objects;
import org.springframework.context.ApplicationContext;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.ExceptionHandlingConfigurer;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Adds krb5gss HTTP Negotiate to a user's own {@code SecurityFilterChain} in one call:
 *
 * <pre>{@code
 * http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
 *     .with(Krb5GssConfigurer.negotiate(), Customizer.withDefaults());
 * }</pre>
 *
 * <p>It registers a {@link NegotiateAuthenticationFilter} (before Basic authentication) on the
 * {@link NegotiateHandler} given, or else the application context's {@code NegotiateHandler} bean
 * (the Boot auto-configuration makes one from the {@code krb5gss.*} properties), and a
 * {@link NegotiateAuthenticationEntryPoint} as the chain's entry point. The filter saves the
 * security context in the chain's {@code SecurityContextRepository}.
 */
public final class Krb5GssConfigurer extends AbstractHttpConfigurer<Krb5GssConfigurer, HttpSecurity> {
  private NegotiateHandler handler;
  private String rolePrefix = "ROLE_";

  private Krb5GssConfigurer(NegotiateHandler handler) {
    this.handler = handler;
  }

  /** Negotiate on the application context's {@link NegotiateHandler} bean. */
  public static Krb5GssConfigurer negotiate() {
    return new Krb5GssConfigurer(null);
  }

  /** Negotiate on {@code handler}. */
  public static Krb5GssConfigurer negotiate(NegotiateHandler handler) {
    return new Krb5GssConfigurer(Objects.requireNonNull(handler, "handler"));
  }

  /** The prefix of authorities made from roles; default {@code ROLE_} (for {@code hasRole}). */
  public Krb5GssConfigurer rolePrefix(String prefix) {
    this.rolePrefix = Objects.requireNonNull(prefix, "prefix");
    return this;
  }

  @Override
  public void init(HttpSecurity http) {
    ExceptionHandlingConfigurer<HttpSecurity> exceptions =
        http.getConfigurer(ExceptionHandlingConfigurer.class);
    if (exceptions != null) {
      exceptions.authenticationEntryPoint(new NegotiateAuthenticationEntryPoint());
    }
  }

  @Override
  public void configure(HttpSecurity http) {
    NegotiateAuthenticationFilter filter = new NegotiateAuthenticationFilter(handler(http));
    filter.setRolePrefix(rolePrefix);
    SecurityContextRepository repository = http.getSharedObject(SecurityContextRepository.class);
    if (repository != null) {
      filter.setSecurityContextRepository(repository);
    }
    http.addFilterBefore(postProcess(filter), BasicAuthenticationFilter.class);
  }

  private NegotiateHandler handler(HttpSecurity http) {
    if (handler == null) {
      ApplicationContext context = http.getSharedObject(ApplicationContext.class);
      if (context == null) {
        throw new IllegalStateException("Krb5GssConfigurer.negotiate() found no application"
            + " context; pass a NegotiateHandler: Krb5GssConfigurer.negotiate(handler)");
      }
      handler = context.getBean(NegotiateHandler.class);
    }
    return handler;
  }
}
