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
 */
public record LmdbOptions(Durability durability, boolean migrate, long initialMapSize, Duration relaxedSyncInterval) {

    /** 1 GiB of address space: sparse on 64-bit systems, the file only grows with the data. */
    public static final long DEFAULT_MAP_SIZE = 1L << 30;
    public static final Duration DEFAULT_RELAXED_SYNC_INTERVAL = Duration.ofSeconds(1);

    public LmdbOptions {
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(relaxedSyncInterval, "relaxedSyncInterval");
        if (initialMapSize <= 0) throw new IllegalArgumentException("initialMapSize must be positive");
        if (relaxedSyncInterval.isNegative() || relaxedSyncInterval.isZero()) {
            throw new IllegalArgumentException("relaxedSyncInterval must be positive");
        }
    }

    /** FULL durability, no migration, 1 GiB initial map, 1 s relaxed sync interval. */
    public static LmdbOptions defaults() {
        return new LmdbOptions(Durability.FULL, false, DEFAULT_MAP_SIZE, DEFAULT_RELAXED_SYNC_INTERVAL);
    }

    public LmdbOptions withDurability(Durability d) {
        return new LmdbOptions(d, migrate, initialMapSize, relaxedSyncInterval);
    }

    public LmdbOptions withMigrate(boolean m) {
        return new LmdbOptions(durability, m, initialMapSize, relaxedSyncInterval);
    }

    public LmdbOptions withInitialMapSize(long bytes) {
        return new LmdbOptions(durability, migrate, bytes, relaxedSyncInterval);
    }

    public LmdbOptions withRelaxedSyncInterval(Duration interval) {
        return new LmdbOptions(durability, migrate, initialMapSize, interval);
    }
}
