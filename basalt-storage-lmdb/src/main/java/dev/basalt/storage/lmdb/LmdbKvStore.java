package dev.basalt.storage.lmdb;

import dev.basalt.engine.storage.kv.CommitValidator;
import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.KvStore;
import dev.basalt.engine.storage.kv.StorageException;
import dev.basalt.engine.storage.kv.StorageException.Kind;
import dev.basalt.engine.storage.kv.WriteBatch;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.lmdbjava.Dbi;

/**
 * The default, crash-safe {@link KvStore}: one LMDB environment per data directory.
 *
 * <p>Writes go through a single platform writer thread with group commit (see
 * {@link GroupCommitWriter}; in WAL mode the first committing session logs the group itself,
 * see {@link LeaderCommits}); reads use LMDB read transactions (MDB_NOTLS, so virtual threads
 * may carry them). The map grows on demand. A lock file keeps other servers off the directory.
 *
 * <p>Durability: with {@link Durability#FULL} a commit returns after its group was fsynced. With
 * {@link Durability#RELAXED} it returns once the data is in the OS page cache, and a timer fsyncs
 * every {@link LmdbOptions#relaxedSyncInterval()} and at close: a process crash loses nothing, an
 * OS crash or power failure may lose up to that interval of commits (and, since LMDB does not
 * order unsynced writes, can in rare cases damage the file). With {@link Durability#WAL} a commit
 * returns after its group's record was written synchronously to a write-ahead log, and reads
 * merge an in-memory overlay of not-yet-checkpointed writes with LMDB; as durable as FULL, with
 * one small synchronous write per group instead of an LMDB commit (see {@link WalCommitter}).
 * Every open replays a log left behind by a crash, whatever the mode.
 *
 * <p>Commit validators run on the writer thread (in WAL mode: on the thread of the session
 * leading the group, one group at a time): they must be quick, must not block on other
 * sessions and must not commit themselves. A validator may run more than once for one commit
 * (the group is retried after growing the map; not in WAL mode, where it runs exactly once), and a batch it accepted may still fail with a
 * {@link StorageException} (disk full, I/O error); it should therefore not record anything that
 * a failed commit would make wrong.
 */
public final class LmdbKvStore implements KvStore {

    private static final System.Logger LOG = System.getLogger(LmdbKvStore.class.getName());

    private final Path dir;
    private final LmdbOptions options;
    private final DataDirLock lock;
    private final FormatMigrations migrations;
    final MapGate gate = new MapGate();
    final ReaderPool pool = new ReaderPool();
    private final GroupCommitWriter writer;
    private final Set<LmdbSnapshot> openSnapshots = ConcurrentHashMap.newKeySet();
    /** Commit acceptance vs close: every accepted commit is queued before the writer's stop. */
    private final ReentrantReadWriteLock acceptance = new ReentrantReadWriteLock();
    private volatile LmdbEnvironment environment;
    private volatile long lastSequence;
    private ScheduledExecutorService syncTimer;
    /** WAL mode only: commits logged by the first session to arrive (null in the other modes). */
    private volatile LeaderCommits leaders;
    /** WAL mode only: acknowledged writes not (yet) pruned after their checkpoint. */
    private volatile Overlay overlay;
    private boolean closed;

    private LmdbKvStore(Path dir, LmdbOptions options, DataDirLock lock, FormatMigrations migrations) {
        this.dir = dir;
        this.options = options;
        this.lock = lock;
        this.migrations = migrations;
        this.writer = new GroupCommitWriter("basalt-lmdb-writer " + dir.getFileName(), gate, seq -> lastSequence = seq);
        this.writer.reopen = this::reopenEnvironment;
    }

    /**
     * After a fatal LMDB error (MDB_PANIC, e.g. a failed meta page write) the environment refuses
     * every transaction until reopened. Runs on the writer thread, with no reader in the map;
     * snapshots open at that moment are lost (their calls fail with IO).
     */
    private void reopenEnvironment() {
        LOG.log(Level.WARNING, "reopening the LMDB environment of data directory {0} after a fatal error", dir);
        gate.remap(() -> {
            for (LmdbSnapshot s : openSnapshots) s.abandon(true);
            openSnapshots.clear();
            pool.closeAll();
            environment.env.close();
            LmdbEnvironment fresh = LmdbEnvironment.open(dir, options.withMigrate(false), migrations);
            long logged = writer.sequence();
            writer.attach(fresh);
            environment = fresh;
            if (overlay != null) {
                writer.resumeAt(logged); // LMDB holds the checkpointed part; the overlay and the log the rest
            } else {
                lastSequence = fresh.sequenceAtOpen;
            }
        });
    }

