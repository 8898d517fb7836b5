package dev.krb5gss.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.Krb5GssProvider;
import dev.krb5gss.context.AcceptResult;
import dev.krb5gss.context.AcceptStatus;
import dev.krb5gss.context.Acceptor;
import dev.krb5gss.context.LiveAcceptors;
import dev.krb5gss.context.PendingContextStore;
import dev.krb5gss.context.ServerContext;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.keytab.KeytabCache;
import dev.krb5gss.testkit.GssOids;
import dev.krb5gss.testkit.JaasLogins;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.testkit.MutableClock;
import dev.krb5gss.testkit.Subjects;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import javax.security.auth.Subject;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.Oid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Krb5GssMetrics over real negotiations: tickets from the test KDC, tokens from the JDK's
 * initiators, accepted through the plain API and through the provider. Gauges and counters span
 * every acceptor of the test JVM, so assertions compare before and after.
 */
@ExtendWith(KdcExtension.class)
class Krb5GssMetricsTest {
  private static KdcPrincipals names;
  private static String service;
  private static Subject alice;
  private static Path keytab;

  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final Krb5GssMetrics metrics = new Krb5GssMetrics();

  @BeforeAll
  static void realm(KdcPrincipals kdcNames) throws Exception {
    names = kdcNames;
    service = names.addService("HTTP");
    alice = names.kdc().login(names.addUser("alice-metrics", "pw"), "pw");
    keytab = names.keytab(service);
  }

  @BeforeEach
  void bind() {
    metrics.bindTo(registry);
  }

  @AfterEach
  void unbind() {
    metrics.close();
  }

  private double accepts(String mechanism, String outcome, String reason) {
    var c = registry.find("krb5gss.accepts").tag("mechanism", mechanism).tag("outcome", outcome)
        .tag("reason", reason).counter();
    return c == null ? 0 : c.count();
  }

  private RequiredSearch get(String name) {
    return registry.get(name);
  }

  private JdkInitiator krb5() throws Exception {
    return JdkInitiator.to(names.hostbased("HTTP")).start(alice);
  }

