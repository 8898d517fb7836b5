package dev.krb5gss.jaas;

import java.util.HashMap;
import java.util.Map;
import javax.security.auth.Subject;

/**
 * Run in a child JVM (as another user) by UnreadableKeytabTest: logs in with
 * {@code keyTab=args[0] principal=args[1]} and prints the outcome.
 */
public final class LoginMain {
  private LoginMain() {}

  public static void main(String[] args) {
    KeytabLoginModule module = new KeytabLoginModule();
    Map<String, String> options = new HashMap<>();
    options.put("keyTab", args[0]);
    options.put("principal", args[1]);
    Subject subject = new Subject();
    module.initialize(subject, null, new HashMap<>(), options);
    try {
      module.login();
      System.out.println("LOGGED-IN");
    } catch (KeytabLoginException e) {
      System.out.println("PROBLEM=" + e.problem());
      System.out.println("MESSAGE=" + e.getMessage());
    } catch (Exception e) {
      System.out.println("UNEXPECTED=" + e);
    }
    System.out.println("SUBJECT-EMPTY=" + (subject.getPrincipals().isEmpty()
        && subject.getPrivateCredentials().isEmpty()));
  }
}
