package dev.krb5gss.spring;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** /who (role "users") prints the authenticated name; /admin needs role "admin". */
@RestController
public class WhoController {
  @GetMapping("/who")
  @PreAuthorize("hasRole('users')")
  public String who(Authentication user) {
    return "user=" + user.getName();
  }

  @GetMapping("/admin")
  @PreAuthorize("hasRole('admin')")
  public String admin(Authentication user) {
    return "admin=" + user.getName();
  }

  /** Any authenticated user. */
  @GetMapping("/me")
  public String me(Authentication user) {
    return "me=" + user.getName() + " " + user.getAuthorities();
  }
}
