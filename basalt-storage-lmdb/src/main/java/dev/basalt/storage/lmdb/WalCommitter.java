package dev.basalt.storage.lmdb;

import dev.basalt.engine.storage.kv.StorageException;
import dev.basalt.engine.storage.kv.StorageException.Kind;
import dev.basalt.engine.storage.kv.WriteBatch;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.lmdbjava.Env;
import org.lmdbjava.Txn;

/**
 * The writer side of {@link Durability#WAL} mode: group commit into the WAL, checkpoints into
 * LMDB, and crash recovery. Groups are logged by a leader session ({@link LeaderCommits}) or by
 * the writer thread; either holds the writer's walLock, so one thing at a time touches this
 * state. Checkpoints, recovery and the groups that need a checkpoint first (LMDB write
 * transactions) run on the writer thread only.
 *
 * <p>Why it is safe:
 * <ul>
 * <li>A group is acknowledged only after its one record (all accepted batches, CRC32C-checked)
 *     was written with O_DSYNC, so every acknowledged commit is on stable storage before its
 *     caller returns. Validators run once per batch, before the record is written; a batch
 *     becomes visible (overlay insert, then the published sequence) only after the write.</li>
 * <li>LMDB keeps its normal synchronous commits, so its file is always a consistent, durable
 *     state holding everything up to the applied sequence X stored in its meta database.</li>
 * <li>A checkpoint writes the newest overlay version of every key changed since X into LMDB
 *     (normally one transaction; very large overlays are split, which is safe because the meta
 *     sequence is only advanced by the last one and replaying the WAL from the old X rewrites
 *     every key to its final value), sets X to the last WAL-acknowledged sequence and commits
 *     with sync. Only then is the WAL written from its start again: everything in it is in
 *     LMDB.</li>
 * <li>Recovery (at every open, in every mode, so switching modes cannot lose a log) replays the
 *     records with sequence above X, in order, stopping at the first record that does not decode
 *     (torn, never acknowledged) or does not continue the sequence (stale, from before a
 *     restart), commits them to LMDB with sync and only then reuses or deletes the log.</li>
 * <li>If a WAL write fails, its record header is overwritten with zeros so that the failed group
 *     cannot come back at recovery; if even that fails, the store refuses further commits until
 *     it is reopened (its log tail is then of unknown content).</li>
 * </ul>
 */
final class WalCommitter {

    private static final System.Logger LOG = System.getLogger(WalCommitter.class.getName());
    /** Checkpoint at least this often while there is something to checkpoint. */
    static final long CHECKPOINT_INTERVAL_NANOS = 100_000_000L;
    private static final long MAX_OVERLAY_BYTES = 48L << 20;
    private static final int MAX_OVERLAY_KEYS = 60_000;
    /** Operations per LMDB transaction when a checkpoint or replay has to be split. */
    private static final int CHUNK = 50_000;
    /** Deletes per LMDB transaction in a checkpoint or replay (see {@link #deletesFirst}). */
    private static final int DELETE_CHUNK = 1024;

    /**
     * How far apart in the log the records being written at the same time may start: a record
     * whose end would pass the oldest unfinished record's start plus this waits until that one is
     * done (a larger record is then written alone). Recovery zeros this much after the chain it
     * finds, which therefore covers every record written beside the one that broke the chain.
     */
    static final int PIPELINE_WINDOW = 256 << 10;

    /**
     * A group's record between taking its sequences and place in the log (under walLock) and its
     * publication: written with walLock released, so the next group's record is written while
     * this one's is still on its way to the disk (concurrent O_DSYNC writes overlap their device
     * flushes). Groups are published in sequence order, each only when all before it are durable.
     */
    static final class Reservation {
        final List<GroupCommitWriter.Commit> group;
        final Object[] results;
        final List<WriteBatch> accepted;
        final long firstSequence;
        final long position;
        final ByteBuffer record;
        /** Under walLock: the write returned (successfully unless {@code failure}). */
        boolean finished;
        StorageException failure;

        Reservation(List<GroupCommitWriter.Commit> group, Object[] results, List<WriteBatch> accepted, long firstSequence,
                    long position, ByteBuffer record) {
            this.group = group;
            this.results = results;
            this.accepted = accepted;
            this.firstSequence = firstSequence;
            this.position = position;
            this.record = record;
        }

