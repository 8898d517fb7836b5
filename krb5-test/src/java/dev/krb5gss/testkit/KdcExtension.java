package dev.krb5gss.testkit;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving tests a Kerberos realm (RFC 4120) served by ONE {@link TestKdc} per test
 * JVM: the JDK reads {@code java.security.krb5.conf} once per JVM, so every test class shares the
 * same realm and KDC, each class under its own principal names ({@link KdcPrincipals}).
 *
 * <p>The KDC starts lazily on first use, becomes the JVM's krb5.conf, and lives in the root
 * {@link ExtensionContext.Store} as an {@link AutoCloseable} that JUnit closes when all tests are
 * done. Parameters of type {@link TestKdc} and {@link KdcPrincipals} are injected:
 *
 * <pre>{@code
 * @ExtendWith(KdcExtension.class)
 * class MyTest {
 *     @Test void works(TestKdc kdc, KdcPrincipals names) { ... }
 * }
 * }</pre>
 */
public final class KdcExtension implements ParameterResolver {
    /** The realm of the shared KDC. */
    public static final String REALM = "KRB5GSS.TEST";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KdcExtension.class);
    private static final AtomicInteger CLASS_COUNTER = new AtomicInteger();

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestKdc.class || type == KdcPrincipals.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestKdc kdc = sharedKdc(context);
        if (parameter.getParameter().getType() == TestKdc.class) {
            return kdc;
        }
        return principalsOf(context, kdc);
    }

    /** The JVM's shared KDC, started on first call. */
    public static TestKdc sharedKdc(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedKdc.class, k -> SharedKdc.start(), SharedKdc.class).kdc;
    }

    private static KdcPrincipals principalsOf(ExtensionContext context, TestKdc kdc) {
        Class<?> testClass = context.getRequiredTestClass();
        ExtensionContext classContext = classLevel(context);
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(testClass,
                c -> new KdcPrincipals(kdc, testClass.getSimpleName(), CLASS_COUNTER.incrementAndGet()),
                KdcPrincipals.class);
    }

    private static ExtensionContext classLevel(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    /** The store value: closed by JUnit once the whole test plan has run. */
    private static final class SharedKdc implements AutoCloseable {
        private static final System.Logger LOG = System.getLogger(KdcExtension.class.getName());
        private final TestKdc kdc;

        private SharedKdc(TestKdc kdc) {
            this.kdc = kdc;
        }

        static SharedKdc start() {
            TestKdc kdc = TestKdc.start(REALM).useAsJvmKrb5Config();
            LOG.log(System.Logger.Level.INFO, "shared test KDC started: {0}", kdc);
            return new SharedKdc(kdc);
        }

        @Override
        public void close() {
            kdc.close();
            LOG.log(System.Logger.Level.INFO, "shared test KDC stopped, no KDC threads left: {0}", kdc);
        }
    }
}
