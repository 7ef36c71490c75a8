package dev.basalt.storage.lmdb;

import java.time.Duration;

/** TEMP stub (wip-server); the real record comes from wip-store. */
public record LmdbOptions(Durability durability, boolean migrate, long initialMapSize, Duration relaxedSyncInterval) {
    public static LmdbOptions defaults() {
        return new LmdbOptions(Durability.FULL, false, 1L << 30, Duration.ofMillis(100));
    }
}
