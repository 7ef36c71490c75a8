package dev.basalt.storage.neon;

import dev.basalt.disagg.WalEntry;
import dev.basalt.disagg.WalLog;
import java.time.Duration;
import java.util.List;

/**
 * The LSN of a timeline as of a moment: the newest commit at or before it. Commit times only grow
 * with the LSN (one writer stamps them in order), so a binary search over the log's records does it
 * in about log2(n) reads.
 */
public final class LsnAtTime {

    private LsnAtTime() {}

    /** The newest LSN committed at or before {@code micros} (µs since the epoch), 0 if none was. */
    public static long find(WalLog wal, long micros) {
        long low = 0; // known at or before the moment (0 = before every commit)
        long high = wal.committedLsn() + 1; // known after it (or past the end)
        while (high - low > 1) {
            long mid = low + (high - low) / 2;
            if (commitTime(wal, mid) <= micros) low = mid;
            else high = mid;
        }
        return low;
    }

    private static long commitTime(WalLog wal, long lsn) {
        List<WalEntry> entries = wal.read(lsn, 1, Duration.ofSeconds(5));
        if (entries.isEmpty() || entries.get(0).lsn() != lsn) {
            throw new IllegalStateException("the log no longer has LSN " + lsn + "; give an LSN instead of a time");
        }
        return entries.get(0).commit().commitTimeMicros();
    }
}
