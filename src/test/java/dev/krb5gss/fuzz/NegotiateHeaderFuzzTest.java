package dev.krb5gss.fuzz;

import static dev.krb5gss.fuzz.FuzzSupport.check;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.krb5gss.context.AcceptResult;
import dev.krb5gss.context.Acceptor;
import dev.krb5gss.context.ServerContext;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.replay.InMemoryReplayCache;
import dev.krb5gss.web.NegotiateHeader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What an unauthenticated HTTP client controls first: the {@code Authorization} header value
 * (RFC 4559 §4, RFC 7235 §2.1), parsed by {@link NegotiateHeader} and, when it carries a token,
 * handed to a fresh {@link ServerContext} from the store, as the web adapters do (SPNEGO or
 * Kerberos, whichever the token is).
 *
 * <p>Invariants: only {@link RejectedException}; the decoded token is at most 3/4 of the header;
 * allocation bounded by the header size; after a rejection nothing is left pending in the store
 * and the replay cache is empty.
 */
class NegotiateHeaderFuzzTest {
  static {
    Warmup.run(() -> new NegotiateHeaderFuzzTest().authorization(("Negotiate "
        + java.util.Base64.getEncoder().encodeToString(KerberosFixture.AP_REQ.gssToken()))
        .getBytes(StandardCharsets.ISO_8859_1)));
  }

  /** The header's bytes as ISO-8859-1 (what servlet containers hand over for header bytes). */
  @FuzzTest
  void authorization(byte[] headerBytes) throws Exception {
    String header = new String(headerBytes, StandardCharsets.ISO_8859_1);
    InMemoryReplayCache[] cache = new InMemoryReplayCache[1];
    Acceptor[] acceptor = new Acceptor[1];
    try {
      FuzzSupport.allocationBound(headerBytes.length, 24, 512 * 1024, () -> {
        cache[0] = new InMemoryReplayCache(KerberosFixture.CLOCK, 1000);
        acceptor[0] = Acceptor.builder().keys(KerberosFixture.KEYS)
            .clock(KerberosFixture.CLOCK).replayCache(cache[0]).build();
        Optional<byte[]> token = NegotiateHeader.parse(header, 64 * 1024);
        if (token.isEmpty()) {
          return;
        }
        check(token.get().length <= header.length() * 3 / 4, "a token of "
            + token.get().length + " bytes from a header of " + header.length() + " characters");
        ServerContext context = acceptor[0].pendingContexts().begin("connection", "client");
        AcceptResult result = context.accept(token.get());
        check(result.status() != null, "no status");
      });
    } catch (RejectedException e) {
      check(cache[0].size() == 0, "a rejected token (" + e.reason()
          + ") entered the replay cache");
      check(acceptor[0].pendingContexts().pendingCount() == 0,
          "a rejected token (" + e.reason() + ") left a negotiation pending in the store");
    } finally {
      if (acceptor[0] != null) {
        acceptor[0].pendingContexts().remove("connection");
      }
    }
  }
}
