package dev.krb5gss.interop;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.MessageProp;

/**
 * One gss-sample connection on the server side, step by step as in MIT's {@code sign_server}
 * and {@code server_establish_context}, recording what happened into an {@link AcceptorSession}.
 */
final class SessionRecorder {
  private final GssAcceptor acceptor;
  private final List<String> messages = new ArrayList<>();
  private GSSContext context;
  private boolean established;
  private String clientName;
  private String mechanism;
  private AcceptorSession.ContextFlags flags = AcceptorSession.ContextFlags.NONE;
  private int wrapped;
  private int encrypted;
  private int mics;
  private AcceptFailure failure;

  SessionRecorder(GssAcceptor acceptor) {
    this.acceptor = acceptor;
  }

  void run(DataInputStream in, DataOutputStream out) throws IOException {
    GssSampleToken opening = GssSampleToken.read(in);
    if (!opening.has(GssSampleToken.NOOP)) {
      fail("handshake", new IOException("expected a NOOP token, got flags " + opening.flags()));
      return;
    }
    if (opening.has(GssSampleToken.CONTEXT_NEXT) && !establish(in, out)) {
      return;
    }
    serveMessages(in, out);
  }

  private boolean establish(DataInputStream in, DataOutputStream out) throws IOException {
    try {
      context = acceptor.newContext();
      while (!context.isEstablished()) {
        GssSampleToken token = GssSampleToken.read(in);
        byte[] reply = acceptor.accept(context, token.body());
        if (reply != null && reply.length > 0) {
          GssSampleToken.write(out, GssSampleToken.CONTEXT, reply);
        }
      }
    } catch (GSSException e) {
      fail("accept", e);
      return false;
    }
    recordEstablished();
    return true;
  }

  private void recordEstablished() {
    established = true;
    try {
      clientName = context.getSrcName().toString();
      mechanism = context.getMech().toString();
      flags = new AcceptorSession.ContextFlags(context.getMutualAuthState(),
          context.getReplayDetState(), context.getSequenceDetState(), context.getConfState(),
          context.getIntegState(), context.getCredDelegState());
    } catch (GSSException e) {
      fail("inquire", e);
    }
  }

  private void serveMessages(DataInputStream in, DataOutputStream out) throws IOException {
    while (failure == null) {
      GssSampleToken token = GssSampleToken.read(in);
      if (token.has(GssSampleToken.NOOP)) {
        return;
      }
      if (context == null && token.has(GssSampleToken.WRAPPED | GssSampleToken.ENCRYPTED
          | GssSampleToken.SEND_MIC)) {
        fail("message", new IOException("unauthenticated client requested protection"));
        return;
      }
      try {
        byte[] message = unwrapIfWrapped(token);
        messages.add(new String(message, StandardCharsets.UTF_8));
        reply(out, token, message);
      } catch (GSSException e) {
        fail(token.has(GssSampleToken.WRAPPED) ? "unwrap-or-mic" : "mic", e);
      }
    }
  }

  private byte[] unwrapIfWrapped(GssSampleToken token) throws GSSException {
    if (!token.has(GssSampleToken.WRAPPED)) {
      return token.body();
    }
    MessageProp prop = new MessageProp(0, false);
    byte[] message = context.unwrap(token.body(), 0, token.body().length, prop);
    wrapped++;
    if (prop.getPrivacy()) {
      encrypted++;
    }
    return message;
  }

  private void reply(DataOutputStream out, GssSampleToken token, byte[] message)
      throws GSSException, IOException {
    if (token.has(GssSampleToken.SEND_MIC)) {
      byte[] mic = context.getMIC(message, 0, message.length, new MessageProp(0, false));
      GssSampleToken.write(out, GssSampleToken.MIC, mic);
      mics++;
    } else {
      GssSampleToken.write(out, GssSampleToken.NOOP, new byte[0]);
    }
  }

  void fail(String stage, Exception e) {
    if (failure == null) {
      failure = AcceptFailure.of(stage, e);
    }
  }

  void dispose() {
    if (context != null) {
      try {
        context.dispose();
      } catch (GSSException e) {
        fail("dispose", e);
      }
    }
  }

  AcceptorSession result() {
    return new AcceptorSession(established, Optional.ofNullable(clientName),
        Optional.ofNullable(mechanism), flags, List.copyOf(messages), wrapped, encrypted, mics,
        Optional.ofNullable(failure));
  }
}
