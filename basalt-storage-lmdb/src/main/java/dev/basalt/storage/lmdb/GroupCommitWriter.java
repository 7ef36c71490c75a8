package dev.basalt.storage.lmdb;

import dev.basalt.engine.storage.kv.CommitValidator;
import dev.basalt.engine.storage.kv.StorageException;
import dev.basalt.engine.storage.kv.StorageException.Kind;
import dev.basalt.engine.storage.kv.WriteBatch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import org.lmdbjava.Env;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;

/**
 * The one platform thread that runs every LMDB write transaction of an environment (LMDB ties a
 * write transaction to its OS thread, and virtual threads move between carriers).
 *
 * <p>Group commit: while one group is being written and fsynced, new requests queue up; the next
 * round takes all of them into one LMDB transaction, each batch in its own nested transaction so
 * that a rejected or failing batch is rolled back alone, and pays for one commit and one fsync.
 * The callers block until their group is durable.
 *
 * <p>In {@link Durability#WAL} mode a group goes to {@link WalCommitter} instead (one log write,
 * no LMDB transaction), and the thread checkpoints between groups and when idle.
 */
final class GroupCommitWriter {

    /** Bounds the work (and dirty pages) of one LMDB transaction. */
    static final int MAX_GROUP = 512;
    private static final int MAX_MAP_GROWTHS_PER_GROUP = 40;

    private sealed interface Request permits Commit, Task, Stop, Nudge {}

    /**
     * One commit request. {@code waiter} is the thread to wake when it is answered or made the
     * leader of its group ({@link LeaderCommits}); null when it waits by joining {@code done}.
     */
    static final class Commit implements Request {
        private final WriteBatch batch;
        private final CommitValidator validator;
        private final CompletableFuture<Long> done = new CompletableFuture<>();
        private final Thread waiter;
        private volatile boolean leads;

        Commit(WriteBatch batch, CommitValidator validator, Thread waiter) {
            this.batch = batch;
            this.validator = validator;
            this.waiter = waiter;
        }

        WriteBatch batch() { return batch; }

        CommitValidator validator() { return validator; }

        CompletableFuture<Long> done() { return done; }

        Thread waiter() { return waiter; }

        boolean leads() { return leads; }

        void makeLeader() { leads = true; }

        void succeed(long sequence) {
            done.complete(sequence);
            if (waiter != null) LockSupport.unpark(waiter);
        }

        void reject(Throwable why) {
            done.completeExceptionally(why);
            if (waiter != null) LockSupport.unpark(waiter);
        }
    }

    private record Task(Callable<?> work, CompletableFuture<Object> done) implements Request {}

    private record Stop() implements Request {}

    /** Wakes the writer thread for its between-groups work (a due checkpoint), see {@link #nudge}. */
    private record Nudge() implements Request {}

    private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    /**
     * WAL mode: held by whoever touches the log, the overlay's writer side and the sequence: the
     * writer thread for each request it serves (tasks, checkpoints, groups routed to it) and a
     * leader session for the group it logs ({@link #logAsLeader}).
     */
    private final ReentrantLock walLock = new ReentrantLock();
    /** A {@link Nudge} is queued and not yet served. */
    private final AtomicBoolean nudged = new AtomicBoolean();
    /** Set (under walLock) once the writer has shut the log down: leaders must not write any more. */
    private boolean stopped;
    private final Thread thread;
    private final MapGate gate;
    private final LongConsumer published;

    // Writer thread only.
    private LmdbEnvironment lenv;
    private long sequence;
    private ByteBuffer keyBuffer;

    final AtomicLong groupCommits = new AtomicLong();
    /** Told each group's number of commits (the /metrics group-size histogram); null when nobody listens. */
    volatile LongConsumer groupSizes;
    final AtomicLong commits = new AtomicLong();
    final AtomicLong mapGrowths = new AtomicLong();
    /** Durable writes (synchronous LMDB commits, WAL appends, background fsyncs) and their times. */
    final SyncTimes syncTimes = new SyncTimes();
    /** RELAXED durability: LMDB commits reach only the page cache, so they are not durable writes. */
    volatile boolean relaxed;
    /** Test hook: a non-zero errno makes the next group commit fail as if LMDB had returned it. */
    final AtomicInteger injectedErrno = new AtomicInteger();
    /** Closes and reopens the environment after a fatal LMDB error; set by the store. Runs on this thread. */
    volatile Runnable reopen;
    /** Set when something was committed since the last fsync (used by RELAXED durability). */
    volatile boolean unsynced;
    /** WAL mode's commit path and checkpointer; null in the other modes. Writer thread only after set. */
    volatile WalCommitter wal;
    /** Space kept for writes that free space on a full disk; set by the store at open. Writer thread. */
    volatile DiskReserve reserve;

