package dev.basalt.storage.lmdb;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file of zeros kept in the data directory so that a full disk still has room for the writes
 * that give space back. LMDB is copy-on-write: even deleting rows, dropping or truncating a table
 * (and a WAL checkpoint or replay of them) needs a few fresh pages before the old ones become
 * free. When such a write fails for lack of space, the reserve is deleted and the write retried;
 * it is created again once the file system has room for it plus a margin.
 *
 * <p>Writer thread only (the store's open and its writer thread), so there is no locking.
 */
final class DiskReserve {

    static final String NAME = "basalt.reserve";
    private static final System.Logger LOG = System.getLogger(DiskReserve.class.getName());
    /** Do not try to recreate it more often than this: each try writes the whole file. */
    private static final long RETRY_NANOS = 5_000_000_000L;

    private final Path path;
    private final long size;
    private long lastAttempt = Long.MIN_VALUE / 2;

    DiskReserve(Path dir, long size) {
        this.path = dir.resolve(NAME);
        this.size = size;
    }

    /** Whether the reserve file exists with its full size. */
    boolean held() {
        try {
            return size > 0 && Files.size(path) >= size;
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes the reserve; true if there was one to give back. */
    boolean release() {
        if (size <= 0) return false;
        try {
            boolean had = Files.deleteIfExists(path);
            if (had) LOG.log(Level.WARNING, "disk full: released the {0}-byte space reserve {1} for a write that frees space", size, path);
            lastAttempt = System.nanoTime(); // do not take the room back at once
            return had;
        } catch (IOException e) {
            LOG.log(Level.ERROR, "cannot delete the space reserve " + path, e);
            return false;
        }
    }

    /**
     * Creates the reserve if it is missing and the file system has room for it and as much again
     * (so that creating it does not itself fill the disk). Never throws: without a reserve the
     * store works, only a full disk is harder to recover from.
     */
    void ensure() {
        if (size <= 0) return;
        long now = System.nanoTime();
        if (now - lastAttempt < RETRY_NANOS) return; // called after every group: stay cheap
        lastAttempt = now;
        if (held()) return;
        try {
            if (Files.getFileStore(path.getParent()).getUsableSpace() < 2 * size) return;
            // Real blocks, not a sparse file: the point is to own the space. No fsync: a reserve lost
            // in a crash is simply created again.
            ZeroFill.create(path, size, false);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot create the space reserve " + path + ": " + e.getMessage());
        }
    }

}
