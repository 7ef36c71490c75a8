package dev.basalt.storage.lmdb;

import dev.basalt.engine.storage.kv.StorageException;
import dev.basalt.engine.storage.kv.StorageException.Kind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.lmdbjava.ByteBufferProxy;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.Txn;

/**
 * The LMDB environment of one data directory: its two databases ("data" for the store's keys,
 * "meta" for the format version and the commit sequence) and the open-time checks. Everything
 * here that writes runs on the store's writer thread.
 */
final class LmdbEnvironment {

    static final String DATA_DBI = "data";
    static final String META_DBI = "meta";
    private static final byte[] FORMAT_KEY = "format_version".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEQUENCE_KEY = "commit_sequence".getBytes(StandardCharsets.US_ASCII);
    /**
     * Enough reader slots for many concurrently open snapshots (one per SQL transaction). Each
     * costs 64 bytes of the lock file.
     */
    static final int MAX_READERS = 4096;
    private static final DateTimeFormatter BACKUP_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    final Path dir;
    final Env<ByteBuffer> env;
    final Dbi<ByteBuffer> data;
    final Dbi<ByteBuffer> meta;
    final int maxKeySize;
    /** Set when the open upgraded an older format: where the pre-upgrade copy is. */
    Path backupDir;
    long sequenceAtOpen;
    /** Commits replayed from a write-ahead log at open. */
    long replayedAtOpen;
    /**
     * WAL mode on a full disk: logged commits (sequences from {@code sequenceAtOpen + 1}) that
     * could not be replayed into LMDB at open; they stay in the log and go to the overlay.
     */
    List<dev.basalt.engine.storage.kv.WriteBatch> deferredAtOpen = List.of();
    private final ByteBuffer writerSequenceKey = direct(SEQUENCE_KEY);
    private final ByteBuffer writerSequenceValue = ByteBuffer.allocateDirect(8).order(ByteOrder.BIG_ENDIAN);

    private LmdbEnvironment(Path dir, Env<ByteBuffer> env, Dbi<ByteBuffer> data, Dbi<ByteBuffer> meta) {
        this.dir = dir;
        this.env = env;
        this.data = data;
        this.meta = meta;
        this.maxKeySize = env.getMaxKeySize();
    }

    /**
     * Opens the environment in {@code dir}, stamps a fresh one with the current format, or
     * checks (and with {@code migrate}, upgrades) an existing one. Must run on the writer thread.
     */
    static LmdbEnvironment open(Path dir, LmdbOptions options, FormatMigrations migrations) {
        Env<ByteBuffer> env;
        try {
            env = Env.create(ByteBufferProxy.PROXY_OPTIMAL)
                    .setMapSize(options.initialMapSize())
                    .setMaxDbs(4)
                    .setMaxReaders(MAX_READERS)
                    .open(dir.toFile(), flags(options.durability()));
        } catch (RuntimeException e) {
            throw LmdbErrors.from("cannot open the LMDB environment in data directory " + dir, e);
        }
        try {
            // Reader slots left behind by a crashed process would pin old pages forever.
            env.readerCheck();
            Dbi<ByteBuffer> data = env.openDbi(DATA_DBI, DbiFlags.MDB_CREATE);
            Dbi<ByteBuffer> meta = env.openDbi(META_DBI, DbiFlags.MDB_CREATE);
            LmdbEnvironment lenv = new LmdbEnvironment(dir, env, data, meta);
            lenv.checkFormat(options.migrate(), migrations);
            lenv.sequenceAtOpen = lenv.readCommittedSequence();
            return lenv;
        } catch (RuntimeException e) {
            env.close();
            throw e instanceof StorageException se ? se : LmdbErrors.from("cannot open data directory " + dir, e);
        }
    }

    /**
     * MDB_NOTLS: read transactions are used from virtual threads, which move between carrier
     * threads; without it LMDB ties a reader slot to the OS thread. MDB_NORDAHEAD: the workload is
     * random point and range reads, where kernel readahead mostly evicts useful pages once the
     * data outgrows RAM. No MDB_WRITEMAP: nested transactions (one per batch of a group commit)
     * are not allowed with it, and it would preallocate the whole map in the file.
     * RELAXED adds MDB_NOSYNC: commits only reach the page cache; a timer fsyncs. WAL keeps LMDB's
     * synchronous commits: its checkpoints must leave a durable base before the log is reused.
     */
    private static EnvFlags[] flags(Durability durability) {
        List<EnvFlags> flags = new ArrayList<>(List.of(EnvFlags.MDB_NOTLS, EnvFlags.MDB_NORDAHEAD));
        if (durability == Durability.RELAXED) flags.add(EnvFlags.MDB_NOSYNC);
        return flags.toArray(EnvFlags[]::new);
    }

