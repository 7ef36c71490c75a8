package dev.basalt.storage.neon;

import dev.basalt.disagg.InMemoryPageReader;
import dev.basalt.disagg.KeyValue;
import dev.basalt.disagg.PageReader;
import dev.basalt.disagg.WalLog;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link InMemoryPageReader} whose applied LSN can be held back (a page server lagging behind the
 * log) and which counts calls. A read above the held-back LSN fails the test: the compute must never
 * make a read wait for the page server to catch up with its own recent commits.
 */
final class LaggingPageReader implements PageReader {

    private final InMemoryPageReader inner;
    volatile long cap = Long.MAX_VALUE;
    final AtomicInteger gets = new AtomicInteger();
    final AtomicInteger scans = new AtomicInteger();
    /** Entries handed out by scans, over all of them. */
    final AtomicInteger scanned = new AtomicInteger();

    LaggingPageReader(WalLog log) { this.inner = new InMemoryPageReader(log); }

    @Override
    public byte[] get(String timeline, byte[] key, long lsn) {
        gets.incrementAndGet();
        check(lsn);
        return inner.get(timeline, key, lsn);
    }

    @Override
    public Iterator<KeyValue> scan(String timeline, byte[] from, byte[] to, long lsn, boolean reverse) {
        scans.incrementAndGet();
        check(lsn);
        Iterator<KeyValue> all = inner.scan(timeline, from, to, lsn, reverse);
        return new Iterator<>() {
            @Override public boolean hasNext() { return all.hasNext(); }

            @Override
            public KeyValue next() {
                scanned.incrementAndGet();
                return all.next();
            }
        };
    }

    private void check(long lsn) {
        if (lsn > cap) throw new AssertionError("read at LSN " + lsn + " beyond what the page server applied (" + cap + ")");
    }

    @Override
    public long appliedLsn(String timeline) { return Math.min(cap, inner.appliedLsn(timeline)); }

    @Override
    public void close() {}
}
