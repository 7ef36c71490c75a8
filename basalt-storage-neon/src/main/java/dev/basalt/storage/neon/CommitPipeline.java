package dev.basalt.storage.neon;

import dev.basalt.disagg.CommitRecord;
import dev.basalt.disagg.Mutation;
import dev.basalt.disagg.WalEntry;
import dev.basalt.disagg.WalException;
import dev.basalt.disagg.WalLog;
import dev.basalt.engine.storage.kv.CommitValidator;
import dev.basalt.engine.storage.kv.StorageException;
import dev.basalt.engine.storage.kv.WriteBatch;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The compute's commit path. One writer thread takes commits in arrival order, runs each validator
 * with the LSN the record will get, and starts its append without waiting for the previous ones
 * (up to {@code maxInFlight} records in flight), so throughput is not one log round trip per
 * transaction. Acknowledgements go strictly in LSN order: a commit returns only when its record and
 * every earlier one are durable and in the overlay.
 *
 * <p>Failures: a fenced append stops the pipeline for good. Any other failed append fails that
 * commit and every later one still in flight (they were validated assuming it); before the next
 * commit the pipeline asks the log where it really ends and replays whatever landed into the
 * overlay, so local reads agree with the log again.
 */
final class CommitPipeline implements AutoCloseable {

    /** Where durable commits go, strictly in LSN order. */
    interface Sink {
        void durable(long lsn, List<Mutation> mutations);

        /** Blocks while the overlay is full; throws when it stays full too long. */
        void awaitRoom();
    }

    private static final class Pending {
        final WriteBatch batch;
        final CommitValidator validator;
        final CompletableFuture<Long> result = new CompletableFuture<>();

        Pending(WriteBatch batch, CommitValidator validator) {
            this.batch = batch;
            this.validator = validator;
        }
    }

    private static final class InFlight {
        final long lsn;
        final Pending pending;
        final List<Mutation> mutations;
        boolean done;
        long landedAt;
        Throwable error;

        InFlight(long lsn, Pending pending, List<Mutation> mutations) {
            this.lsn = lsn;
            this.pending = pending;
            this.mutations = mutations;
        }
    }

    private final WalLog wal;
    private final Sink sink;
    private final int maxInFlight;
    private final String timeline;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>(); // guarded by this
    private final Thread writer;
    /** Last LSN handed to a validator (writer thread only). */
    private long lastAssigned;
    /** Last LSN given to the sink; guarded by this. */
    private long lastDurable;
    private boolean needsResync; // guarded by this
    private volatile StorageException fatal;
    private volatile boolean running = true;

    CommitPipeline(WalLog wal, Sink sink, long startLsn, int maxInFlight, String timeline) {
        this.wal = wal;
        this.sink = sink;
        this.maxInFlight = maxInFlight;
        this.timeline = timeline;
        this.lastAssigned = startLsn;
        this.lastDurable = startLsn;
        this.writer = Thread.ofPlatform().name("neon-committer-" + timeline).daemon().start(this::run);
    }

