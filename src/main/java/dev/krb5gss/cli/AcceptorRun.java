package dev.krb5gss.cli;

import dev.krb5gss.ap.ApEstablished;
import dev.krb5gss.context.AcceptResult;
import dev.krb5gss.context.AcceptStatus;
import dev.krb5gss.context.Acceptor;
import dev.krb5gss.context.ContextState;
import dev.krb5gss.context.ServerContext;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs krb5gss's acceptor (the plain API, default policy) on one token with a keytab and reports
 * what a service with that keytab would do: accept (client, enctype, kvno, flags) or refuse
 * (the {@link Reason} and its message, which names what was expected and what arrived).
 */
final class AcceptorRun {
  private AcceptorRun() {}

  /**
   * @param replayCacheOff true to accept a token already seen (diagnosing a captured header)
   */
  static void run(Path keytab, byte[] token, Duration maxSkew, boolean replayCacheOff,
      Report r) {
    Map<String, Object> verdict = new LinkedHashMap<>();
    r.put("acceptor", verdict);
    ServerContext ctx;
    try {
      Acceptor.Builder b = Acceptor.builder().keytab(keytab).maxSkew(maxSkew);
      if (replayCacheOff) {
        b.replayCache(new NoReplayCache());
      }
      ctx = b.build().newContext();
    } catch (RejectedException e) {
      verdict.put("result", "rejected");
      verdict.put("reason", e.reason().name());
      r.add(Finding.error(e.reason().name(), e.detail()));
      return;
    }
    try {
      AcceptResult result = ctx.accept(token);
      if (ctx.state() == ContextState.ESTABLISHED || result.status()
          == AcceptStatus.COMPLETE_AND_CONTINUE) {
        established(ctx, result.status(), verdict, r);
      } else {
        verdict.put("result", "continue");
        r.line("Acceptor: needs another leg from the client (" + result.status()
            + "): it would ask for a Kerberos token");
      }
    } catch (RejectedException e) {
      verdict.put("result", "rejected");
      verdict.put("reason", e.reason().name());
      verdict.put("message", e.detail());
      r.line("Acceptor: REJECTED " + e.reason().name());
      r.add(Finding.error(e.reason().name(), e.detail()
          + (e.reason() == Reason.CLOCK_SKEW ? " (a header captured earlier ages too: explain"
              + " a fresh one, or widen --max-skew)" : "")));
    } finally {
      ctx.dispose();
    }
  }

  private static void established(ServerContext ctx, AcceptStatus status,
      Map<String, Object> verdict, Report r) throws RejectedException {
    if (status == AcceptStatus.COMPLETE_AND_CONTINUE) {
      verdict.put("result", "established");
      verdict.put("note", "SPNEGO still expects the client's mechListMIC");
      r.line("Acceptor: Kerberos verified; SPNEGO waits for the client's mechListMIC");
      return;
    }
    ApEstablished est = ctx.established();
    verdict.put("result", "established");
    verdict.put("client", est.client().toString());
    verdict.put("service", est.service().toString());
    verdict.put("enctype", est.ticketEncType().mitName());
    verdict.put("kvno", est.kvno());
    verdict.put("flags", est.flags().stream().map(Enum::name).collect(Collectors.toList()));
    verdict.put("ticketEnd", est.endTime().toString());
    r.line("Acceptor: ESTABLISHED client " + est.client() + " for " + est.service() + " with "
        + est.ticketEncType().mitName() + " kvno " + est.kvno() + ", flags " + est.flags());
  }
}
