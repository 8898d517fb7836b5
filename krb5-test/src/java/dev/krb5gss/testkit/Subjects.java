package dev.krb5gss.testkit;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.PrivilegedExceptionAction;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import javax.security.auth.Subject;

/**
 * Runs code "as" a Subject so the JDK's Kerberos GSS mechanism finds its credentials there, on
 * JDK 17 and JDK 18+ alike: {@code Subject.callAs} (JDK 18+, which JDK 25's {@code Subject.current()}
 * reads) when present, else {@code Subject.doAs} (JDK 17, read through the AccessControlContext).
 * Both are looked up once through method handles.
 */
public final class Subjects {
    private static final MethodHandle CALL_AS = findCallAs();
    private static final MethodHandle DO_AS = findDoAs();

    private Subjects() {
    }

    /** Runs {@code action} with {@code subject} as the current Subject; its exception passes through. */
    public static <T> T callAs(Subject subject, Callable<T> action) throws Exception {
        return CALL_AS != null ? invoke(CALL_AS, subject, action) : doAs(subject, action);
    }

    /** Always the JDK 17 way, {@code Subject.doAs} (deprecated for removal, still honoured on JDK 25). */
    static <T> T doAs(Subject subject, Callable<T> action) throws Exception {
        PrivilegedExceptionAction<T> privileged = action::call;
        return invoke(DO_AS, subject, privileged);
    }

    private static <T> T invoke(MethodHandle method, Subject subject, Object action) throws Exception {
        try {
            @SuppressWarnings("unchecked")
            T result = (T) method.invoke(subject, action);
            return result;
        } catch (CompletionException e) {
            throw unwrap(e.getCause());
        } catch (java.security.PrivilegedActionException e) {
            throw unwrap(e.getCause());
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static Exception unwrap(Throwable cause) {
        if (cause instanceof Error error) {
            throw error;
        }
        return cause instanceof Exception e ? e : new IllegalStateException(cause);
    }

    private static MethodHandle findCallAs() {
        try {
            return MethodHandles.publicLookup().findStatic(Subject.class, "callAs",
                    MethodType.methodType(Object.class, Subject.class, Callable.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }

    private static MethodHandle findDoAs() {
        try {
            return MethodHandles.publicLookup().findStatic(Subject.class, "doAs",
                    MethodType.methodType(Object.class, Subject.class, PrivilegedExceptionAction.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("neither Subject.callAs nor Subject.doAs is available", e);
        }
    }
}
