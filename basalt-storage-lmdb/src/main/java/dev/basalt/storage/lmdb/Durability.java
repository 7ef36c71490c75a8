package dev.basalt.storage.lmdb;

/** How hard a commit is pushed to stable storage before {@code commit()} returns. */
public enum Durability {
    /** Every group commit is fsynced before its callers return. Survives power loss. */
    FULL,
    /**
     * Commits reach the OS page cache before returning and are fsynced by a background timer
     * (see {@link LmdbOptions#relaxedSyncInterval()}). A process crash (kill -9) loses nothing; an
     * OS crash or power loss may lose the commits of the last interval and, because LMDB then does
     * not order its page writes, may in rare cases damage the data file.
     */
    RELAXED,
    /**
     * Like {@link #FULL} (every acknowledged commit survives kill -9 and power loss), but a group
     * commit costs one small O_DSYNC write to a write-ahead log instead of an LMDB commit with its
     * page writes and two fsyncs; a checkpoint moves the logged commits into LMDB every ~100 ms.
     * See {@link WalCommitter}.
     */
    WAL
}