    private void checkFormat(boolean migrate, FormatMigrations migrations) {
        Integer stored;
        long entries;
        try (Txn<ByteBuffer> txn = env.txnRead()) {
            ByteBuffer v = meta.get(txn, direct(FORMAT_KEY));
            stored = v == null ? null : v.order(ByteOrder.BIG_ENDIAN).getInt(v.position());
            entries = data.stat(txn).entries;
        }
        int current = migrations.current();
        if (stored == null) {
            if (entries != 0) {
                throw new StorageException(Kind.FORMAT, "data directory " + dir
                        + " holds data without a format version stamp; it was not written by a Basalt server this one can read");
            }
            try (Txn<ByteBuffer> txn = env.txnWrite()) {
                writeFormat(txn, current);
                writeSequence(txn, 0);
                txn.commit();
            }
            return;
        }
        int version = stored;
        if (version == current) return;
        if (version > current) {
            throw new StorageException(Kind.FORMAT, "data directory " + dir + " was written by format version " + version
                    + "; this server only understands format versions up to " + current + "; use a newer Basalt server");
        }
        if (!migrate) {
            throw new StorageException(Kind.FORMAT, "data directory " + dir + " was written by format version " + version
                    + "; this server uses " + current + "; start with --migrate to upgrade it in place (a backup is kept in "
                    + dir.resolve("backup-format" + version + "-<timestamp>") + ")");
        }
        if (!migrations.canUpgradeFrom(version)) {
            throw new StorageException(Kind.FORMAT, "data directory " + dir + " was written by format version " + version
                    + "; this server has no upgrade path from it to format version " + current);
        }
        backupDir = backup(version);
        for (int v = version; v < current; v++) {
            try (Txn<ByteBuffer> txn = env.txnWrite()) {
                migrations.stepFrom(v).upgrade(txn, data, meta);
                writeFormat(txn, v + 1);
                txn.commit();
            }
        }
    }

    /** A consistent copy of the data file, taken before any upgrade step touches it. */
    private Path backup(int version) {
        String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(BACKUP_STAMP);
        Path target = dir.resolve("backup-format" + version + "-" + stamp);
        for (int n = 1; Files.exists(target); n++) target = dir.resolve("backup-format" + version + "-" + stamp + "-" + n);
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            throw LmdbErrors.fromIo("cannot create backup directory " + target, e);
        }
        try {
            env.copy(target.toFile());
        } catch (RuntimeException e) {
            throw LmdbErrors.from("cannot back up data directory " + dir + " to " + target, e);
        }
        return target;
    }

    private void writeFormat(Txn<ByteBuffer> txn, int version) {
        ByteBuffer v = ByteBuffer.allocateDirect(4).order(ByteOrder.BIG_ENDIAN).putInt(0, version);
        meta.put(txn, direct(FORMAT_KEY), v);
    }

    /** Test hook: stamps a different format version, to simulate directories of older or newer servers. */
    void overwriteFormatVersion(int version) {
        try (Txn<ByteBuffer> txn = env.txnWrite()) {
            writeFormat(txn, version);
            txn.commit();
        }
    }

    /** The commit sequence of the newest committed state, in a read transaction of its own. */
    long readCommittedSequence() {
        try (Txn<ByteBuffer> txn = env.txnRead()) {
            return readSequence(txn, direct(SEQUENCE_KEY));
        }
    }

    /** The commit sequence as of {@code txn}; {@code keyBuffer} must come from {@link #sequenceKey()}. */
    long readSequence(Txn<ByteBuffer> txn, ByteBuffer keyBuffer) {
        ByteBuffer v = meta.get(txn, keyBuffer);
        return v == null ? 0 : v.order(ByteOrder.BIG_ENDIAN).getLong(v.position());
    }

    /** Stores the commit sequence in {@code txn}. Writer thread only: reuses its buffers. */
    void writeSequence(Txn<ByteBuffer> txn, long seq) {
        writerSequenceValue.putLong(0, seq);
        meta.put(txn, writerSequenceKey, writerSequenceValue);
    }

    static ByteBuffer sequenceKey() {
        return direct(SEQUENCE_KEY);
    }

    static ByteBuffer direct(byte[] bytes) {
        ByteBuffer b = ByteBuffer.allocateDirect(bytes.length);
        b.put(0, bytes);
        return b;
    }

    long mapSize() {
        return env.info().mapSize;
    }
}