        long lastSequence() {
            return firstSequence + accepted.size() - 1;
        }
    }

    private final GroupCommitWriter writer;
    final Overlay overlay;
    final WalFile wal;
    /** Signalled (walLock's condition) whenever the last unfinished record is finished. */
    private final java.util.concurrent.locks.Condition drained;
    /** Records reserved and not yet published or failed, in sequence order. Under walLock. */
    private final java.util.ArrayDeque<Reservation> inFlight = new java.util.ArrayDeque<>();
    /** Direct buffers for records, one per record in flight. Under walLock. */
    private final java.util.ArrayDeque<ByteBuffer> buffers = new java.util.ArrayDeque<>();
    /**
     * A record failed: it and every record reserved after it (validated as if it had committed)
     * are failed; no record is reserved until the last of them finished and their headers were
     * zeroed ({@link #repair}). Under walLock.
     */
    private StorageException broken;
    private final List<Long> failedPositions = new ArrayList<>();
    /** Threads waiting in {@link #awaitRoom} or {@link #drain}. Under walLock. */
    private int roomWaiters;
    /** How many times the records in flight were all finished. Under walLock. */
    private long drains;
    private long lastCheckpoint = System.nanoTime();
    /** Set when a failed WAL write could not be neutralized. */
    private StorageException poisoned;
    /**
     * Set when a checkpoint failed for lack of space: from then on every group first retries the
     * checkpoint and is refused with DISK_FULL while it fails, so that the log does not pile up
     * commits the data file cannot take (a restart would have to replay them). Cleared by the
     * first checkpoint that succeeds, i.e. as soon as space was freed.
     */
    private boolean diskFull;
    /** A group that frees space was logged on a full disk: checkpoint it at once, with the reserve if need be. */
    private boolean freeingLogged;
    /** Test hook: false stops the periodic and size-triggered checkpoints (a full log still forces one). */
    volatile boolean autoCheckpoint = true;
    /** Test hook: runs once inside the next checkpoint that lets commits through, before its LMDB transaction. */
    volatile Runnable duringNextCheckpoint;
    /** Test hook: close as a crash would, leaving the log to recovery. */
    volatile boolean skipFinalCheckpoint;
    final java.util.concurrent.atomic.AtomicLong checkpoints = new java.util.concurrent.atomic.AtomicLong();

    WalCommitter(GroupCommitWriter writer, Overlay overlay, WalFile wal) {
        this.writer = writer;
        this.overlay = overlay;
        this.wal = wal;
        this.drained = writer.walCondition();
    }

    /**
     * Writer thread, at open after {@link #recover} deferred commits on a full disk: serves them
     * from the overlay and starts in the disk-full state. Returns the newest sequence.
     */
    long adoptDeferred(long applied, List<WriteBatch> deferred) {
        long seq = applied;
        for (WriteBatch b : deferred) {
            seq++;
            for (WriteBatch.Op op : b.ops()) overlay.add(op.key(), seq, op.value());
        }
        diskFull = !deferred.isEmpty();
        return seq;
    }

