package dev.basalt.storage.neon;

import dev.basalt.disagg.CommitRecord;
import dev.basalt.disagg.Mutation;
import dev.basalt.disagg.WalEntry;
import dev.basalt.disagg.WalException;
import dev.basalt.disagg.WalLog;
import dev.basalt.engine.exec.OutsideWait;
import dev.basalt.engine.storage.kv.CommitValidator;
import dev.basalt.engine.storage.kv.CommitWaitStopped;
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
 * <p>Failures: a fenced append stops the pipeline for good. Any other failed append (a timeout:
 * the record may have landed all the same) leaves that commit and every later one still in flight
 * unanswered until the outcome is known: once nothing is in flight the pipeline fences its own
 * unanswered appends ({@link WalLog#fenceOwnAppends}), which tells where the log ends for good, and
 * reads the log back. Commits whose records are there are reported committed (and go to the overlay);
 * the others fail, and their records can never appear later. Reporting a landed record as failed
 * would be a lost update: the engine would withdraw its conflict check while the record still became
 * visible, so a transaction with an older snapshot could overwrite it.
 *
 * <p>When the outcome cannot be learned yet (no quorum to fence), the pipeline does not guess and does
 * not stop: the commits whose outcome is unknown keep waiting (their answer is the truth, later), new
 * commits fail at once with an IO error (they were never validated nor sent, so nothing is lost or
 * withdrawn), and the writer thread tries to fence again every {@link #RESETTLE_PAUSE_NANOS} until a quorum
 * answers; then it answers the waiting commits from the log and takes commits again by itself. Only a
 * fence by another writer or a log that is not ours stops it for good.
 */
final class CommitPipeline implements AutoCloseable {

    /** Where durable commits go, strictly in LSN order. */
    interface Sink {
        void durable(long lsn, List<Mutation> mutations);

        /** Blocks while the overlay is full; throws when it stays full too long. */
        void awaitRoom();
    }

    /** Queued by a completion to wake the writer thread (which then settles unanswered commits). */
    private static final Pending WAKE = new Pending(null, null);
    /** Pause between attempts to fence and read back while no quorum answers (each attempt is bounded by the log's own timeout). */
    private static final long RESETTLE_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);

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
        final byte[] payload;
        boolean done;
        long landedAt;
        Throwable error;

        InFlight(long lsn, Pending pending, List<Mutation> mutations, byte[] payload) {
            this.lsn = lsn;
            this.pending = pending;
            this.mutations = mutations;
            this.payload = payload;
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
    /** Commits whose append failed (or came after one that did), in LSN order, waiting for {@link #settle}; guarded by this. */
    private final List<InFlight> unanswered = new ArrayList<>();
    private volatile StorageException fatal;
    /**
     * Set while unanswered commits wait for a quorum (a settle attempt failed): the error new commits get
     * meanwhile; cleared once settled. Guarded by this.
     */
    private StorageException recovering;
    /** When the writer thread may try to settle again while {@link #recovering} (System.nanoTime). */
    private long nextSettle;
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
            return awaitOutcome(p);
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StorageException se) throw copy(se);
            if (cause instanceof RuntimeException re) throw re;
            if (cause instanceof Error err) throw err;
            throw new StorageException(StorageException.Kind.OTHER, String.valueOf(cause), cause);
        }
    }

    /**
     * Waits for the commit's outcome; KILL QUERY / KILL CONNECTION (and the statement deadline) stop the
     * wait, which may be long: while no quorum answers, a commit whose append failed waits to learn whether
     * its record landed. A commit the writer thread has not taken yet is withdrawn (never validated nor
     * sent: it simply did not happen); one already sent cannot be, so the caller gets
     * {@link CommitWaitStopped} with the outcome to come, which the settling below still decides.
     */
    private long awaitOutcome(Pending p) {
        CompletableFuture<Void> stop = new CompletableFuture<>();
        try (OutsideWait wait = OutsideWait.begin(() -> stop.complete(null))) {
            CompletableFuture.anyOf(p.result, stop).join();
            if (p.result.isDone() || !wait.stopped()) return p.result.join();
            if (queue.remove(p)) throw wait.reason();
            throw new CommitWaitStopped(wait.reason(), p.result.copy());
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
            settleIfDue();
            if (p == null || p == WAKE) continue;
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
            if (recovering != null && System.nanoTime() < nextSettle) throw copy(recovering); // not validated, not sent: safe to refuse
            if (needsResync) settle();
        }
        sink.awaitRoom();
        long lsn = lastAssigned + 1;
        if (p.validator != null) p.validator.validate(lsn);
        List<Mutation> mutations = new ArrayList<>(p.batch.size());
        for (WriteBatch.Op op : p.batch.ops()) mutations.add(new Mutation(op.key().clone(), op.isDelete() ? null : op.value().clone()));
        byte[] payload = new CommitRecord(nowMicros(), mutations).encode();
        InFlight f = new InFlight(lsn, p, mutations, payload);
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
        if (needsResync && inFlight.isEmpty() && !unanswered.isEmpty()) queue.add(WAKE); // settle without waiting for the next commit
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
        if (f.error != null || needsResync) {
            // Outcome unknown (or validated assuming an earlier one whose outcome is unknown): answered by settle().
            needsResync = true;
            unanswered.add(f);
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
     * On the writer thread: settles unanswered commits once nothing is in flight, even when no new commit comes;
     * while no quorum answers, again every {@link #RESETTLE_PAUSE_NANOS}.
     */
    private synchronized void settleIfDue() {
        if (!needsResync || !inFlight.isEmpty() || unanswered.isEmpty()) return;
        if (recovering != null && System.nanoTime() < nextSettle) return;
        try {
            settle();
        } catch (RuntimeException e) {
            // fatal: settle() answered every waiting commit and later ones get the same error; recovering: tried again later
        }
    }

    /**
     * After a failed append (nothing in flight any more): fences this compute's own unanswered appends,
     * then reads the log from our last acknowledged record to its end. The records there are the
     * unanswered commits that landed (only this writer appends, at the LSNs it chose): they are
     * reported committed and go to the overlay; the rest failed for good. When no quorum answers, the
     * commits stay unanswered and the pipeline is {@linkplain #recovering recovering} (throws that); when
     * the log is not what this compute wrote, or another writer fenced it, throws and stops the pipeline.
     */
    private void settle() {
        List<InFlight> open = new ArrayList<>(unanswered);
        unanswered.clear();
        if (fatal != null) {
            for (InFlight f : open) fail(f.pending, fatal);
            throw fatal;
        }
        try {
            long end = wal.fenceOwnAppends();
            if (end < lastDurable) throw notOurLog("the log ends at LSN " + end + ", before this compute's acknowledged " + lastDurable);
            long base = lastDurable;
            long next = lastDurable + 1;
            while (next <= end) {
                List<WalEntry> entries = wal.read(next, 256, Duration.ofSeconds(5));
                if (entries.isEmpty()) throw new WalException("log did not return LSN " + next + " while settling unanswered commits", false);
                for (WalEntry e : entries) {
                    if (e.lsn() > end) break;
                    if (e.lsn() != next) throw notOurLog("log returned LSN " + e.lsn() + " for " + next);
                    int i = (int) (next - base - 1);
                    InFlight ours = i < open.size() ? open.get(i) : null;
                    if (ours == null || ours.lsn != next || !java.util.Arrays.equals(ours.payload, e.payload())) {
                        throw notOurLog("the record at LSN " + next + " is not the one this compute sent: another writer on timeline '"
                                + timeline + "'?");
                    }
                    sink.durable(next, ours.mutations);
                    lastDurable = next++;
                    ours.pending.result.complete(ours.lsn);
                }
            }
            for (InFlight f : open) {
                if (f.lsn <= end) continue;
                Throwable why = f.error != null ? f.error : new WalException("an earlier commit in flight failed", false);
                fail(f.pending, new StorageException(StorageException.Kind.IO, "the WAL service did not acknowledge the commit, and it is not"
                        + " in the log (this compute fenced its unanswered appends, so it never will be): " + why.getMessage(), why));
            }
        } catch (WalException e) {
            if (e.fenced()) throw stop(open, e);
            // no quorum: the outcome is still unknown; the commits wait (in order) and the next attempt settles them
            List<InFlight> waiting = new ArrayList<>();
            for (InFlight f : open) if (!f.pending.result.isDone()) waiting.add(f);
            unanswered.addAll(0, waiting);
            nextSettle = System.nanoTime() + RESETTLE_PAUSE_NANOS;
            if (recovering == null) {
                recovering = new StorageException(StorageException.Kind.IO, "the WAL service of timeline '" + timeline + "' has no"
                        + " quorum: " + waiting.size() + " commit(s) wait to learn their outcome, and this compute takes new commits again"
                        + " once a quorum answers (" + e.getMessage() + ")", e);
                java.util.logging.Logger.getLogger(CommitPipeline.class.getName()).warning("commits pause on timeline '" + timeline
                        + "': " + recovering.getMessage());
            }
            throw recovering;
        } catch (NotOurLog | UnsupportedOperationException e) {
            throw stop(open, e);
        }
        if (recovering != null) {
            java.util.logging.Logger.getLogger(CommitPipeline.class.getName()).info("commits resume on timeline '" + timeline
                    + "': a quorum answered and the waiting commits know their outcome");
            recovering = null;
        }
        lastAssigned = lastDurable;
        needsResync = false;
    }

    /** The log holds what this compute did not write: no commit can be settled from it. */
    private static final class NotOurLog extends RuntimeException {
        NotOurLog(String message) { super(message); }
    }

    private static NotOurLog notOurLog(String message) { return new NotOurLog(message); }

    /** Stops the pipeline for good (fenced, or a log that is not ours): every waiting and later commit gets the error. */
    private StorageException stop(List<InFlight> open, RuntimeException e) {
        fatal = e instanceof WalException we && we.fenced()
                ? new StorageException(StorageException.Kind.OTHER, "this compute was fenced: " + e.getMessage(), e)
                : new StorageException(StorageException.Kind.IO, "the outcome of a commit on timeline '" + timeline + "' cannot be"
                        + " learned (" + e.getMessage() + "); this compute accepts no more commits, so that none can be lost or"
                        + " overwritten: restart it", e);
        recovering = null;
        logFatal();
        for (InFlight f : open) if (!f.pending.result.isDone()) fail(f.pending, fatal);
        return fatal;
    }

    /** Every later commit fails with the same error: said once in the log, not only to the clients (a silent stall otherwise). */
    private void logFatal() {
        java.util.logging.Logger.getLogger(CommitPipeline.class.getName()).severe("commits stop on timeline '" + timeline + "': "
                + fatal.getMessage());
        for (InFlight f : unanswered) fail(f.pending, fatal); // no settling any more: they get the same answer
        unanswered.clear();
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
            for (InFlight f : unanswered) fail(f.pending, closedError());
            unanswered.clear();
        }
    }
}
