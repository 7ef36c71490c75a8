package dev.basalt.storage.lmdb;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an {@link LmdbKvStore}.
 *
 * @param durability          when commits are fsynced ({@link Durability#WAL}: through a write-ahead log)
 * @param migrate             upgrade an older on-disk format in place (after a backup) instead of refusing it
 * @param initialMapSize      bytes of address space mapped at start; grows automatically when full
 * @param relaxedSyncInterval how often {@link Durability#RELAXED} fsyncs: the window of commits an
 *                            OS crash can lose
 * @param walSize             bytes preallocated for the write-ahead log of {@link Durability#WAL} mode
 *                            (a checkpoint restarts it when it is 3/4 full)
 * @param reserveSize         bytes of the space reserve kept in the data directory for writes that
 *                            free space on a full disk ({@link DiskReserve}); 0 keeps none
 */
public record LmdbOptions(Durability durability, boolean migrate, long initialMapSize, Duration relaxedSyncInterval,
                          long walSize, long reserveSize) {

    /** 1 GiB of address space: sparse on 64-bit systems, the file only grows with the data. */
    public static final long DEFAULT_MAP_SIZE = 1L << 30;
    public static final Duration DEFAULT_RELAXED_SYNC_INTERVAL = Duration.ofSeconds(1);
    public static final long DEFAULT_WAL_SIZE = 32L << 20;
    /** Room for the copy-on-write pages of deletes, DROP and TRUNCATE (and their checkpoint) on a full disk. */
    public static final long DEFAULT_RESERVE_SIZE = 8L << 20;

    public LmdbOptions {
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(relaxedSyncInterval, "relaxedSyncInterval");
        if (initialMapSize <= 0) throw new IllegalArgumentException("initialMapSize must be positive");
        if (relaxedSyncInterval.isNegative() || relaxedSyncInterval.isZero()) {
            throw new IllegalArgumentException("relaxedSyncInterval must be positive");
        }
        if (walSize < (1 << 20)) throw new IllegalArgumentException("walSize must be at least 1 MiB");
        if (reserveSize < 0) throw new IllegalArgumentException("reserveSize must not be negative");
    }

    /**
     * The WAL and reserve sizes from the JVM properties {@code basalt.lmdb.walSize} and
     * {@code basalt.lmdb.reserveSize} (bytes; e.g. {@code BASALT_JAVA_OPTS=-Dbasalt.lmdb.walSize=8388608}),
     * else the defaults.
     */
    public LmdbOptions(Durability durability, boolean migrate, long initialMapSize, Duration relaxedSyncInterval) {
        this(durability, migrate, initialMapSize, relaxedSyncInterval,
                Long.getLong("basalt.lmdb.walSize", DEFAULT_WAL_SIZE), Long.getLong("basalt.lmdb.reserveSize", DEFAULT_RESERVE_SIZE));
    }

    /** FULL durability, no migration, 1 GiB initial map, 1 s relaxed sync interval; WAL (32 MiB) and reserve (8 MiB) sizes as above. */
    public static LmdbOptions defaults() {
        return new LmdbOptions(Durability.FULL, false, DEFAULT_MAP_SIZE, DEFAULT_RELAXED_SYNC_INTERVAL);
    }

    public LmdbOptions withDurability(Durability d) {
        return new LmdbOptions(d, migrate, initialMapSize, relaxedSyncInterval, walSize, reserveSize);
    }

    public LmdbOptions withMigrate(boolean m) {
        return new LmdbOptions(durability, m, initialMapSize, relaxedSyncInterval, walSize, reserveSize);
    }

    public LmdbOptions withInitialMapSize(long bytes) {
        return new LmdbOptions(durability, migrate, bytes, relaxedSyncInterval, walSize, reserveSize);
    }

    public LmdbOptions withRelaxedSyncInterval(Duration interval) {
        return new LmdbOptions(durability, migrate, initialMapSize, interval, walSize, reserveSize);
    }

    public LmdbOptions withWalSize(long bytes) {
        return new LmdbOptions(durability, migrate, initialMapSize, relaxedSyncInterval, bytes, reserveSize);
    }

    public LmdbOptions withReserveSize(long bytes) {
        return new LmdbOptions(durability, migrate, initialMapSize, relaxedSyncInterval, walSize, bytes);
    }
}
