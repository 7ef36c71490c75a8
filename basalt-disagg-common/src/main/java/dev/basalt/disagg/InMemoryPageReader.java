package dev.basalt.disagg;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A single-timeline {@link PageReader} that applies a {@link WalLog} into memory on demand: the
 * stand-in for the page server in tests of the compute, and the reference the page server's answers
 * can be compared with. Every version is kept (no retention).
 */
public final class InMemoryPageReader implements PageReader {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final WalLog log;
    /** key -> (lsn -> value, null value = deleted at that lsn). */
    private final NavigableMap<byte[], TreeMap<Long, byte[]>> versions = new TreeMap<>(Arrays::compareUnsigned);
    private long applied;

    public InMemoryPageReader(WalLog log) { this.log = log; }

    @Override
    public synchronized byte[] get(String timeline, byte[] key, long lsn) {
        catchUp(lsn);
        return valueAt(versions.get(key), lsn);
    }

    @Override
    public synchronized Iterator<KeyValue> scan(String timeline, byte[] from, byte[] to, long lsn, boolean reverse) {
        catchUp(lsn);
        NavigableMap<byte[], TreeMap<Long, byte[]>> range = versions;
        if (from != null) range = range.tailMap(from, true);
        if (to != null) range = range.headMap(to, false);
        if (reverse) range = range.descendingMap();
        List<KeyValue> out = new ArrayList<>();
        for (Map.Entry<byte[], TreeMap<Long, byte[]>> e : range.entrySet()) {
            byte[] value = valueAt(e.getValue(), lsn);
            if (value != null) out.add(new KeyValue(e.getKey().clone(), value));
        }
        return out.iterator();
    }

    @Override
    public synchronized long appliedLsn(String timeline) {
        catchUp(log.committedLsn());
        return applied;
    }

    private static byte[] valueAt(TreeMap<Long, byte[]> history, long lsn) {
        if (history == null) return null;
        Map.Entry<Long, byte[]> e = history.floorEntry(lsn);
        return e == null || e.getValue() == null ? null : e.getValue().clone();
    }

    private void catchUp(long lsn) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (applied < lsn) {
            if (System.nanoTime() > deadline) throw new WalException("log did not reach LSN " + lsn, false);
            for (WalEntry entry : log.read(applied + 1, 1024, Duration.ofMillis(100))) {
                for (Mutation m : entry.commit().mutations()) {
                    versions.computeIfAbsent(m.key().clone(), k -> new TreeMap<>())
                            .put(entry.lsn(), m.value() == null ? null : m.value().clone());
                }
                applied = entry.lsn();
            }
        }
    }

    @Override
    public void close() {}
}