    /**
     * Opens (creating if needed) the store in {@code dataDir}.
     *
     * @throws StorageException LOCKED if another server uses the directory, FORMAT if it holds an
     *                          incompatible on-disk format, PERMISSION or IO if it cannot be opened
     */
    public static LmdbKvStore open(Path dataDir, LmdbOptions options) {
        return open(dataDir, options, FormatMigrations.standard());
    }

    static LmdbKvStore open(Path dataDir, LmdbOptions options, FormatMigrations migrations) {
        Path dir = prepareDirectory(dataDir);
        DataDirLock lock = DataDirLock.acquire(dir);
        LmdbKvStore store;
        try {
            store = new LmdbKvStore(dir, options, lock, migrations);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        try {
            store.environment = store.writer.call(() -> {
                LmdbEnvironment env = LmdbEnvironment.open(dir, options, migrations);
                try {
                    store.writer.attach(env);
                    boolean walMode = options.durability() == Durability.WAL;
                    DiskReserve reserve = new DiskReserve(dir, options.reserveSize(),
                            new MapReserve(store.writer::environment, store.writer::reopenEnvironment, options.reserveSize()));
                    store.writer.reserve = reserve;
                    WalFile wal = WalCommitter.recover(store.writer, env, walMode, options.walSize());
                    reserve.ensure();
                    store.writer.resumeAt(env.sequenceAtOpen);
                    if (walMode) {
                        store.overlay = new Overlay(env.sequenceAtOpen);
                        WalCommitter committer = new WalCommitter(store.writer, store.overlay, wal);
                        store.writer.resumeAt(committer.adoptDeferred(env.sequenceAtOpen, env.deferredAtOpen));
                        store.writer.wal = committer;
                        store.leaders = new LeaderCommits(store.writer);
                    }
                } catch (RuntimeException e) {
                    env.env.close();
                    throw e;
                }
                return env;
            });
        } catch (RuntimeException e) {
            store.writer.stop();
            lock.close();
            throw e;
        }
        store.lastSequence = store.environment.sequenceAtOpen + store.environment.deferredAtOpen.size();
        if (store.environment.backupDir != null) {
            LOG.log(Level.INFO, "upgraded data directory {0}; the previous version is kept in {1}", dir, store.environment.backupDir);
        }
        if (options.durability() == Durability.RELAXED) {
            store.writer.relaxed = true;
            store.startSyncTimer();
        }
        return store;
    }

    private static Path prepareDirectory(Path dataDir) {
        Path abs = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(abs);
            Path real = abs.toRealPath();
            if (!Files.isDirectory(real)) throw new StorageException(Kind.IO, "data directory " + real + " is not a directory");
            return real;
        } catch (IOException e) {
            throw LmdbErrors.fromIo("cannot use data directory " + abs, e);
        }
    }