    GroupCommitWriter(String threadName, MapGate gate, LongConsumer published) {
        this.gate = gate;
        this.published = published;
        this.thread = Thread.ofPlatform().name(threadName).daemon(true).unstarted(this::run);
        thread.start();
    }

    /** Binds the environment; called on the writer thread (from a task) once it is open. */
    void attach(LmdbEnvironment environment) {
        this.lenv = environment;
        this.sequence = environment.sequenceAtOpen;
        this.keyBuffer = ByteBuffer.allocateDirect(environment.maxKeySize);
    }

    LmdbEnvironment environment() {
        return lenv;
    }

    /** Writer thread: the sequence of the newest acknowledged commit. */
    long sequence() {
        return sequence;
    }

    /** Writer thread: after a reopen in WAL mode, the log (not LMDB) knows the newest sequence. */
    void resumeAt(long seq) {
        sequence = seq;
    }

    /** Writer thread: {@code count} commits up to {@code seq} are acknowledged and visible. */
    void advance(long seq, long count) {
        sequence = seq;
        groupCommitted(count);
        published.accept(seq);
    }

    private void groupCommitted(long count) {
        groupCommits.incrementAndGet();
        commits.addAndGet(count);
        LongConsumer sizes = groupSizes;
        if (sizes != null) sizes.accept(count);
    }

    /** Runs {@code work} on the writer thread and waits for it. */
    @SuppressWarnings("unchecked")
    <T> T call(Callable<T> work) {
        CompletableFuture<Object> done = new CompletableFuture<>();
        queue.add(new Task(work, done));
        return (T) await(done);
    }

    /** Queues a commit; pass the result to {@link #await}. */
    CompletableFuture<Long> submit(WriteBatch batch, CommitValidator validator) {
        Commit c = new Commit(batch, validator, null);
        queue.add(c);
        return c.done();
    }

    /**
     * A leader session (WAL mode, see {@link LeaderCommits}) logs its group on its own thread:
     * under walLock it validates the group and takes its sequences and place in the log, then
     * writes the record with walLock released (so other leaders' records are written meanwhile)
     * and publishes it once every earlier record is durable ({@link WalCommitter#finish}). The
     * group is answered when it is published, possibly by a later leader's thread. A group that
     * needs a checkpoint first (the log is full, or the disk is) goes to the writer thread
     * instead, which alone runs LMDB write transactions; this then waits for its answers.
     */
    void logAsLeader(List<Commit> group) {
        if (group.isEmpty()) return;
        boolean toWriter = false;
        WalCommitter.Reservation reserved = null;
        WalCommitter w;
        walLock.lock();
        try {
            w = wal;
            if (w != null) w.awaitRoom(WalCommitter.recordBytes(group));
            if (stopped || w == null) {
                fail(group, new StorageException(Kind.CLOSED, "the LMDB store for " + dirName() + " is closed"));
                return;
            }
            if (!w.logsWithoutCheckpoint(WalCommitter.recordBytes(group))) {
                toWriter = true;
            } else {
                try {
                    reserved = w.reserve(group);
                } catch (Throwable t) {
                    fail(group, diskFullOrAsIs(LmdbErrors.from("commit failed in " + dirName(), t), group));
                    nudge(); // the writer's between-groups work follows a failed group too
                }
            }
        } finally {
            walLock.unlock();
        }
        if (toWriter) {
            queue.addAll(group);
            for (Commit c : group) c.done().handle((seq, failed) -> null).join();
            return;
        }
        if (reserved == null) return; // answered: rejected or failed
        w.write(reserved);
        walLock.lock();
        try {
            if (w.finish(reserved)) nudge(); // the writer's between-groups work follows a failed group too
            DiskReserve r = reserve;
            if (r != null) r.ensure(); // cheap unless it is missing and due for a retry
            if (w.checkpointDue()) nudge();
        } finally {
            walLock.unlock();
        }
    }

    /** walLock's condition for {@link WalCommitter}'s waits on records in flight. */
    java.util.concurrent.locks.Condition walCondition() {
        return walLock.newCondition();
    }

    /**
     * Writer thread, holding walLock once (inside {@link #serve}): runs {@code work} with it
     * released, so that leaders log commits meanwhile (a checkpoint's LMDB transaction).
     */
    void withoutWalLock(Runnable work) {
        if (walLock.getHoldCount() != 1 || Thread.currentThread() != thread) {
            throw new IllegalStateException("only the writer thread, holding walLock once, may release it");
        }
        walLock.unlock();
        try {
            work.run();
        } finally {
            walLock.lock();
        }
    }

