package dev.krb5gss.fuzz;

/**
 * Runs a harness once on a valid input when its class loads, so that class initialisation and
 * JCE provider set-up are not counted against the first input's allocation bound.
 */
final class Warmup {
  private Warmup() {}

  static void run(FuzzSupport.Body body) {
    FuzzSupport.WARMING_UP.set(true);
    try {
      body.run();
    } catch (Exception e) {
      throw new IllegalStateException("the harness fails on its own valid seed", e);
    } finally {
      FuzzSupport.WARMING_UP.set(false);
    }
  }
}