    private void startSyncTimer() {
        syncTimer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("basalt-lmdb-sync").daemon(true).factory());
        long millis = Math.max(1, options.relaxedSyncInterval().toMillis());
        syncTimer.scheduleWithFixedDelay(this::syncIfNeeded, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void syncIfNeeded() {
        if (!writer.unsynced) return;
        writer.unsynced = false;
        try {
            gate.enter();
        } catch (StorageException closing) {
            return;
        }
        try {
            long start = System.nanoTime();
            environment.env.sync(true);
            writer.syncTimes.record(System.nanoTime() - start);
        } catch (RuntimeException | Error e) { // a throw would cancel the schedule: syncing would stop for good
            writer.unsynced = true;
            LOG.log(Level.ERROR, "background fsync of data directory " + dir + " failed", e);
        } finally {
            gate.exit();
        }
    }

    @Override
    public KvSnapshot snapshot() {
        Overlay o = overlay;
        if (o == null) return lmdbSnapshot();
        // Pin first: the LMDB state read next is then at or above the pin, so nothing it needs
        // from the overlay is pruned. The sequence is read last: it is at least the LMDB state's.
        Overlay.Pin pin = o.pin();
        try {
            LmdbSnapshot base = lmdbSnapshot();
            try {
                return new WalSnapshot(base, o, pin, lastSequence);
            } catch (RuntimeException e) {
                base.close();
                throw e;
            }
        } catch (RuntimeException e) {
            o.unpin(pin);
            throw e;
        }
    }

    private LmdbSnapshot lmdbSnapshot() {
        while (true) {
            gate.enter();
            try {
                LmdbEnvironment env = environment; // read under the gate: a reopen swaps it
                ReaderSlot slot = pool.acquire(env.env, env.maxKeySize);
                long seq;
                try {
                    seq = env.readSequence(slot.txn, slot.sequenceKey);
                } catch (RuntimeException e) {
                    slot.txn.close();
                    throw e;
                }
                LmdbSnapshot snapshot = new LmdbSnapshot(this, slot, seq);
                openSnapshots.add(snapshot);
                return snapshot;
            } catch (Dbi.MapResizedException resized) {
                // Only another process can grow the map under us; the directory lock makes that
                // unexpected, but adopting the new size is harmless.
            } catch (StorageException e) {
                throw e;
            } catch (RuntimeException e) {
                throw LmdbErrors.from("cannot open a snapshot of data directory " + dir, e);
            } finally {
                gate.exit();
            }
            gate.remap(() -> environment.env.setMapSize(0));
        }
    }

    @Override
    public long commit(WriteBatch batch, CommitValidator validator) {
        CompletableFuture<Long> done;
        ReentrantReadWriteLock.ReadLock accepting = acceptance.readLock();
        accepting.lock();
        try {
            if (closed) throw new StorageException(Kind.CLOSED, "the LMDB store for data directory " + dir + " is closed");
            // WAL mode: led by a session, not the writer thread. The lock is held until the commit
            // is answered, so close() stops the writer only after every accepted commit is done.
            LeaderCommits led = leaders;
            if (led != null) return led.commit(batch, validator);
            // Queued under the lock, so close() cannot slip its stop request in front of it.
            done = writer.submit(batch, validator);
        } finally {
            accepting.unlock();
        }
        return GroupCommitWriter.await(done);
    }

    @Override
    public long lastSequence() {
        return lastSequence;
    }

    @Override
    public void observeDurableWrites(java.util.function.LongConsumer nanos) {
        writer.syncTimes.observe(nanos);
    }

    @Override
    public void observeGroupCommits(java.util.function.LongConsumer commits) {
        writer.groupSizes = commits;
    }

    @Override
    public String name() {
        return "lmdb";
    }

    Path dir() {
        return dir;
    }

    LmdbEnvironment env() {
        return environment;
    }

    void forget(LmdbSnapshot snapshot) {
        openSnapshots.remove(snapshot);
    }

    /** Group commits (one LMDB transaction and at most one fsync each) since open. */
    public long groupCommitCount() {
        return writer.groupCommits.get();
    }

    /** Batches committed since open. */
    public long commitCount() {
        return writer.commits.get();
    }

    /** WAL mode: checkpoints into LMDB since open (0 in the other modes). */
    public long checkpointCount() {
        WalCommitter w = writer.wal;
        return w == null ? 0 : w.checkpoints.get();
    }

    /**
     * Storage figures for SHOW GLOBAL STATUS and /metrics: commits and group commits (their ratio is
     * the mean group size), durable writes and their time, checkpoints and how far LMDB is behind
     * the write-ahead log, and the data directory's size.
     */
    public java.util.Map<String, String> status() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("Basalt_storage_commits", Long.toString(commitCount()));
        m.put("Basalt_storage_group_commits", Long.toString(groupCommitCount()));
        m.put("Basalt_storage_durable_writes", Long.toString(writer.syncTimes.count()));
        m.put("Basalt_storage_durable_write_time_us", Long.toString(writer.syncTimes.totalMicros()));
        m.put("Basalt_storage_checkpoints", Long.toString(checkpointCount()));
        m.put("Basalt_storage_checkpoint_lag", Long.toString(checkpointLag()));
        m.put("Basalt_storage_bytes", Long.toString(directoryBytes()));
        return m;
    }

    /** WAL mode: acknowledged commits not yet checkpointed into LMDB (0 in the other modes). */
    private long checkpointLag() {
        Overlay o = overlay;
        return o == null ? 0 : Math.max(0, lastSequence() - o.applied());
    }

