package dev.basalt.safekeeper;

import dev.basalt.disagg.WalEntry;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One timeline as a safekeeper's state machine holds it: the records in LSN order (LSN = position + 1),
 * the epoch of the writer allowed to append, and the readers waiting for the next record. Changed only
 * by the state machine's apply thread; read by query threads, hence synchronized.
 */
final class TimelineLog {

    private final List<byte[]> records = new ArrayList<>();
    /** LSNs 1..released were removed (the page server uploaded them); {@code records.get(0)} is LSN released + 1. */
    private long released;
    private long epoch;
    private String writerId = "";
    /** Long-polling readers: completed when a record at or past their LSN is applied (or on their timeout). */
    private final List<Waiter> waiters = new ArrayList<>();

    private record Waiter(long fromLsn, CompletableFuture<Void> signal) {}

    synchronized long lastLsn() { return released + records.size(); }

    /** The oldest LSN still held (lastLsn + 1 when none is). */
    synchronized long firstLsn() { return released + 1; }

    /**
     * Drops the records up to {@code lsn} (never past the last one); returns the first LSN still held.
     * Called with the same argument on every node, in log order, so their states stay equal.
     */
    synchronized long releaseUpTo(long lsn) {
        long drop = Math.min(lsn, lastLsn()) - released;
        if (drop > 0) {
            records.subList(0, (int) drop).clear();
            released += drop;
        }
        return released + 1;
    }

    synchronized long epoch() { return epoch; }

    synchronized String writerId() { return writerId; }

    synchronized long takeOver(String writer) {
        epoch++;
        writerId = writer;
        return epoch;
    }

    /**
     * The timeline's branch was deleted: every record goes and LSNs start again at 1, so a branch created
     * later under the same name starts from an empty log. The epoch goes up instead of back to 0, so a
     * writer of the deleted branch (one that was cut off when it was deleted) stays fenced.
     */
    synchronized long drop(String by) {
        records.clear();
        released = 0;
        epoch++;
        writerId = by;
        return epoch;
    }

    /** Appends a batch and returns the LSN of its first record; wakes readers waiting for it. */
    long append(List<byte[]> payloads) {
        List<Waiter> ready = new ArrayList<>();
        long first;
        synchronized (this) {
            first = lastLsn() + 1;
            records.addAll(payloads);
            for (Iterator<Waiter> i = waiters.iterator(); i.hasNext(); ) {
                Waiter w = i.next();
                if (w.signal.isDone() || w.fromLsn <= lastLsn()) {
                    i.remove();
                    ready.add(w);
                }
            }
        }
        // completed outside the lock: a waiter's continuation reads this timeline again
        for (Waiter w : ready) w.signal.complete(null);
        return first;
    }

    /**
     * A conditional append: the batch's first record must get {@code expectedFirst}. A batch whose
     * records are already there at exactly those LSNs (the same request delivered again) is answered as
     * appended, without appending it twice; any other mismatch is refused, so nothing lands at an LSN
     * its writer did not build it for.
     */
    WalReply appendAt(long expectedFirst, List<byte[]> payloads) {
        long next;
        synchronized (this) {
            next = lastLsn() + 1;
            if (expectedFirst < next && holds(expectedFirst, payloads)) return new WalReply.Appended(expectedFirst);
        }
        if (expectedFirst != next) {
            return new WalReply.Refused("append expected at LSN " + expectedFirst + " but the timeline's next LSN is " + next
                    + " (an earlier record of the writer is missing, or this one was appended already)");
        }
        return new WalReply.Appended(append(payloads));
    }

    /** True when the records from {@code first} are exactly {@code payloads} (all still held). */
    private boolean holds(long first, List<byte[]> payloads) {
        if (first <= released || first + payloads.size() - 1 > lastLsn()) return false;
        for (int i = 0; i < payloads.size(); i++) {
            if (!java.util.Arrays.equals(records.get((int) (first + i - released - 1)), payloads.get(i))) return false;
        }
        return true;
    }

    /**
     * Up to {@code max} records from {@code fromLsn}, stopping once about {@code maxBytes} are taken (at
     * least one). Released LSNs are skipped: the first entry is then above {@code fromLsn}, which the
     * client reports as an error rather than a gap.
     */
    synchronized List<WalEntry> read(long fromLsn, int max, int maxBytes) {
        List<WalEntry> out = new ArrayList<>();
        long bytes = 0;
        for (long lsn = Math.max(released + 1, fromLsn); lsn <= lastLsn() && out.size() < max; lsn++) {
            byte[] payload = records.get((int) (lsn - released - 1));
            if (!out.isEmpty() && bytes + payload.length > maxBytes) break;
            out.add(new WalEntry(lsn, payload));
            bytes += payload.length;
        }
        return out;
    }

    /**
     * A signal completed once the timeline reaches {@code fromLsn}, immediately if it already has; the
     * caller bounds the wait. Waiters that timed out are dropped here so an idle timeline does not keep them.
     */
    synchronized CompletableFuture<Void> awaitLsn(long fromLsn) {
        if (fromLsn <= lastLsn()) return CompletableFuture.completedFuture(null);
        waiters.removeIf(w -> w.signal.isDone());
        CompletableFuture<Void> signal = new CompletableFuture<>();
        waiters.add(new Waiter(fromLsn, signal));
        return signal;
    }

    /** For snapshots: a consistent copy of the state (the list copy shares the immutable record arrays). */
    synchronized Image image() { return new Image(epoch, writerId, released, List.copyOf(records)); }

    synchronized void restore(Image image) {
        epoch = image.epoch();
        writerId = image.writerId();
        released = image.released();
        records.clear();
        records.addAll(image.records());
    }

    /** {@code records} start at LSN {@code released + 1}. */
    record Image(long epoch, String writerId, long released, List<byte[]> records) {
        Image(long epoch, String writerId, List<byte[]> records) { this(epoch, writerId, 0, records); }
    }
}