    /**
     * Writer thread, at open: replays a log left in {@code lenv.dir} into LMDB (updating
     * {@code lenv.sequenceAtOpen}). In WAL mode returns the log, ready for appends; otherwise
     * deletes it and returns null.
     */
    static WalFile recover(GroupCommitWriter writer, LmdbEnvironment lenv, boolean walMode, long walSize) {
        Path path = WalFile.pathIn(lenv.dir);
        if (!walMode && !Files.exists(path)) return null;
        WalFile file;
        try {
            file = WalFile.open(lenv.dir, walSize);
        } catch (IOException e) {
            throw LmdbErrors.fromIo("cannot open the write-ahead log " + path, e);
        }
        try {
            long applied = lenv.sequenceAtOpen;
            List<WriteBatch> redo = new ArrayList<>();
            long expected = applied + 1;
            WalFile.Entry lastEntry = null;
            List<WalFile.Entry> chain = file.readChain();
            if (walMode) file.zeroRange(chain.isEmpty() ? 0 : chain.getLast().end(), PIPELINE_WINDOW);
            for (WalFile.Entry e : chain) {
                WalRecords.Decoded d = e.record();
                if (d.lastSequence() <= applied) continue;
                if (d.firstSequence() > expected) {
                    throw new StorageException(Kind.FORMAT, "the write-ahead log " + path + " continues at sequence "
                            + d.firstSequence() + " but the data file holds only up to " + applied + "; refusing to open");
                }
                for (int i = (int) (expected - d.firstSequence()); i < d.batches().size(); i++) redo.add(d.batches().get(i));
                expected = d.lastSequence() + 1;
                lastEntry = e;
            }
            if (!redo.isEmpty()) {
                long last = applied + redo.size();
                try {
                    replayOrFreeSpace(writer, lenv, redo, last);
                } catch (StorageException full) {
                    if (full.kind() != Kind.DISK_FULL || !walMode || lastEntry == null) throw full;
                    // Start anyway: the commits stay in the log (still durable) and are served from
                    // the overlay; the store starts in its disk-full state.
                    LOG.log(Level.WARNING, "disk full: {0} logged commits cannot be checkpointed into {1} yet; "
                            + "starting with them in the write-ahead log ({2})", redo.size(), lenv.dir, full.getMessage());
                    file.resumeAfter(lastEntry);
                    lenv.deferredAtOpen = redo;
                    return file;
                }
                lenv.env.sync(true); // RELAXED opens LMDB with MDB_NOSYNC
                lenv.sequenceAtOpen = last;
                lenv.replayedAtOpen = redo.size();
                LOG.log(Level.INFO, "replayed {0} commits from the write-ahead log of {1}", redo.size(), lenv.dir);
            }
            if (walMode) return file;
            file.close();
            Files.delete(path);
            WalFile.syncDirectory(lenv.dir);
            return null;
        } catch (IOException e) {
            closeQuietly(file);
            throw LmdbErrors.fromIo("cannot replay the write-ahead log " + path, e);
        } catch (RuntimeException e) {
            closeQuietly(file);
            throw e;
        }
    }

    /**
     * Replays {@code redo} into LMDB. On a full disk (a server stopped while its last commits could
     * not be checkpointed) the space reserve is given up for it, so that the server still starts.
     */
    private static void replayOrFreeSpace(GroupCommitWriter writer, LmdbEnvironment lenv, List<WriteBatch> redo, long last) {
        // Only the newest version of each key, as a checkpoint writes: a delete logged after a put
        // then needs no room for the put (what lets a server stopped on a full disk start).
        Map<ByteBuffer, byte[]> newest = new java.util.LinkedHashMap<>();
        long bytes = 0;
        for (WriteBatch b : redo) {
            bytes += b.approximateBytes();
            for (WriteBatch.Op op : b.ops()) newest.put(ByteBuffer.wrap(op.key()), op.value());
        }
        for (boolean retried = false; ; retried = true) {
            try {
                boolean tight = retried;
                applyDurably(writer, lenv, sink -> deletesFirst(sink, tight, (wanted, out) -> newest.forEach((k, v) -> {
                    if (wanted.test(v)) out.accept(k.array(), v);
                })), last, 1L << 20);
                return;
            } catch (RuntimeException e) {
                StorageException failure = writer.diskFullOrAsIs(
                        LmdbErrors.from("cannot replay the write-ahead log into " + writer.dirName(), e), bytes);
                if (failure.kind() != Kind.DISK_FULL || retried) throw failure;
                writer.releaseReserve(); // and retry with deletes first in small transactions
                if (LmdbErrors.isFatal(e)) { // the environment is unusable until reopened: not a state to start in
                    throw new StorageException(Kind.IO, failure.getMessage() + "; free some space and start again", e);
                }
            }
        }
    }

    private static void closeQuietly(WalFile file) {
        try {
            file.close();
        } catch (IOException ignored) {
            // already failing
        }
    }

    /**
     * Writer thread, holding walLock: validates, logs and publishes one group with nothing else in
     * flight (a checkpoint may come first). Answers the group; throws if its record could not be
     * written (the group is failed then too).
     */
    void commitGroupNow(List<GroupCommitWriter.Commit> group) {
        drain();
        Reservation r = reserve(group);
        if (r == null) return;
        write(r);
        finish(r);
        if (r.failure != null) throw r.failure;
    }