    /** Has the writer thread run its between-groups work (checkpoint when due) soon. */
    private void nudge() {
        if (nudged.compareAndSet(false, true)) queue.add(new Nudge());
    }

    int queued() {
        return queue.size();
    }

    /** Processes everything queued so far, then ends the thread. */
    void stop() {
        queue.add(new Stop());
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** Waits without giving up on interrupt: the caller must learn whether its commit happened. */
    static <T> T await(CompletableFuture<T> done) {
        try {
            return done.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) throw re;
            if (cause instanceof Error err) throw err;
            throw new StorageException(Kind.OTHER, String.valueOf(cause), cause);
        }
    }

    private void run() {
        List<Commit> group = new ArrayList<>();
        while (true) {
            Request request = takeUninterruptibly();
            walLock.lock();
            try {
                if (!serve(request, group)) return;
            } finally {
                walLock.unlock();
            }
        }
    }

    /** Serves one request (null: a quiet checkpoint interval) under walLock; false after Stop. */
    private boolean serve(Request request, List<Commit> group) {
        WalCommitter walMode = wal;
        if (request == null) {
            if (walMode != null) walMode.afterGroup(); // idle: a due checkpoint
            return true;
        }
        if (request instanceof Stop) {
            if (walMode != null) walMode.shutdown();
            stopped = true;
            return false;
        }
        try {
            switch (request) {
                case Nudge nudge -> nudged.set(false);
                case Task task -> runTask(task);
                case Commit first -> {
                    group.add(first);
                    // Single consumer: what peek shows, poll removes.
                    while (group.size() < MAX_GROUP && queue.peek() instanceof Commit next) {
                        queue.poll();
                        group.add(next);
                    }
                    if (wal != null) {
                        wal.commitGroupNow(group);
                    } else {
                        commitGroupOrFreeSpace(group);
                    }
                    DiskReserve r = reserve;
                    if (r != null) r.ensure(); // cheap unless it is missing and due for a retry
                }
                case Stop stop -> throw new AssertionError("handled above");
            }
        } catch (Throwable t) {
            // Never let the writer die: fail this group (callers not yet answered), keep serving.
            StorageException failure = diskFullOrAsIs(LmdbErrors.from("commit failed in " + dirName(), t), group);
            // Recover before answering, so that callers retrying at once find a working store.
            if (LmdbErrors.isFatal(t)) reopenEnvironment();
            if (!group.isEmpty() && wal == null) resyncSequence();
            fail(group, failure);
        } finally {
            group.clear();
        }
        if (walMode != null) walMode.afterGroup();
        return true;
    }

    void reopenEnvironment() {
        try {
            Runnable r = reopen;
            if (r != null) r.run();
        } catch (Throwable t) {
            System.getLogger(GroupCommitWriter.class.getName()).log(System.Logger.Level.ERROR,
                    "cannot reopen the LMDB environment of " + dirName() + " after a fatal error", t);
        }
    }

    /**
     * After a failed commit, trusts the file rather than memory: should LMDB have made the group
     * durable despite reporting an error, the next commit must not reuse its sequence.
     */
    private void resyncSequence() {
        try {
            long stored = lenv.readCommittedSequence();
            if (stored != sequence) {
                sequence = stored;
                published.accept(stored);
            }
        } catch (Throwable ignored) {
            // the environment is unusable right now; the next group will report that
        }
    }

    /** The next request, or (WAL mode only) null after a quiet checkpoint interval. */
    private Request takeUninterruptibly() {
        while (true) {
            try {
                if (wal != null) return queue.poll(WalCommitter.CHECKPOINT_INTERVAL_NANOS, java.util.concurrent.TimeUnit.NANOSECONDS);
                return queue.take();
            } catch (InterruptedException e) {
                // Only close() may stop the writer, via a Stop request.
            }
        }
    }

    private static void runTask(Task task) {
        try {
            task.done().complete(task.work().call());
        } catch (Throwable t) {
            task.done().completeExceptionally(t);
        }
    }

    /**
     * Commits the group; if it failed for lack of space and only frees space (DELETE, DROP,
     * TRUNCATE), gives the reserve back to the file system and tries the unanswered part again.
     */
    private void commitGroupOrFreeSpace(List<Commit> group) {
        boolean frees = freesSpace(group);
        try {
            commitGroup(group);
        } catch (RuntimeException e) {
            if (!frees || diskFullOrAsIs(LmdbErrors.from("commit", e), group).kind() != Kind.DISK_FULL || !releaseReserve()) {
                throw e;
            }
            if (LmdbErrors.isFatal(e)) reopenEnvironment();
            resyncSequence();
            commitGroup(new ArrayList<>(group.stream().filter(c -> !c.done().isDone()).toList()));
        }
        if (frees && nearlyFull()) releaseFreedPages();
    }

