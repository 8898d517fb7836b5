package dev.krb5gss.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;

/**
 * The outcome an interop case expects from each acceptor: accepted, or rejected with a fragment
 * that the acceptor's failure (as logged, {@link AcceptFailure#logLine()}) must contain. Where the
 * JDK's acceptor behaves differently from krb5gss, the difference is written here, not hidden.
 */
public final class Expected {
  private final Map<AcceptorUnderTest, String> rejections = new EnumMap<>(AcceptorUnderTest.class);
  private final Map<AcceptorUnderTest, Boolean> accepts = new EnumMap<>(AcceptorUnderTest.class);

  private Expected() {}

  /** Every acceptor accepts. */
  public static Expected acceptedByAll() {
    Expected expected = new Expected();
    for (AcceptorUnderTest acceptor : AcceptorUnderTest.values()) {
      expected.accepts.put(acceptor, true);
    }
    return expected;
  }

  /** Starts an expectation listing each acceptor's outcome. */
  public static Expected of() {
    return new Expected();
  }

  /** The acceptor accepts. */
  public Expected accepted(AcceptorUnderTest acceptor) {
    accepts.put(acceptor, true);
    return this;
  }

  /** The acceptor rejects, and its logged failure contains {@code reason}. */
  public Expected rejected(AcceptorUnderTest acceptor, String reason) {
    accepts.put(acceptor, false);
    rejections.put(acceptor, reason);
    return this;
  }

  /** Whether the acceptor is expected to accept. */
  public boolean accepts(AcceptorUnderTest acceptor) {
    Boolean accepts = this.accepts.get(acceptor);
    if (accepts == null) {
      throw new IllegalStateException("no expectation written for " + acceptor);
    }
    return accepts;
  }

  /** Asserts that a session ended as expected for its acceptor. */
  public void verify(AcceptorUnderTest acceptor, AcceptorSession session) {
    if (accepts(acceptor)) {
      assertThat(session.failure()).as("failure of %s", acceptor).isEmpty();
      assertThat(session.established()).isTrue();
    } else {
      assertThat(session.established()).as("established by %s", acceptor).isFalse();
      assertThat(session.requireFailure().logLine()).as("logged reason of %s", acceptor)
          .contains(rejections.get(acceptor));
    }
  }
}