    /**
     * Under walLock: waits until a record of (at most) {@code bytes} may be reserved beside the
     * ones in flight (none failed, within {@link #PIPELINE_WINDOW}); walLock is released meanwhile.
     * While anyone waits (here or in {@link #drain}) newcomers wait too, so that a steady stream
     * of small records cannot keep a large one or a checkpoint waiting forever.
     */
    void awaitRoom(int bytes) {
        if (roomWaiters == 0 && broken == null && fitsWindow(bytes)) return;
        roomWaiters++;
        try {
            long seen = drains;
            while (!inFlight.isEmpty() && (drains == seen || broken != null || !fitsWindow(bytes))) drained.awaitUninterruptibly();
        } finally {
            roomWaiters--;
        }
    }

    private boolean fitsWindow(int bytes) {
        return inFlight.isEmpty() || wal.position() + bytes <= inFlight.peekFirst().position + PIPELINE_WINDOW;
    }

    /** Under walLock: waits until every reserved record is published or failed. */
    void drain() {
        if (inFlight.isEmpty()) return;
        roomWaiters++;
        try {
            while (!inFlight.isEmpty()) drained.awaitUninterruptibly();
        } finally {
            roomWaiters--;
        }
    }

    /**
     * Under walLock: validates the group's batches with the sequences that follow every record
     * reserved so far, encodes the accepted ones and takes their place in the log. Returns null
     * (the group answered) if none was accepted. On the writer thread, with nothing in flight, a
     * checkpoint comes first when the log is full or the disk was.
     */
    Reservation reserve(List<GroupCommitWriter.Commit> group) {
        if (poisoned != null) throw poisoned;
        Object[] results = new Object[group.size()];
        List<WriteBatch> accepted = new ArrayList<>(group.size());
        long base = inFlight.isEmpty() ? writer.sequence() : inFlight.peekLast().lastSequence();
        for (int i = 0; i < results.length; i++) {
            GroupCommitWriter.Commit c = group.get(i);
            long next = base + accepted.size() + 1;
            try {
                GroupCommitWriter.checkKeys(c.batch());
                if (c.validator() != null) c.validator().validate(next);
            } catch (Throwable rejected) {
                results[i] = rejected;
                continue;
            }
            results[i] = next;
            accepted.add(c.batch());
        }
        if (accepted.isEmpty()) {
            GroupCommitWriter.answer(group, results);
            return null;
        }
        int size = WalRecords.encodedSize(accepted);
        // A checkpoint restarts the log; a record larger than the file just extends it.
        if (diskFull || !wal.fits(size)) {
            drain(); // only the writer thread gets here, with nothing in flight
            boolean frees = GroupCommitWriter.freesSpace(group);
            if (diskFull && frees && wal.fits(size)) {
                // Logged without checkpointing the backlog first: its deletes supersede the
                // backlog's puts of the same keys, so the checkpoint right after needs less room.
                freeingLogged = true;
            } else {
                try {
                    checkpointOrFreeSpace(frees);
                } catch (StorageException full) {
                    if (full.kind() != Kind.DISK_FULL || !frees) throw full;
                    // The log is full too: append past its preallocated end, into whatever room
                    // the reserve gave back; if there is none the append fails with DISK_FULL.
                    freeingLogged = true;
                }
            }
        }
        ByteBuffer buffer = takeBuffer(size);
        ByteBuffer record = WalRecords.encode(base + 1, accepted, buffer);
        Reservation r = new Reservation(group, results, accepted, base + 1, wal.reserve(record.remaining()), record);
        inFlight.addLast(r);
        return r;
    }

    private ByteBuffer takeBuffer(int size) {
        for (java.util.Iterator<ByteBuffer> it = buffers.iterator(); it.hasNext(); ) {
            ByteBuffer b = it.next();
            if (b.capacity() >= size) {
                it.remove();
                return b;
            }
        }
        ByteBuffer small = buffers.pollFirst(); // dropped: replaced by a larger one
        return ByteBuffer.allocateDirect(Math.max(size, small == null ? 64 << 10 : small.capacity() * 2));
    }