    /** Queues the batch and waits until it is durable (returns its LSN) or failed (throws). */
    long commit(WriteBatch batch, CommitValidator validator) {
        StorageException f = fatal;
        if (f != null) throw copy(f);
        Pending p = new Pending(batch, validator);
        queue.add(p);
        if (!running) fail(p, closedError());
        try {
            return p.result.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StorageException se) throw copy(se);
            if (cause instanceof RuntimeException re) throw re;
            if (cause instanceof Error err) throw err;
            throw new StorageException(StorageException.Kind.OTHER, String.valueOf(cause), cause);
        }
    }

    /** A fresh exception per caller (with the shared one as cause), so stack traces make sense. */
    private static StorageException copy(StorageException e) {
        return new StorageException(e.kind(), e.getMessage(), e);
    }

    StorageException fatal() { return fatal; }

    private void run() {
        while (running) {
            Pending p;
            try {
                p = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (p == null) continue;
            try {
                submit(p);
            } catch (Throwable t) {
                fail(p, t);
            }
        }
        Pending left;
        while ((left = queue.poll()) != null) fail(left, fatal != null ? fatal : closedError());
    }

    private void submit(Pending p) throws InterruptedException {
        synchronized (this) {
            while (running && (inFlight.size() >= maxInFlight || (needsResync && !inFlight.isEmpty()))) wait();
            if (fatal != null) throw fatal;
            if (!running) throw closedError();
            if (needsResync) resync();
        }
        sink.awaitRoom();
        long lsn = lastAssigned + 1;
        if (p.validator != null) p.validator.validate(lsn);
        List<Mutation> mutations = new ArrayList<>(p.batch.size());
        for (WriteBatch.Op op : p.batch.ops()) mutations.add(new Mutation(op.key().clone(), op.isDelete() ? null : op.value().clone()));
        byte[] payload = new CommitRecord(nowMicros(), mutations).encode();
        InFlight f = new InFlight(lsn, p, mutations);
        synchronized (this) {
            inFlight.addLast(f);
        }
        lastAssigned = lsn;
        CompletableFuture<Long> append;
        try {
            append = wal.appendAsync(payload, lsn); // only at lsn: the commit check assumed every earlier record is in
        } catch (RuntimeException e) {
            append = CompletableFuture.failedFuture(e);
        }
        append.whenComplete((landed, error) -> landed(f, landed, error));
    }

    private static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private synchronized void landed(InFlight f, Long landedAt, Throwable error) {
        f.done = true;
        f.landedAt = landedAt == null ? -1 : landedAt;
        f.error = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        // Acknowledge in LSN order: only the done prefix of the in-flight queue.
        while (!inFlight.isEmpty() && inFlight.peekFirst().done) {
            InFlight head = inFlight.pollFirst();
            acknowledge(head);
        }
        notifyAll();
    }

    private void acknowledge(InFlight f) {
        if (fatal != null) {
            fail(f.pending, fatal);
            return;
        }
        if (f.error instanceof WalException we && we.fenced()) {
            fatal = new StorageException(StorageException.Kind.OTHER, "this compute was fenced: another compute has taken over"
                    + " timeline '" + timeline + "', so this one can no longer commit (restart it to follow the new writer): "
                    + we.getMessage(), we);
            logFatal();
            fail(f.pending, fatal);
            return;
        }
        if (f.error != null) {
            needsResync = true;
            fail(f.pending, new StorageException(StorageException.Kind.IO,
                    "the WAL service did not acknowledge the commit: " + f.error.getMessage(), f.error));
            return;
        }
        if (needsResync) {
            // Validated on the assumption that an earlier commit, which failed, was in: not safe to report.
            fail(f.pending, new StorageException(StorageException.Kind.IO,
                    "an earlier commit in flight failed, so this one is not acknowledged"));
            return;
        }
        if (f.landedAt != f.lsn) {
            fatal = new StorageException(StorageException.Kind.OTHER, "the log gave LSN " + f.landedAt + " to the commit this compute"
                    + " expected at " + f.lsn + ": another writer on timeline '" + timeline + "'?");
            logFatal();
            fail(f.pending, fatal);
            return;
        }
        sink.durable(f.lsn, f.mutations);
        lastDurable = f.lsn;
        f.pending.result.complete(f.lsn);
    }

    /**
     * After a failed append (nothing in flight any more): learn where the log really ends and replay
     * the records that landed after our last acknowledged one (their clients were told the commit
     * failed; the log has them all the same, so they are in).
     */
    private void resync() {
        long end;
        try {
            end = wal.committedLsn();
            long next = lastDurable + 1;
            while (next <= end) {
                List<WalEntry> entries = wal.read(next, 256, Duration.ofSeconds(5));
                if (entries.isEmpty()) throw new WalException("log did not return LSN " + next + " while resynchronising", false);
                for (WalEntry e : entries) {
                    if (e.lsn() != next) throw new WalException("log returned LSN " + e.lsn() + " for " + next, false);
                    sink.durable(e.lsn(), e.commit().mutations());
                    lastDurable = next++;
                }
            }
        } catch (WalException e) {
            if (e.fenced()) {
                fatal = new StorageException(StorageException.Kind.OTHER, "this compute was fenced: " + e.getMessage(), e);
                logFatal();
                throw fatal;
            }
            throw new StorageException(StorageException.Kind.IO, "the WAL service is unavailable: " + e.getMessage(), e);
        }
        lastAssigned = lastDurable;
        needsResync = false;
    }

    /** Every later commit fails with the same error: said once in the log, not only to the clients (a silent stall otherwise). */
    private void logFatal() {
        java.util.logging.Logger.getLogger(CommitPipeline.class.getName()).severe("commits stop on timeline '" + timeline + "': "
                + fatal.getMessage());
    }

    private static void fail(Pending p, Throwable error) {
        p.result.completeExceptionally(error);
    }

    private StorageException closedError() {
        return new StorageException(StorageException.Kind.CLOSED, "the neon store is closed");
    }

    @Override
    public void close() {
        running = false;
        synchronized (this) {
            notifyAll();
        }
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Commits still in flight complete through their append futures; none is left waiting here.
        synchronized (this) {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
                try {
                    wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            // A log that never answers must not leave committers waiting forever (outcome unknown).
            InFlight stuck;
            while ((stuck = inFlight.pollFirst()) != null) fail(stuck.pending, closedError());
        }
    }
}
