package dev.krb5gss.context;

import java.time.Instant;
import java.util.HashMap;

/**
 * The bookkeeping behind {@link PendingContextStore}: which negotiations hold a slot, in deadline
 * order overall and per client key, and which client key holds the most slots. Every structure
 * here grows and shrinks with the held entries only (intrusive lists, one map entry per held
 * negotiation and per client key holding one), so nothing outlives the negotiation that needed
 * it. All operations are O(1). Not thread-safe: the store's lock guards it.
 */
final class PendingSlots {
  private final HashMap<Object, PendingEntry> byKey = new HashMap<>();
  private final HashMap<Object, Client> byClient = new HashMap<>();
  /** Clients by slot count: heads[c] .. tails[c] hold the clients with c slots, oldest first. */
  private final Client[] heads;
  private final Client[] tails;
  private int heaviest;
  private PendingEntry oldest;
  private PendingEntry newest;
  private int size;

  PendingSlots(int maxPerClient) {
    this.heads = new Client[maxPerClient + 1];
    this.tails = new Client[maxPerClient + 1];
  }

  int size() {
    return size;
  }

  /** Map entries in use (held negotiations plus client keys holding one); for tests. */
  int footprint() {
    return byKey.size() + byClient.size();
  }

  PendingEntry get(Object key) {
    return byKey.get(key);
  }

  /** Slots {@code clientKey} holds. */
  int count(Object clientKey) {
    Client c = byClient.get(clientKey);
    return c == null ? 0 : c.count;
  }

  /** Appends {@code e} as the newest entry (its deadline is the latest); the key must be free. */
  void add(PendingEntry e, Instant deadline) {
    e.deadline = deadline;
    byKey.put(e.key, e);
    Client c = byClient.computeIfAbsent(e.clientKey, Client::new);
    e.client = c;
    e.prev = newest;
    if (newest == null) {
      oldest = e;
    } else {
      newest.next = e;
    }
    newest = e;
    e.clientPrev = c.newest;
    if (c.newest == null) {
      c.oldest = e;
    } else {
      c.newest.clientNext = e;
    }
    c.newest = e;
    moveBucket(c, c.count + 1);
    size++;
  }

  /** Unlinks {@code e}, which must be held. */
  void remove(PendingEntry e) {
    byKey.remove(e.key, e);
    if (e.prev == null) {
      oldest = e.next;
    } else {
      e.prev.next = e.next;
    }
    if (e.next == null) {
      newest = e.prev;
    } else {
      e.next.prev = e.prev;
    }
    Client c = e.client;
    if (e.clientPrev == null) {
      c.oldest = e.clientNext;
    } else {
      e.clientPrev.clientNext = e.clientNext;
    }
    if (e.clientNext == null) {
      c.newest = e.clientPrev;
    } else {
      e.clientNext.clientPrev = e.clientPrev;
    }
    e.prev = e.next = e.clientPrev = e.clientNext = null;
    e.client = null;
    moveBucket(c, c.count - 1);
    if (c.count == 0) {
      byClient.remove(c.key);
    }
    size--;
  }

  /** The entry whose deadline comes first, or null. */
  PendingEntry oldest() {
    return oldest;
  }

  /**
   * The eviction victim: the oldest entry of the client key holding the most slots when that key
   * holds more than one, else the oldest entry overall. Null when nothing is held.
   */
  PendingEntry victim() {
    return heaviest > 1 ? heads[heaviest].oldest : oldest;
  }

  /** Moves {@code c} from the bucket of its count to that of {@code count}. */
  private void moveBucket(Client c, int count) {
    if (c.count > 0) {
      unlinkBucket(c);
    }
    c.count = count;
    if (count > 0) {
      c.bucketPrev = tails[count];
      c.bucketNext = null;
      if (tails[count] == null) {
        heads[count] = c;
      } else {
        tails[count].bucketNext = c;
      }
      tails[count] = c;
    }
    if (count > heaviest) {
      heaviest = count;
    }
    while (heaviest > 0 && heads[heaviest] == null) {
      heaviest--;
    }
  }

  private void unlinkBucket(Client c) {
    if (c.bucketPrev == null) {
      heads[c.count] = c.bucketNext;
    } else {
      c.bucketPrev.bucketNext = c.bucketNext;
    }
    if (c.bucketNext == null) {
      tails[c.count] = c.bucketPrev;
    } else {
      c.bucketNext.bucketPrev = c.bucketPrev;
    }
    c.bucketPrev = c.bucketNext = null;
  }

  /** One client key holding at least one slot. */
  static final class Client {
    final Object key;
    int count;
    PendingEntry oldest;
    PendingEntry newest;
    Client bucketPrev;
    Client bucketNext;

    Client(Object key) {
      this.key = key;
    }
  }
}