    /** Writes a reserved record; may run with walLock released, beside other records' writes. */
    void write(Reservation r) {
        try {
            long start = System.nanoTime();
            wal.writeAt(r.record, r.position);
            writer.syncTimes.record(System.nanoTime() - start);
        } catch (IOException | RuntimeException e) {
            r.failure = writer.diskFullOrAsIs(e instanceof IOException io
                    ? LmdbErrors.fromIo("cannot write the write-ahead log in " + writer.dirName(), io)
                    : LmdbErrors.from("cannot write the write-ahead log in " + writer.dirName(), e), r.group);
        }
    }

    /**
     * Under walLock, after {@link #write}: publishes (overlay, sequence, answers) every record at
     * the head of the queue that is finished, in sequence order; a failed one fails itself and
     * every record after it. Returns whether a record failed.
     */
    boolean finish(Reservation r) {
        r.finished = true;
        boolean failed = false;
        while (!inFlight.isEmpty() && inFlight.peekFirst().finished) {
            Reservation x = inFlight.pollFirst();
            buffers.addFirst(x.record.clear());
            if (x.failure == null && broken == null) {
                publish(x);
                continue;
            }
            failed = true;
            if (broken == null) broken = x.failure;
            failedPositions.add(x.position);
            StorageException why = x.failure != null ? x.failure : broken;
            for (GroupCommitWriter.Commit c : x.group) c.reject(why);
        }
        if (inFlight.isEmpty()) {
            if (broken != null) repair();
            drains++;
            drained.signalAll();
        }
        return failed;
    }

    private void publish(Reservation x) {
        long seq = x.firstSequence - 1;
        for (WriteBatch b : x.accepted) {
            seq++;
            // Copies: the caller may reuse its arrays once commit() returns (LMDB copies them too).
            for (WriteBatch.Op op : b.ops()) overlay.add(op.key().clone(), seq, op.isDelete() ? null : op.value().clone());
        }
        writer.advance(seq, x.accepted.size());
        GroupCommitWriter.answer(x.group, x.results);
    }

    /**
     * Under walLock, nothing in flight, after failed records: zeros their headers (a record written
     * after a failed one is on disk but was not acknowledged; its sequences go to new commits) and
     * writes the next record where the first failed one was. If that fails the log's content is
     * unknown: commits are refused until a restart.
     */
    private void repair() {
        try {
            for (long at : failedPositions) wal.invalidateAt(at);
        } catch (IOException again) {
            poisoned = new StorageException(Kind.IO, "the write-ahead log of " + writer.dirName()
                    + " is in an unknown state after a write failure; restart the server", again);
        }
        wal.rewindTo(failedPositions.getFirst());
        failedPositions.clear();
        broken = null;
    }

    /**
     * Checkpoints (before logging a group, or after logging one that frees space). On a full
     * disk, for a group that only frees space ({@code frees}) the reserve is given up and the
     * checkpoint tried again; otherwise it fails with DISK_FULL.
     */
    private void checkpointOrFreeSpace(boolean frees) {
        try {
            checkpoint();
            diskFull = false;
            return;
        } catch (RuntimeException e) {
            StorageException failure = checkpointFailure(e);
            if (failure.kind() != Kind.DISK_FULL) throw e;
            enterDiskFull(failure);
            if (!frees || !writer.releaseReserve()) throw failure;
            if (LmdbErrors.isFatal(e)) writer.reopenEnvironment();
        }
        try {
            checkpoint();
            diskFull = false;
        } catch (RuntimeException e) {
            throw checkpointFailure(e);
        }
    }

    private StorageException checkpointFailure(Throwable t) {
        return writer.diskFullOrAsIs(LmdbErrors.from("checkpoint failed in " + writer.dirName(), t), overlay.bytes());
    }

    private void enterDiskFull(StorageException why) {
        if (!diskFull) {
            LOG.log(Level.WARNING, "disk full: writes to " + writer.dirName() + " fail with error 1021 until space is freed ("
                    + why.getMessage() + "); reads, DELETE, DROP TABLE and TRUNCATE keep working");
        }
        diskFull = true;
    }

