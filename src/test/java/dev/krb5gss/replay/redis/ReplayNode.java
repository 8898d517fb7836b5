package dev.krb5gss.replay.redis;

import dev.krb5gss.context.AcceptStatus;
import dev.krb5gss.context.Acceptor;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.replay.ReplayCaches;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One cluster node in a JVM of its own: an {@link Acceptor} on a keytab with the replay cache a
 * URI names, driven line by line on stdin by {@link NodeProcess}. Commands:
 * {@code ACCEPT <base64 token>} answers {@code OK <µs>} or {@code REJECTED <REASON> <µs>};
 * {@code RACE <threads> <epoch ms> <base64 token>} makes that many threads accept the same token
 * from that instant and answers {@code RACED <accepted> <replays> <other>}; {@code QUIT}.
 */
public final class ReplayNode {
  private ReplayNode() {}

  public static void main(String[] args) throws Exception {
    Path keytab = Path.of(args[0]);
    String uri = args[1];
    Acceptor acceptor = Acceptor.builder().keytab(keytab).replayCache(ReplayCaches.fromUri(uri))
        .build();
    if (ReplayCaches.fromUri(uri) instanceof RedisReplayCache) {
      ((RedisReplayCache) ReplayCaches.fromUri(uri)).awaitAvailable(Duration.ofSeconds(10));
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    out.println("READY");
    ExecutorService pool = Executors.newCachedThreadPool();
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] words = line.split(" ");
      switch (words[0]) {
        case "ACCEPT":
          out.println(accept(acceptor, Base64.getDecoder().decode(words[1])));
          break;
        case "RACE":
          out.println(race(pool, acceptor, Integer.parseInt(words[1]), Long.parseLong(words[2]),
              Base64.getDecoder().decode(words[3])));
          break;
        case "QUIT":
          pool.shutdownNow();
          out.println("BYE");
          System.exit(0);
          break;
        default:
          out.println("ERROR unknown command " + words[0]);
      }
    }
    System.exit(0);
  }

  /** {@code OK <µs>} or {@code REJECTED <REASON> <µs>}. */
  static String accept(Acceptor acceptor, byte[] token) {
    long t0 = System.nanoTime();
    String outcome;
    try {
      AcceptStatus status = acceptor.newContext().accept(token).status();
      outcome = status == AcceptStatus.COMPLETE ? "OK" : "UNEXPECTED " + status;
    } catch (RejectedException e) {
      outcome = "REJECTED " + e.reason();
    } catch (RuntimeException e) {
      outcome = "FAULT " + e.getClass().getSimpleName();
    }
    return outcome + " " + (System.nanoTime() - t0) / 1000;
  }

  /** {@code threads} threads accept {@code token} from {@code startAt} (epoch ms) on. */
  static String race(ExecutorService pool, Acceptor acceptor, int threads, long startAt,
      byte[] token) throws Exception {
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      results.add(pool.submit(() -> {
        while (System.currentTimeMillis() < startAt) {
          Thread.onSpinWait();
        }
        return accept(acceptor, token);
      }));
    }
    int ok = 0;
    int replays = 0;
    int other = 0;
    for (Future<String> f : results) {
      String r = f.get();
      if (r.startsWith("OK ")) {
        ok++;
      } else if (r.startsWith("REJECTED REPLAY ")) {
        replays++;
      } else {
        other++;
      }
    }
    return "RACED " + ok + " " + replays + " " + other;
  }
}
