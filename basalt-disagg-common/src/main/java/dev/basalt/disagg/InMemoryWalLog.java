package dev.basalt.disagg;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A single-process, non-replicated {@link WalLog}: the stand-in for the safekeepers in tests of the
 * page server and the compute. {@link #fence()} makes later appends fail as if another writer had
 * taken over, so callers' fencing paths can be tested too.
 */
public final class InMemoryWalLog implements WalLog {

    private final List<byte[]> records = new ArrayList<>();
    private boolean fenced;

    @Override
    public synchronized long append(byte[] payload) {
        if (fenced) throw new WalException("timeline taken over by another writer", true);
        records.add(payload.clone());
        notifyAll();
        return records.size();
    }

    @Override
    public synchronized long committedLsn() { return records.size(); }

    /** Appends here finish inside the call, so one that failed never lands later: the end of the log is the answer. */
    @Override
    public synchronized long fenceOwnAppends() {
        if (fenced) throw new WalException("timeline taken over by another writer", true);
        return records.size();
    }

    @Override
    public synchronized List<WalEntry> read(long fromLsn, int max, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        long from = Math.max(fromLsn, 1);
        while (records.size() < from) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return List.of();
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
        List<WalEntry> out = new ArrayList<>();
        for (long lsn = from; lsn <= records.size() && out.size() < max; lsn++) {
            out.add(new WalEntry(lsn, records.get((int) (lsn - 1)).clone()));
        }
        return out;
    }

    /** Forgets every record, like the safekeepers for a deleted branch (writers are not modelled here, so none is fenced). */
    @Override
    public synchronized void drop() { records.clear(); }

    /** From now on appends fail with a fenced {@link WalException}. */
    public synchronized void fence() { fenced = true; }

    @Override
    public void close() {}
}