    /**
     * Whether {@link #commitGroup} can log this group without a checkpoint first (which only the
     * writer thread may run): the store is not in its disk-full state and the whole group's record
     * fits in the log (the accepted part's record is no larger). Under the writer's walLock.
     */
    boolean logsWithoutCheckpoint(int groupBytes) {
        return !diskFull && wal.fits(groupBytes);
    }

    /** The size of the record of the whole group (the accepted part's is no larger). */
    static int recordBytes(List<GroupCommitWriter.Commit> group) {
        List<WriteBatch> batches = new ArrayList<>(group.size());
        for (GroupCommitWriter.Commit c : group) batches.add(c.batch());
        return WalRecords.encodedSize(batches);
    }

    /** Whether {@link #afterGroup} would checkpoint now. Under the writer's walLock. */
    boolean checkpointDue() {
        return freeingLogged || autoCheckpoint && writer.sequence() > overlay.applied()
                && (System.nanoTime() - lastCheckpoint >= CHECKPOINT_INTERVAL_NANOS || overlay.bytes() > MAX_OVERLAY_BYTES
                        || overlay.keyCount() > MAX_OVERLAY_KEYS || wal.position() > wal.preallocated() / 4 * 3);
    }

    /** Between groups: checkpoints when due; failures are logged (commits go on in the log). */
    void afterGroup() {
        boolean freeing = freeingLogged;
        boolean due = checkpointDue();
        freeingLogged = false;
        try {
            if (due && !freeing && !diskFull && wal.position() <= wal.preallocated() / 4 * 3) {
                checkpointAlongsideCommits();
            } else if (due) {
                checkpointOrFreeSpace(freeing);
            } else if (!overlay.isEmpty()) {
                overlay.prune(); // snapshots that blocked pruning may have closed since
            }
        } catch (Throwable t) {
            lastCheckpoint = System.nanoTime(); // do not retry in a tight loop
            StorageException failure = checkpointFailure(t);
            if (failure.kind() == Kind.DISK_FULL) {
                enterDiskFull(failure); // logged once, not every interval
            } else {
                LOG.log(Level.ERROR, "checkpoint of the write-ahead log into " + writer.dirName() + " failed; will retry", t);
            }
            if (LmdbErrors.isFatal(t)) writer.reopenEnvironment();
        }
    }

    /**
     * The periodic checkpoint, run without blocking commits: it applies the commits up to the
     * sequence acknowledged when it starts ({@code target}; for each key the newest version at or
     * below it) to LMDB with walLock released, so leaders keep logging meanwhile. The log is
     * restarted only if nothing was logged meanwhile; otherwise it goes on (its chain still starts
     * at or below the applied sequence, which recovery skips up to), and the checkpoint that
     * finds it three quarters full blocks commits and restarts it ({@link #checkpoint}). Writer
     * thread, holding walLock once.
     */
    private void checkpointAlongsideCommits() {
        long target = writer.sequence();
        long applied = overlay.applied();
        if (target > applied) {
            long sizeHint = overlay.bytes();
            LmdbEnvironment lenv = writer.environment();
            Runnable hook = duringNextCheckpoint;
            duringNextCheckpoint = null;
            if (hook != null) writer.withoutWalLock(hook);
            writer.withoutWalLock(() -> applyDurably(writer, lenv, sink -> deletesFirst(sink, false, (wanted, out) -> {
                // Only this thread prunes, so the chains walked here stay whole; leaders add newer heads.
                for (Map.Entry<byte[], Overlay.Version> e : overlay.all()) {
                    Overlay.Version v = e.getValue();
                    while (v != null && v.sequence > target) v = v.older;
                    if (v != null && v.sequence > applied && wanted.test(v.value)) out.accept(e.getKey(), v.value);
                }
            }), target, sizeHint));
            overlay.markApplied(target);
            checkpoints.incrementAndGet();
        }
        if (writer.sequence() == target && inFlight.isEmpty()) wal.restart(); // everything in the log is in LMDB now
        lastCheckpoint = System.nanoTime();
        overlay.prune();
    }

