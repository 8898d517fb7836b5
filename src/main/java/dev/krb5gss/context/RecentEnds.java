package dev.krb5gss.context;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why recent negotiations left the store without finishing (expired or evicted), by key, so the
 * client's late next leg is told its own reason. Bounded in count ({@code max}, oldest forgotten
 * first) and in time (a note older than the leg timeout is forgotten: past it the answer would
 * be "expired" anyway). Not thread-safe: the store's lock guards it.
 */
final class RecentEnds {
  private final int max;
  private final LinkedHashMap<Object, Note> notes = new LinkedHashMap<>();

  RecentEnds(int max) {
    this.max = max;
  }

  void note(Object key, PendingLookup.Status why, Instant at) {
    notes.remove(key);
    notes.put(key, new Note(why, at));
    if (notes.size() > max) {
      Iterator<Object> eldest = notes.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
  }

  /** The reason noted under {@code key} (and forgets it), or null. */
  PendingLookup.Status take(Object key) {
    Note note = notes.remove(key);
    return note == null ? null : note.why;
  }

  /** Forgets the notes taken before {@code cutoff}. */
  void forgetBefore(Instant cutoff) {
    Iterator<Map.Entry<Object, Note>> it = notes.entrySet().iterator();
    while (it.hasNext() && it.next().getValue().at.isBefore(cutoff)) {
      it.remove();
    }
  }

  int size() {
    return notes.size();
  }

  private static final class Note {
    final PendingLookup.Status why;
    final Instant at;

    Note(PendingLookup.Status why, Instant at) {
      this.why = why;
      this.at = at;
    }
  }
}
