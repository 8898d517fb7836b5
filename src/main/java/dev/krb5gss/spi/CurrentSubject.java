package dev.krb5gss.spi;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import javax.security.auth.Subject;

/**
 * The Subject the calling code runs as: {@code Subject.current()} on JDK 18 and later,
 * {@code Subject.getSubject(AccessController.getContext())} on JDK 17 (where {@code current()}
 * does not exist; on JDK 25 {@code getSubject} throws). Resolved once through method handles.
 */
final class CurrentSubject {
  private static final MethodHandle LOOKUP = resolve();
  private static final MethodHandle CALL_AS = resolveCallAs();

  private CurrentSubject() {}

  /** The current Subject, or null. */
  static Subject get() {
    try {
      return (Subject) LOOKUP.invokeExact();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("cannot look up the current Subject", t);
    }
  }

  /** Runs {@code action} as {@code subject}: {@code Subject.callAs} on 18+, {@code doAs} on 17. */
  @SuppressWarnings("unchecked")
  static <T> T callAs(Subject subject, java.util.concurrent.Callable<T> action) throws Exception {
    try {
      return (T) CALL_AS.invoke(subject, action);
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private static MethodHandle resolveCallAs() {
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    try {
      return lookup.findStatic(Subject.class, "callAs", MethodType.methodType(Object.class,
          Subject.class, java.util.concurrent.Callable.class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return legacyDoAs(lookup);
    }
  }

  /** {@code Subject.doAs} (JDK 17, where {@code callAs} does not exist), unwrapping the cause. */
  private static MethodHandle legacyDoAs(MethodHandles.Lookup lookup) {
    try {
      return MethodHandles.lookup().findStatic(CurrentSubject.class, "legacyCall",
          MethodType.methodType(Object.class, Subject.class,
              java.util.concurrent.Callable.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings({"unused", "removal", "deprecation"}) // JDK 17 only, via a method handle
  private static Object legacyCall(Subject subject, java.util.concurrent.Callable<?> action)
      throws Exception {
    try {
      return Subject.doAs(subject,
          (java.security.PrivilegedExceptionAction<Object>) action::call);
    } catch (java.security.PrivilegedActionException e) {
      throw e.getException();
    }
  }

  private static MethodHandle resolve() {
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    try {
      return lookup.findStatic(Subject.class, "current", MethodType.methodType(Subject.class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return legacy(lookup);
    }
  }

  private static MethodHandle legacy(MethodHandles.Lookup lookup) {
    try {
      Class<?> acc = Class.forName("java.security.AccessControlContext");
      Class<?> controller = Class.forName("java.security.AccessController");
      MethodHandle context = lookup.findStatic(controller, "getContext",
          MethodType.methodType(acc));
      MethodHandle getSubject = lookup.findStatic(Subject.class, "getSubject",
          MethodType.methodType(Subject.class, acc));
      return MethodHandles.collectArguments(getSubject, 0, context);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
