package example.krb5gss;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot service behind Kerberos with the krb5gss starter: no security code, only the
 * krb5gss.* properties in application.properties. Every request needs a Negotiate user; /admin
 * needs the role "admin" from the role mapping file.
 */
@SpringBootApplication
@EnableMethodSecurity
@RestController
public class HelloApplication {
  public static void main(String[] args) {
    SpringApplication.run(HelloApplication.class, args);
  }

  @GetMapping("/")
  public String hello(Authentication user) {
    return "Hello, " + user.getName();
  }

  @GetMapping("/admin")
  @PreAuthorize("hasRole('admin')")
  public String admin(Authentication user) {
    return "Hello, administrator " + user.getName();
  }
}
