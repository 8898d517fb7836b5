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
