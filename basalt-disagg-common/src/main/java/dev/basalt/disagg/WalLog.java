package dev.basalt.disagg;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One timeline's replicated write-ahead log, as a client sees it. The compute appends commit records;
 * the page server reads them in order. Thread-safe.
 *
 * <p>Fencing: a writer is admitted by the implementation when it is opened for writing (it takes over
 * the timeline with a higher term); from then on any append by an older writer fails with a fenced
 * {@link WalException}, so two computes can never both write one timeline.
 */
public interface WalLog extends AutoCloseable {

    /**
     * Appends one record and returns its LSN once a quorum of log nodes has it durably (fsynced).
     * LSNs are consecutive per timeline. Appends from one thread are ordered; concurrent appends may
     * be batched by the implementation.
     *
     * @throws WalException fenced, or no quorum within the implementation's timeout
     */
    long append(byte[] payload);

    /**
     * Starts appending one record without waiting for it: the future completes with its LSN once a
     * quorum has it, or fails with {@link WalException}. Records of successive calls get increasing
     * LSNs in call order, so a caller can keep several appends in flight (pipelining) from one
     * thread. If one fails, the outcome of later ones still in flight is unknown to the caller.
     *
     * <p>The default appends synchronously (one record in flight); a networked client overrides it.
     */
    default CompletableFuture<Long> appendAsync(byte[] payload) {
        try {
            return CompletableFuture.completedFuture(append(payload));
        } catch (WalException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * As {@link #appendAsync(byte[])} for a record its writer built for LSN {@code expectedLsn} (the
     * compute's commit check assumed every earlier record is in): it must land there or not at all. A
     * log that can check it refuses the record otherwise, so a record never lands after one of its
     * writer's earlier records went missing, and a request delivered twice does not land twice. The
     * default appends and fails the future when the record landed elsewhere (it is in the log then).
     */
    default CompletableFuture<Long> appendAsync(byte[] payload, long expectedLsn) {
        return appendAsync(payload).thenApply(lsn -> {
            if (lsn != expectedLsn) {
                throw new WalException("the record landed at LSN " + lsn + ", not at the expected " + expectedLsn, false);
            }
            return lsn;
        });
    }

    /**
     * Settles this writer's appends whose outcome is unknown (one failed with a timeout, say): the writer
     * takes the timeline over again (a new epoch, granted only while no other writer has taken it over),
     * so no append it sent before can land any more, and returns the log's last LSN at that moment. Every
     * record up to it is in the log for good; none of this writer's earlier appends past it will ever
     * be. Later appends go on under the new epoch.
     *
     * @throws WalException fenced when another writer holds the timeline; not fenced when no quorum
     *     answered (the outcome stays unknown)
     * @throws UnsupportedOperationException a log that cannot fence its own writer (the default)
     */
    default long fenceOwnAppends() {
        throw new UnsupportedOperationException("this log (" + getClass().getSimpleName() + ") cannot fence its writer's own appends");
    }

    /** The highest LSN known durable on a quorum (0 for an empty timeline). */
    long committedLsn();

    /**
     * Up to {@code max} entries with {@code lsn >= fromLsn}, in LSN order, only durable ones. Waits up
     * to {@code wait} for the first one if none is there yet; an empty list means none arrived.
     */
    List<WalEntry> read(long fromLsn, int max, Duration wait);

    /**
     * The reader (the page server) reports that object storage durably holds this timeline's state up to
     * {@code uploadedLsn} (its stored index says so), so the log no longer needs the records up to it; an
     * implementation may drop them, keeping its own safety margin. The default keeps everything.
     *
     * @throws WalException when the log could not be told (the caller simply reports again later)
     */
    default void reportUploaded(long uploadedLsn) {}

    /**
     * The timeline's branch is being deleted: the log drops every record, so a branch created later under
     * the same name starts from an empty log (LSN 1), and appends of the timeline's writers are fenced.
     *
     * @throws WalException when the log could not be told (the caller refuses the deletion then)
     * @throws UnsupportedOperationException a log that cannot drop a timeline (the default)
     */
    default void drop() {
        throw new UnsupportedOperationException("this log (" + getClass().getSimpleName() + ") cannot drop a timeline");
    }

    @Override
    void close();
}
