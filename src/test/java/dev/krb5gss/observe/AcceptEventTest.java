package dev.krb5gss.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.context.AcceptStatus;
import dev.krb5gss.context.Acceptor;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.security.auth.Subject;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code dev.krb5gss.Accept} Flight Recorder event from real accepts (tickets from the test
 * KDC, tokens from the JDK's initiators), read back from a dumped recording; and the observer
 * hook that feeds metrics.
 */
@ExtendWith(KdcExtension.class)
class AcceptEventTest {
  private static String user;
  private static Subject alice;
  private static KdcPrincipals names;
  private static Acceptor acceptor;

  @BeforeAll
  static void realm(KdcPrincipals kdcNames) throws Exception {
    names = kdcNames;
    String service = names.addService("HTTP");
    user = names.addUser("alice-jfr", "pw");
    alice = names.kdc().login(user, "pw");
    acceptor = Acceptor.builder().keytab(names.keytab(service)).build();
  }

  @AfterEach
  void clearProperty() {
    System.clearProperty("krb5gss.jfr.clientPrincipal");
  }

  private byte[] spnegoToken() throws Exception {
    try (JdkInitiator init = JdkInitiator.to(names.hostbased("HTTP")).spnego().start(alice)) {
      return init.firstToken();
    }
  }

  private List<RecordedEvent> record(Path dir, ThrowingRunnable accepts) throws Exception {
    Path file = dir.resolve("accepts.jfr");
    try (Recording r = new Recording()) {
      r.enable(AcceptEvent.NAME);
      r.start();
      accepts.run();
      r.stop();
      r.dump(file);
    }
    return RecordingFile.readAllEvents(file).stream()
        .filter(e -> e.getEventType().getName().equals(AcceptEvent.NAME))
        .collect(Collectors.toList());
  }

  @Test
  void oneEventPerLegWithOutcomeReasonEnctypeAndNoClientByDefault(@TempDir Path dir)
      throws Exception {
    byte[] token = spnegoToken();
    List<RecordedEvent> events = record(dir, () -> {
      assertThat(acceptor.newContext().accept(token).status()).isEqualTo(AcceptStatus.COMPLETE);
      assertThatThrownBy(() -> acceptor.newContext().accept(token))
          .isInstanceOfSatisfying(RejectedException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.REPLAY));
    });

    assertThat(events).hasSize(2);
    RecordedEvent ok = events.get(0);
    assertThat(ok.getString("mechanism")).isEqualTo("spnego");
    assertThat(ok.getString("outcome")).isEqualTo("established");
    assertThat(ok.getString("reason")).isEqualTo("none");
    assertThat(ok.getString("encType")).startsWith("aes");
    assertThat(ok.getString("clientPrincipal")).isNull();
    assertThat(ok.getDuration().toNanos()).isPositive();
    RecordedEvent replay = events.get(1);
    assertThat(replay.getString("outcome")).isEqualTo("rejected");
    assertThat(replay.getString("reason")).isEqualTo("REPLAY");
    assertThat(replay.getStackTrace()).isNull();
  }

  @Test
  void clientPrincipalOnlyWhenTheSettingEnablesIt(@TempDir Path dir) throws Exception {
    System.setProperty("krb5gss.jfr.clientPrincipal", "true");
    byte[] token = spnegoToken();
    List<RecordedEvent> events = record(dir, () -> acceptor.newContext().accept(token));

    assertThat(events).singleElement()
        .satisfies(e -> assertThat(e.getString("clientPrincipal")).isEqualTo(user));
  }

  @Test
  void observersGetEveryLegAndNothingListensOnceClosed() throws Exception {
    List<AcceptLeg> legs = new ArrayList<>();
    byte[] token = spnegoToken();
    try (AcceptObservers.Registration handle = AcceptObservers.register(legs::add)) {
      acceptor.newContext().accept(token);
      assertThatThrownBy(() -> acceptor.newContext().accept(new byte[] {0x60, 0x01}))
          .isInstanceOf(RejectedException.class);
    }
    acceptor.newContext().accept(spnegoToken());

    assertThat(legs).hasSize(2);
    assertThat(legs.get(0).outcome()).isEqualTo(Outcome.ESTABLISHED);
    assertThat(legs.get(0).client()).hasValueSatisfying(p -> assertThat(p.toString()).isEqualTo(user));
    assertThat(legs.get(1).mechanism()).isEqualTo(Mechanism.UNKNOWN);
    assertThat(legs.get(1).reason()).contains(Reason.MALFORMED_TOKEN);
    assertThat(LegProbe.start()).as("no observer, no recording: no probe").isNull();
  }

  @Test
  void aFailingObserverNeverFailsTheAuthentication() throws Exception {
    byte[] token = spnegoToken();
    try (AcceptObservers.Registration handle = AcceptObservers.register(leg -> {
      throw new IllegalStateException("observer bug");
    })) {
      assertThat(acceptor.newContext().accept(token).status()).isEqualTo(AcceptStatus.COMPLETE);
    }
  }

  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