    /** Applies every acknowledged commit to LMDB durably and restarts the log. Writer thread, commits blocked. */
    void checkpoint() {
        drain(); // records in flight are not in the overlay yet; the log restarts below
        long target = writer.sequence();
        long applied = overlay.applied();
        if (target > applied) {
            applyDurably(writer, writer.environment(), sink -> deletesFirst(sink, diskFull, (wanted, out) -> {
                for (Map.Entry<byte[], Overlay.Version> e : overlay.all()) {
                    Overlay.Version head = e.getValue();
                    if (head.sequence > applied && wanted.test(head.value)) out.accept(e.getKey(), head.value);
                }
            }), target, overlay.bytes());
            overlay.markApplied(target);
            checkpoints.incrementAndGet();
        }
        wal.restart();
        lastCheckpoint = System.nanoTime();
        overlay.prune();
    }

    /** At close, after the last group: everything into LMDB, then the log is closed. */
    void shutdown() {
        try {
            if (!skipFinalCheckpoint) checkpoint();
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "final checkpoint into " + writer.dirName() + " failed; the write-ahead log keeps the commits", t);
        }
        try {
            wal.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing the write-ahead log of " + writer.dirName() + " failed", e);
        }
    }

    /**
     * Runs {@code pass}, which emits the keys whose value (null for a delete) its predicate wants.
     * Normally one pass over everything. With {@code tight} (on a full disk) the deletes go
     * first, in LMDB transactions of at most {@link #DELETE_CHUNK} keys, then the puts: LMDB is
     * copy-on-write and reuses the pages a transaction frees only in later transactions, so each
     * small delete transaction recycles the pages of the one before and the puts then take the
     * room the deletes gave back. Safe to split: only newest versions are written and the stored
     * sequence is advanced by the last transaction.
     */
    private static void deletesFirst(BiConsumer<byte[], byte[]> sink, boolean tight,
                                     BiConsumer<java.util.function.Predicate<byte[]>, BiConsumer<byte[], byte[]>> pass) {
        if (!tight) {
            pass.accept(value -> true, sink);
            return;
        }
        int[] deletes = {0};
        pass.accept(value -> value == null, (key, value) -> {
            sink.accept(key, value);
            if (++deletes[0] % DELETE_CHUNK == 0) sink.accept(null, null);
        });
        sink.accept(null, null);
        pass.accept(value -> value != null, sink);
    }

    /**
     * Writes what {@code source} emits (key, value-or-null-for-delete, in order; a null key ends
     * the transaction so far) to LMDB and sets
     * the stored sequence to {@code finalSequence}, each transaction committed with LMDB's sync.
     * Retried from the start (it is idempotent) after growing the map or with smaller chunks.
     */
    private static void applyDurably(GroupCommitWriter writer, LmdbEnvironment lenv,
                                     Consumer<BiConsumer<byte[], byte[]>> source, long finalSequence, long sizeHint) {
        int chunk = CHUNK;
        for (int attempt = 0; ; attempt++) {
            try {
                applyOnce(writer, lenv, source, finalSequence, chunk);
                return;
            } catch (Env.MapFullException e) {
                if (attempt >= 40) throw e;
                writer.growMapFor(sizeHint);
            } catch (Txn.TxFullException e) {
                if (chunk <= 64) throw e;
                chunk /= 4;
            }
        }
    }

    private static void applyOnce(GroupCommitWriter writer, LmdbEnvironment lenv, Consumer<BiConsumer<byte[], byte[]>> source,
                                  long finalSequence, int chunk) {
        Env<ByteBuffer> env = lenv.env;
        @SuppressWarnings("unchecked")
        Txn<ByteBuffer>[] txn = new Txn[] {env.txnWrite()};
        int[] ops = {0};
        try {
            source.accept((key, value) -> {
                if (key == null) { // a boundary asked for by the source: commit what it wrote so far
                    if (ops[0] == 0) return;
                } else {
                    writer.applyOp(txn[0], key, value);
                }
                if (key == null || ++ops[0] >= chunk) {
                    txn[0].commit();
                    txn[0].close();
                    txn[0] = env.txnWrite();
                    ops[0] = 0;
                }
            });
            lenv.writeSequence(txn[0], finalSequence);
            txn[0].commit();
        } finally {
            txn[0].close();
        }
    }
}