    /** The data directory's files (data.mdb, the write-ahead log, ...), in bytes. */
    private long directoryBytes() {
        long total = 0;
        try (var files = java.nio.file.Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                try {
                    if (java.nio.file.Files.isRegularFile(f)) total += java.nio.file.Files.size(f);
                } catch (java.io.IOException gone) {
                    // a file removed while we looked: not counted
                }
            }
        } catch (java.io.IOException e) {
            return -1;
        }
        return total;
    }

    /** Commits replayed from the write-ahead log when this store was opened. */
    public long replayedAtOpen() {
        return environment.replayedAtOpen;
    }

    /** WAL mode: moves every acknowledged commit into LMDB now (normally done every ~100 ms). */
    void checkpointNow() {
        writer.call(() -> {
            if (writer.wal != null) writer.wal.checkpoint();
            return null;
        });
    }

    /** Test hook (WAL mode): turns the automatic checkpoints off or on. */
    void autoCheckpoint(boolean on) {
        if (writer.wal != null) writer.wal.autoCheckpoint = on;
    }

    /** Test hook (WAL mode): from now on at most {@code max} sessions log a group at the same time. */
    void maxLeadersForTest(int max) {
        leaders = new LeaderCommits(writer, max);
    }

    /** Test hook (WAL mode): sessions logging a group right now. */
    int activeLeadersForTest() {
        return leaders.active();
    }

    /** Test hook (WAL mode): runs {@code work} on the writer thread, holding walLock, with the log's committer. */
    <T> T withWalCommitter(java.util.function.Function<WalCommitter, T> work) {
        return writer.call(() -> work.apply(writer.wal));
    }

    /** Test hook (WAL mode): the next log write lands on disk but reports an I/O error. */
    void failNextWalAppendAfterWriting() {
        writer.wal.wal.failNextAppendAfterWriting = true;
    }

    /** WAL mode: approximate bytes held by the overlay (0 in the other modes). */
    long overlayBytes() {
        Overlay o = overlay;
        return o == null ? 0 : writer.call(o::bytes);
    }

    /** Test hook (WAL mode): runs {@code hook} on the writer thread inside the next periodic checkpoint. */
    void duringNextCheckpoint(Runnable hook) {
        writer.wal.duringNextCheckpoint = hook;
    }

    /** Test hook (WAL mode): ends the writer without a checkpoint, as a crash would, and releases the directory. */
    void crashForTest() {
        acceptance.writeLock().lock();
        try {
            closed = true;
        } finally {
            acceptance.writeLock().unlock();
        }
        if (writer.wal != null) writer.wal.skipFinalCheckpoint = true; // the log stays as it is
        writer.stop();
        LmdbEnvironment env = environment;
        gate.closeWith(() -> {
            for (LmdbSnapshot s : openSnapshots) s.abandon(false);
            openSnapshots.clear();
            pool.closeAll();
            env.env.close();
        });
        lock.close();
    }

    /** How often the map had to grow since open. */
    public long mapGrowthCount() {
        return writer.mapGrowths.get();
    }

    /** Current size of the memory map in bytes (address space, not file size). */
    public long mapSize() {
        gate.enter();
        try {
            return environment.mapSize();
        } finally {
            gate.exit();
        }
    }

    /** Where the pre-upgrade copy went if this open migrated an older format, else null. */
    public Path migrationBackup() {
        return environment.backupDir;
    }

    /** Requests waiting for the writer thread, and in WAL mode commits waiting for their group (a gauge for metrics). */
    public int queuedRequests() {
        LeaderCommits led = leaders;
        return writer.queued() + (led == null ? 0 : led.waiting());
    }

    /** Test hook: the next group commit fails as if LMDB had returned {@code errno}. */
    void injectCommitFailure(int errno) {
        writer.injectedErrno.set(errno);
    }

    /** Test hook: runs on the writer thread with the environment (e.g. to stamp another format). */
    void onWriterThread(java.util.function.Consumer<LmdbEnvironment> work) {
        writer.call(() -> {
            work.accept(environment);
            return null;
        });
    }

    /**
     * Stops accepting commits, lets queued ones finish, fsyncs, closes the environment (ending
     * any snapshot still open) and releases the directory lock.
     */
    @Override
    public void close() {
        acceptance.writeLock().lock();
        try {
            if (closed) return;
            closed = true;
        } finally {
            acceptance.writeLock().unlock();
        }
        writer.stop();
        if (syncTimer != null) {
            syncTimer.shutdownNow();
            try {
                syncTimer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LmdbEnvironment env = environment;
        gate.closeWith(() -> {
            try {
                if (options.durability() == Durability.RELAXED) env.env.sync(true);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "final fsync of data directory " + dir + " failed", e);
            }
            for (LmdbSnapshot s : openSnapshots) s.abandon(false);
            openSnapshots.clear();
            pool.closeAll();
            env.env.close();
        });
        lock.close();
    }
}