    private boolean nearlyFull() {
        try {
            return java.nio.file.Files.getFileStore(lenv.dir).getUsableSpace() < (4L << 20);
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * LMDB reuses the pages freed by transaction N only from transaction N + 2 on (it keeps the
     * previous state intact). After deletes on a full disk, one more (content-free) commit
     * makes their pages available to the next insert at once. Best effort.
     */
    private void releaseFreedPages() {
        for (int attempt = 0; attempt < 2; attempt++) {
            try (Txn<ByteBuffer> txn = lenv.env.txnWrite()) {
                lenv.writeSequence(txn, sequence);
                txn.commit();
                return;
            } catch (RuntimeException e) {
                if (LmdbErrors.isFatal(e)) {
                    reopenEnvironment();
                    return;
                }
                if (attempt > 0 || !releaseReserve()) return;
            }
        }
    }

    /** Gives the space reserve back to the file system; false if there was none to give. */
    boolean releaseReserve() {
        DiskReserve r = reserve;
        return r != null && r.release();
    }

    /**
     * Whether writing the group gives space back: every batch deletes something and puts no more
     * keys than it deletes (DELETE, DROP TABLE, TRUNCATE; their catalog updates are small).
     */
    static boolean freesSpace(List<Commit> group) {
        for (Commit c : group) {
            int deletes = 0;
            for (WriteBatch.Op op : c.batch().ops()) if (op.isDelete()) deletes++;
            if (deletes == 0 || c.batch().size() - deletes > deletes) return false;
        }
        return !group.isEmpty();
    }

    private void commitGroup(List<Commit> group) {
        for (int growths = 0; ; growths++) {
            try {
                answer(group, writeGroup(group));
                return;
            } catch (Env.MapFullException e) {
                if (growths >= MAX_MAP_GROWTHS_PER_GROUP) throw e;
                growMap(group);
            } catch (Txn.TxFullException e) {
                if (group.size() == 1) {
                    fail(group, new StorageException(Kind.OTHER,
                            "write batch too large for one LMDB transaction (" + group.getFirst().batch().size() + " operations)", e));
                    return;
                }
                int half = group.size() / 2;
                commitGroup(new ArrayList<>(group.subList(0, half)));
                commitGroup(new ArrayList<>(group.subList(half, group.size())));
                return;
            }
        }
    }

    static void answer(List<Commit> group, Object[] results) {
        for (int i = 0; i < group.size(); i++) {
            Commit c = group.get(i);
            if (results[i] instanceof Long seq) c.succeed(seq);
            else c.reject((Throwable) results[i]);
        }
    }

    /**
     * One attempt at writing the group in one LMDB transaction. Returns, per request, its sequence
     * (Long) or why it was rejected (Throwable). Throws, with nothing applied, if the group as a
     * whole failed.
     */
    private Object[] writeGroup(List<Commit> group) {
        Env<ByteBuffer> env = lenv.env;
        Object[] results = new Object[group.size()];
        boolean nested = group.size() > 1;
        long base = sequence;
        long seq = base;
        try (Txn<ByteBuffer> txn = env.txnWrite()) {
            for (int i = 0; i < results.length; i++) {
                Commit c = group.get(i);
                long next = seq + 1;
                try {
                    checkKeys(c.batch());
                    if (c.validator() != null) c.validator().validate(next);
                } catch (Throwable rejected) {
                    results[i] = rejected;
                    continue;
                }
                if (nested) {
                    try (Txn<ByteBuffer> child = env.txn(txn)) {
                        apply(child, c.batch());
                        child.commit();
                    } catch (Env.MapFullException | Txn.TxFullException capacity) {
                        throw capacity; // the whole group is retried
                    } catch (LmdbException failed) {
                        results[i] = LmdbErrors.from("write batch failed in " + dirName(), failed);
                        continue;
                    }
                } else {
                    apply(txn, c.batch());
                }
                results[i] = next;
                seq = next;
            }
            if (seq == base) return results; // nothing to write: the transaction is aborted on close
            lenv.writeSequence(txn, seq);
            int errno = injectedErrno.getAndSet(0);
            if (errno != 0) throw new InjectedLmdbFailure(errno);
            long start = System.nanoTime();
            txn.commit();
            if (!relaxed) syncTimes.record(System.nanoTime() - start);
        }
        sequence = seq;
        unsynced = true;
        groupCommitted(seq - base);
        published.accept(seq);
        return results;
    }

    static void checkKeys(WriteBatch batch) {
        for (WriteBatch.Op op : batch.ops()) {
            if (op.key().length == 0) throw new StorageException(Kind.OTHER, "empty keys are not supported by the LMDB store");
        }
    }

    private void apply(Txn<ByteBuffer> txn, WriteBatch batch) {
        for (WriteBatch.Op op : batch.ops()) applyOp(txn, op.key(), op.value());
    }

    /** Puts (or with {@code value == null} deletes) one key in {@code txn}. Writer thread only. */
    void applyOp(Txn<ByteBuffer> txn, byte[] k, byte[] value) {
        ByteBuffer key = keyBuffer;
        int bucketed = key.capacity(); // keys this long or longer live in a LongKeyBucket
        key.clear();
        key.put(k, 0, Math.min(k.length, bucketed)).flip();
        if (k.length >= bucketed) {
            applyToBucket(txn, key, k, value);
        } else if (value == null) {
            lenv.data.delete(txn, key);
        } else {
            // MDB_RESERVE: copy the value straight into its page, skipping a staging buffer.
            ByteBuffer target = lenv.data.reserve(txn, key, value.length);
            target.put(0, value);
        }
    }

    /** Read-modify-write of the bucket of a long key; {@code value == null} deletes. */
    private void applyToBucket(Txn<ByteBuffer> txn, ByteBuffer prefix, byte[] key, byte[] value) {
        ByteBuffer stored = lenv.data.get(txn, prefix);
        List<LongKeyBucket.Entry> entries = stored == null ? new ArrayList<>() : LongKeyBucket.decode(stored);
        byte[] suffix = java.util.Arrays.copyOfRange(key, prefix.limit(), key.length);
        int at = LongKeyBucket.indexOf(entries, suffix);
        if (value == null) {
            if (at < 0) return;
            entries.remove(at);
            if (entries.isEmpty()) {
                lenv.data.delete(txn, prefix);
                return;
            }
        } else if (at >= 0) {
            entries.set(at, new LongKeyBucket.Entry(suffix, value));
        } else {
            entries.add(-at - 1, new LongKeyBucket.Entry(suffix, value));
        }
        LongKeyBucket.encode(entries, lenv.data.reserve(txn, prefix, LongKeyBucket.encodedSize(entries)));
    }

    /** Doubles the map (at least enough for the group) with no reader inside it. */
    private void growMap(List<Commit> group) {
        long needed = 0;
        for (Commit c : group) needed += c.batch().approximateBytes();
        growMapFor(needed);
    }

    /** Doubles the map, or more if {@code needed} bytes call for it. Writer thread only. */
    void growMapFor(long needed) {
        long current = lenv.mapSize();
        long target = Math.max(current * 2, current + needed * 3);
        gate.remap(() -> lenv.env.setMapSize(target));
        mapGrowths.incrementAndGet();
    }

    /**
     * LMDB reports a short write as EIO, and a nearly full file system gives short writes rather
     * than ENOSPC. So an I/O failure while the data directory's file system has (almost) no room
     * left is reported as disk full, which is what the user has to fix.
     */
    StorageException diskFullOrAsIs(StorageException e, List<Commit> group) {
        long needed = 0;
        for (Commit c : group) needed += 2 * c.batch().approximateBytes();
        return diskFullOrAsIs(e, needed);
    }

    /** As above, for a write of about {@code needed} bytes (a group, a checkpoint or a replay). */
    StorageException diskFullOrAsIs(StorageException e, long needed) {
        if (e.kind() != Kind.IO || lenv == null) return e;
        try {
            long usable = java.nio.file.Files.getFileStore(lenv.dir).getUsableSpace();
            if (usable >= needed + (4L << 20)) return e;
            String lmdbSaid = e.getCause() instanceof org.lmdbjava.LmdbNativeException ne ? LmdbErrors.describe(ne.getResultCode()) : e.getMessage();
            // This text becomes the %s of error 1021.
            return new StorageException(Kind.DISK_FULL, "no space left on device for data directory " + lenv.dir + " ("
                    + usable + " bytes free; LMDB reported " + lmdbSaid + ")", e);
        } catch (java.io.IOException | RuntimeException ignored) {
            return e;
        }
    }

    private static void fail(List<Commit> group, Throwable why) {
        for (Commit c : group) c.reject(why);
    }

    String dirName() {
        return lenv == null ? "(not open)" : "data directory " + lenv.dir;
    }
}
