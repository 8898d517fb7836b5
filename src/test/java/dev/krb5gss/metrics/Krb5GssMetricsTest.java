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
import dev.krb5gss.gss.MechOids;
import dev.krb5gss.spnego.NegTokenInit;
import dev.krb5gss.keytab.KeytabCache;
import dev.krb5gss.testkit.GssOids;
import dev.krb5gss.testkit.JaasLogins;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.testkit.MutableClock;
import dev.krb5gss.testkit.Subjects;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

  private MeterProbe meters;

  @BeforeAll
  static void realm(KdcPrincipals kdcNames) throws Exception {
    names = kdcNames;
    service = names.addService("HTTP");
    alice = names.kdc().login(names.addUser("alice-metrics", "pw"), "pw");
    keytab = names.keytab(service);
  }

  @BeforeEach
  void bind() {
    meters = MeterProbe.bind();
  }

  @AfterEach
  void unbind() {
    meters.close();
  }

  private double accepts(String mechanism, String outcome, String reason) {
    return meters.accepts(mechanism, outcome, reason);
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
    long[] timer = meters.duration("krb5", "established");
    assertThat(timer[0]).isEqualTo(1);
    assertThat(timer[1]).isPositive();
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

  /** A first SPNEGO leg that lists NTLM first: the acceptor asks for Kerberos and holds a slot. */
  private static ServerContext halfOpen(PendingContextStore store, String key, String client)
      throws RejectedException {
    ServerContext ctx = store.begin(key, client);
    byte[] ntlmFirst = NegTokenInit.encode(List.of(MechOids.NTLM, MechOids.KRB5),
        "NTLMSSP\0\1\0\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), null);
    assertThat(ctx.accept(ntlmFirst).status()).isEqualTo(AcceptStatus.CONTINUE_NEEDED);
    return ctx;
  }

  private double count(String name) {
    return meters.functionCounter(name);
  }

  @Test
  void pendingGaugeAndExpiredEvictedAndRefusedCounters() throws Exception {
    MutableClock clock = MutableClock.startingNow();
    Acceptor acceptor = Acceptor.builder().keytab(keytab).clock(clock).maxPending(2)
        .maxPendingPerKey(1).legTimeout(Duration.ofSeconds(5)).build();
    PendingContextStore store = acceptor.pendingContexts();
    double pending = meters.gauge("krb5gss.pending");
    double expired = count("krb5gss.pending.expired");
    double evicted = count("krb5gss.pending.evicted");
    double refused = count("krb5gss.pending.refused");

    halfOpen(store, "conn-1", "10.0.0.1");
    assertThat(meters.gauge("krb5gss.pending")).isEqualTo(pending + 1);
    ServerContext second = store.begin("conn-2", "10.0.0.1");
    assertThatThrownBy(() -> halfOpen(store, "conn-2", "10.0.0.1"))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PENDING));
    assertThat(count("krb5gss.pending.refused")).isEqualTo(refused + 1);
    halfOpen(store, "conn-3", "10.0.0.2");
    halfOpen(store, "conn-4", "10.0.0.3"); // full: the oldest is evicted
    assertThat(count("krb5gss.pending.evicted")).isEqualTo(evicted + 1);

    clock.advance(Duration.ofSeconds(6));
    assertThat(store.sweep()).isEqualTo(2);
    assertThat(meters.gauge("krb5gss.pending")).isEqualTo(pending);
    assertThat(count("krb5gss.pending.expired")).isEqualTo(expired + 2);
    assertThat(second.state()).isNotNull();
  }

  @Test
  void replayEntriesGrowWithEachAcceptedAuthenticator() throws Exception {
    Acceptor acceptor = Acceptor.builder().keytab(keytab).build();
    double before = meters.gauge("krb5gss.replay.entries");
    try (JdkInitiator init = krb5()) {
      acceptor.newContext().accept(init.firstToken());
    }
    assertThat(meters.gauge("krb5gss.replay.entries")).isEqualTo(before + 1);
  }

  @Test
  void kvnoGaugePerServiceSlotAndReloadCounter(@TempDir Path dir) throws Exception {
    Path copy = Files.copy(keytab, dir.resolve("http.keytab"));
    Acceptor acceptor = Acceptor.builder().keytab(copy).build();
    int kvno = acceptor.keys().current().keys().get(0).kvno();
    meters.gauge("krb5gss.pending"); // a publication picks up the new acceptor

    assertThat(meters.gauges("krb5gss.keytab.kvno", "service", "HTTP")).contains((double) kvno);
    assertThat(meters.tagsOf("krb5gss.keytab.kvno")).isNotEmpty()
        .allSatisfy(t -> assertThat(t).matches("(service|index)=[^@/]+"));

    double reloads = meters.functionCounter("krb5gss.keytab.reloads");
    Files.setLastModifiedTime(copy, FileTime.from(Instant.now().plusSeconds(60)));
    KeytabCache.load(copy);
    assertThat(meters.functionCounter("krb5gss.keytab.reloads")).isEqualTo(reloads + 1);
  }

  @Test
  void closedBinderStopsCounting() throws Exception {
    Acceptor acceptor = Acceptor.builder().keytab(keytab).build();
    meters.close();
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
