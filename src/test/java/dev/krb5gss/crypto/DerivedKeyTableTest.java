package dev.krb5gss.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@link CipherKey}'s derived-key table: one key per id, whatever threads race to derive it. */
class DerivedKeyTableTest {
  private final AesProfile profile =
      (AesProfile) CryptoProfiles.of(EncType.AES256_CTS_HMAC_SHA1_96).orElseThrow();

  @Test
  void racingThreadsGetTheSameDerivedKeysAndTheTableHoldsEachOnce() throws Exception {
    int threads = 8;
    int usages = 9; // more entries than the table starts with: it grows while threads read it
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 200; round++) {
        CipherKey key = profile.randomKey();
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<List<Object>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int offset = t;
          results.add(pool.submit(() -> {
            start.await();
            List<Object> seen = new ArrayList<>();
            for (int u = 0; u < usages; u++) {
              seen.add(profile.usageKeys(key, 1 + (u + offset) % usages));
            }
            return seen;
          }));
        }
        Object[] byUsage = new Object[usages + 1];
        for (int t = 0; t < threads; t++) {
          List<Object> seen = results.get(t).get();
          for (int u = 0; u < usages; u++) {
            int usage = 1 + (u + t) % usages;
            if (byUsage[usage] == null) {
              byUsage[usage] = seen.get(u);
            }
            assertThat(seen.get(u)).isSameAs(byUsage[usage]);
          }
        }
        // the usages' keys and the protocol key they derive from, each once
        assertThat(key.derivedForTest()).hasSize(usages + 1).doesNotHaveDuplicates();
        key.destroy();
        assertThat(key.derivedForTest()).isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
