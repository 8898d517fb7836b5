package dev.krb5gss.spring;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/**
 * An application with nothing of krb5gss in it: the auto-configuration does everything from the
 * {@code krb5gss.*} properties.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableMethodSecurity
@Import(WhoController.class)
public class StarterApp {
}
