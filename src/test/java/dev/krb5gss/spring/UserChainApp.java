package dev.krb5gss.spring;

import dev.krb5gss.spring.security.Krb5GssConfigurer;
import dev.krb5gss.web.NegotiateHandler;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** A user's own filter chain that adds krb5gss with the configurer, in one call. */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableMethodSecurity
@Import(WhoController.class)
public class UserChainApp {
  @Bean
  SecurityFilterChain userChain(HttpSecurity http, NegotiateHandler handler) throws Exception {
    http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
        .with(Krb5GssConfigurer.negotiate(handler), Customizer.withDefaults());
    return http.build();
  }
}
