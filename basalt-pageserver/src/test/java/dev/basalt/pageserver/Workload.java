package dev.basalt.pageserver;

import dev.basalt.disagg.CommitRecord;
import dev.basalt.disagg.Mutation;
import dev.basalt.disagg.WalLog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A seeded random stream of commits over a small key space: puts, overwrites and deletes. */
final class Workload {

    private final Random random;
    private final int keySpace;
    private long clockMicros = 1_700_000_000_000_000L;

    Workload(long seed, int keySpace) {
        this.random = new Random(seed);
        this.keySpace = keySpace;
    }

    static byte[] key(int i) { return ("k%05d".formatted(i)).getBytes(StandardCharsets.UTF_8); }

    byte[] randomKey() { return key(random.nextInt(keySpace)); }

    CommitRecord nextCommit() {
        int n = 1 + random.nextInt(4);
        List<Mutation> ms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] key = randomKey();
            byte[] value = random.nextInt(5) == 0 ? null : ("v" + random.nextInt(1_000_000) + "-" + "x".repeat(random.nextInt(40)))
                    .getBytes(StandardCharsets.UTF_8);
            ms.add(new Mutation(key, value));
        }
        clockMicros += 1000 + random.nextInt(1000);
        return new CommitRecord(clockMicros, ms);
    }

    /** Appends {@code count} commits; returns the last LSN. */
    long append(WalLog log, int count) {
        long lsn = 0;
        for (int i = 0; i < count; i++) lsn = log.append(nextCommit().encode());
        return lsn;
    }

    Random random() { return random; }
}