  @Test
  void countsAndTimesEstablishedAndRejectedLegsOfThePlainApi() throws Exception {
    Acceptor acceptor = Acceptor.builder().keytab(keytab).build();
    byte[] token;
    try (JdkInitiator init = krb5()) {
      token = init.firstToken();
      assertThat(acceptor.newContext().accept(token).status()).isEqualTo(AcceptStatus.COMPLETE);
    }
    assertThatThrownBy(() -> acceptor.newContext().accept(token))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.REPLAY));

    assertThat(accepts("krb5", "established", "none")).isEqualTo(1);
    assertThat(accepts("krb5", "rejected", "REPLAY")).isEqualTo(1);
    var timer = get("krb5gss.accept.duration").tag("mechanism", "krb5")
        .tag("outcome", "established").timer();
    assertThat(timer.count()).isEqualTo(1);
    assertThat(timer.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
  }

  @Test
  void spnegoLegsAndRefusedNtlmAreTaggedByMechanism() throws Exception {
    Acceptor acceptor = Acceptor.builder().keytab(keytab).build();
    try (JdkInitiator init = JdkInitiator.to(names.hostbased("HTTP")).spnego().start(alice)) {
      acceptor.newContext().accept(init.firstToken());
    }
    byte[] ntlmssp = "NTLMSSP\0\1\0\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> acceptor.newContext().accept(ntlmssp))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NTLM_OFFERED));

    assertThat(accepts("spnego", "established", "none")).isEqualTo(1);
    assertThat(accepts("unknown", "rejected", "NTLM_OFFERED")).isEqualTo(1);
  }

  @Test
  void countsLegsOfTheProvidersAcceptors() throws Exception {
    Krb5GssProvider.install();
    try {
      Subject server = JaasLogins.acceptor(keytab, service);
      GSSContext ctx = Subjects.callAs(server, () -> {
        GSSManager m = GSSManager.getInstance();
        GSSCredential cred = m.createCredential(null, GSSCredential.INDEFINITE_LIFETIME,
            new Oid[] {GssOids.SPNEGO, GssOids.KRB5}, GSSCredential.ACCEPT_ONLY);
        return m.createContext(cred);
      });
      try (JdkInitiator init = JdkInitiator.to(names.hostbased("HTTP")).spnego().start(alice)) {
        byte[] first = init.firstToken();
        Subjects.callAs(server, () -> ctx.acceptSecContext(first, 0, first.length));
      }
      assertThat(ctx.isEstablished()).isTrue();
      assertThat(accepts("spnego", "established", "none")).isEqualTo(1);
    } finally {
      Krb5GssProvider.uninstall();
    }
  }

  @Test
  void pendingGaugeAndExpiredAndRefusedCounters() throws Exception {
    MutableClock clock = MutableClock.startingNow();
    Acceptor acceptor = Acceptor.builder().keytab(keytab).clock(clock).maxPending(1)
        .maxPendingPerKey(1).legTimeout(Duration.ofSeconds(5)).build();
    PendingContextStore store = acceptor.pendingContexts();
    double pending = get("krb5gss.pending").gauge().value();
    double expired = get("krb5gss.pending.expired").functionCounter().count();
    double refused = get("krb5gss.pending.refused").functionCounter().count();

    store.begin("conn-1");
    assertThat(get("krb5gss.pending").gauge().value()).isEqualTo(pending + 1);
    assertThatThrownBy(() -> store.begin("conn-2"))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PENDING));
    assertThat(get("krb5gss.pending.refused").functionCounter().count()).isEqualTo(refused + 1);

    clock.advance(Duration.ofSeconds(6));
    assertThat(store.sweep()).isEqualTo(1);
    assertThat(get("krb5gss.pending").gauge().value()).isEqualTo(pending);
    assertThat(get("krb5gss.pending.expired").functionCounter().count()).isEqualTo(expired + 1);
  }

  @Test
  void replayEntriesGrowWithEachAcceptedAuthenticator() throws Exception {
    Acceptor acceptor = Acceptor.builder().keytab(keytab).build();
    double before = get("krb5gss.replay.entries").gauge().value();
    try (JdkInitiator init = krb5()) {
      acceptor.newContext().accept(init.firstToken());
    }
    assertThat(get("krb5gss.replay.entries").gauge().value()).isEqualTo(before + 1);
  }

  @Test
  void kvnoGaugePerServiceSlotAndReloadCounter(@TempDir Path dir) throws Exception {
    Path copy = Files.copy(keytab, dir.resolve("http.keytab"));
    Acceptor acceptor = Acceptor.builder().keytab(copy).build();
    int kvno = acceptor.keys().current().keys().get(0).kvno();
    get("krb5gss.pending").gauge().value(); // a publication picks up the new acceptor

    assertThat(registry.find("krb5gss.keytab.kvno").tag("service", "HTTP").gauges())
        .anySatisfy(g -> assertThat(g.value()).isEqualTo(kvno));
    assertThat(registry.find("krb5gss.keytab.kvno").gauges())
        .allSatisfy(g -> assertThat(g.getId().getTags().toString()).doesNotContain("@"));

    double reloads = get("krb5gss.keytab.reloads").functionCounter().count();
    Files.setLastModifiedTime(copy, FileTime.from(Instant.now().plusSeconds(60)));
    KeytabCache.load(copy);
    assertThat(get("krb5gss.keytab.reloads").functionCounter().count()).isEqualTo(reloads + 1);
  }

  @Test
  void closedBinderStopsCounting() throws Exception {
    Acceptor acceptor = Acceptor.builder().keytab(keytab).build();
    metrics.close();
    try (JdkInitiator init = krb5()) {
      AcceptResult r = acceptor.newContext().accept(init.firstToken());
      assertThat(r.status()).isEqualTo(AcceptStatus.COMPLETE);
    }
    assertThat(accepts("krb5", "established", "none")).isZero();
  }

  @Test
  void theLiveRegistryDoesNotKeepAcceptorsAlive() throws Exception {
    WeakReference<Acceptor> ref = new WeakReference<>(Acceptor.builder().keytab(keytab).build());
    assertThat(LiveAcceptors.snapshot()).contains(ref.get());
    for (int i = 0; i < 50 && ref.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertThat(ref.get()).isNull();
  }
}
