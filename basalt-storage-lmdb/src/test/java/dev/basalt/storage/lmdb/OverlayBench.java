package dev.basalt.storage.lmdb;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * CPU of the overlay's operations in the shape of sysbench write_only on 100,000 rows: per
 * transaction 12 point lookups and 8 adds (row and secondary-index keys), a checkpoint and prune
 * every 150 transactions. Thread CPU time, so that a busy machine does not count. Not part of the
 * normal build: {@code mvn -o -q -pl basalt-storage-lmdb -am test -Dtest=OverlayBench
 * -Dsurefire.failIfNoSpecifiedTests=false -Dbasalt.bench=true}, or run it as a main class.
 */
class OverlayBench {

    @Test
    @EnabledIfSystemProperty(named = "basalt.bench", matches = "true")
    void run() {
        main(new String[0]);
    }

    public static void main(String[] args) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int txs = 400_000;
        for (int round = 0; round < 8; round++) {
            Overlay overlay = new Overlay(0);
            Random random = new Random(1);
            long sequence = 0;
            long sink = 0;
            long start = mx.getCurrentThreadCpuTime();
            for (int tx = 0; tx < txs; tx++) {
                for (int i = 0; i < 12; i++) {
                    Overlay.Version v = overlay.head(key(random.nextInt(100_000), i & 1));
                    if (v != null) sink += v.sequence;
                }
                sequence++;
                for (int i = 0; i < 8; i++) overlay.add(key(random.nextInt(100_000), i & 1), sequence, new byte[120]);
                if (tx % 150 == 0) {
                    overlay.markApplied(sequence);
                    overlay.prune();
                }
            }
            long nanos = mx.getCurrentThreadCpuTime() - start;
            System.out.printf("round %d: %.0f ns of CPU per transaction (12 lookups, 8 adds)%s%n", round, (double) nanos / txs,
                    sink == 42 ? " " : "");
        }
    }

    /** A row key (14 bytes) or a secondary-index key (22 bytes) of one table, as the engine lays them out. */
    private static byte[] key(int id, int index) {
        byte[] k = new byte[index == 0 ? 14 : 22];
        k[3] = 9;
        k[5] = (byte) index;
        for (int i = 0; i < 4; i++) k[k.length - 1 - i] = (byte) (id >> (8 * i));
        return k;
    }
}
