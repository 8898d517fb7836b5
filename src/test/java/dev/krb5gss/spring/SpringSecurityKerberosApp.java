package dev.krb5gss.spring;

import dev.krb5gss.context.Acceptor;
import dev.krb5gss.spring.kerberos.Krb5GssTicketValidator;
import java.util.List;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.kerberos.authentication.KerberosServiceAuthenticationProvider;
import org.springframework.security.kerberos.authentication.KerberosTicketValidator;
import org.springframework.security.kerberos.web.authentication.SpnegoAuthenticationProcessingFilter;
import org.springframework.security.kerberos.web.authentication.SpnegoEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * A Spring Security Kerberos 2.1 configuration as its users write it (entry point, SPNEGO filter,
 * service authentication provider, user details service), with one bean changed: the ticket
 * validator is krb5gss's instead of {@code SunJaasKerberosTicketValidator} (which needs a JAAS
 * configuration, a keytab login and the service principal).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableMethodSecurity
@Import(WhoController.class)
public class SpringSecurityKerberosApp {
  /** The one bean that changes. */
  @Bean
  KerberosTicketValidator ticketValidator(Acceptor acceptor) {
    return new Krb5GssTicketValidator(acceptor);
  }

  @Bean
  UserDetailsService users() {
    return name -> new User(name, "notUsed", List.of(new SimpleGrantedAuthority("ROLE_users")));
  }

  @Bean
  AuthenticationManager kerberosAuthenticationManager(KerberosTicketValidator validator,
      UserDetailsService users) {
    KerberosServiceAuthenticationProvider provider = new KerberosServiceAuthenticationProvider();
    provider.setTicketValidator(validator);
    provider.setUserDetailsService(users);
    return new ProviderManager(provider);
  }

  @Bean
  SecurityFilterChain kerberosChain(HttpSecurity http, AuthenticationManager manager)
      throws Exception {
    SpnegoAuthenticationProcessingFilter spnego = new SpnegoAuthenticationProcessingFilter();
    spnego.setAuthenticationManager(manager);
    http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
        .exceptionHandling(e -> e.authenticationEntryPoint(new SpnegoEntryPoint()))
        .addFilterBefore(spnego, BasicAuthenticationFilter.class);
    return http.build();
  }
}
