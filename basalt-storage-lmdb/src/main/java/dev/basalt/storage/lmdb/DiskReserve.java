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
 * <p>Every later full-disk episode needs a reserve too, but after the first one the file system
 * seldom has room for the file again: the space a DELETE gives back stays inside data.mdb. So
 * while the file is missing, the same size is kept inside data.mdb instead ({@link MapReserve}),
 * taken from the pages the freeing write gave back, right after it and before the next inserts
 * can take them; the next episode gives those pages up the same way.
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
    /** The reserve inside data.mdb, used while the file is missing; null keeps none (unit tests). */
    private final MapReserve inMap;
    private long lastAttempt = Long.MIN_VALUE / 2;
    /** A reserve was given up: take the room back inside data.mdb at the next chance, not in 5 s. */
    private boolean rearm;

    DiskReserve(Path dir, long size) {
        this(dir, size, null);
    }

    DiskReserve(Path dir, long size, MapReserve inMap) {
        this.path = dir.resolve(NAME);
        this.size = size;
        this.inMap = size > 0 ? inMap : null;
    }

    /** Whether the reserve file exists with its full size. */
    boolean held() {
        try {
            return size > 0 && Files.size(path) >= size;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Gives up the reserve file, or if there is none the reserve inside data.mdb; true if there
     * was one to give back.
     */
    boolean release() {
        if (size <= 0) return false;
        lastAttempt = System.nanoTime(); // do not take the file's room back at once
        rearm = true;
        try {
            boolean had = Files.deleteIfExists(path);
            if (had) {
                LOG.log(Level.WARNING, "disk full: released the {0}-byte space reserve {1} for a write that frees space", size, path);
                return true;
            }
        } catch (IOException e) {
            LOG.log(Level.ERROR, "cannot delete the space reserve " + path, e);
        }
        return inMap != null && inMap.release();
    }

    /**
     * Creates the reserve if it is missing and the file system has room for it and as much again
     * (so that creating it does not itself fill the disk). Never throws: without a reserve the
     * store works, only a full disk is harder to recover from.
     */
    void ensure() {
        if (size <= 0) return;
        long now = System.nanoTime();
        boolean due = now - lastAttempt >= RETRY_NANOS;
        if (!due && !rearm) return; // called after every group: stay cheap
        if (due) lastAttempt = now;
        if (held()) {
            rearm = false;
            return;
        }
        if (due) createFile();
        if (inMap != null && !held()) {
            // A reserve was spent and the file cannot be made again: the room goes inside data.mdb;
            // right after a release this takes the pages the freeing write gave back. Failing (no room
            // yet) is tried again after the next group. Not before any release: on a disk too small for
            // the file from the start, the reserve must not take the room the data needs.
            try {
                if (inMap.complete() || (rearm || inMap.heldBytes() > 0) && inMap.arm()) rearm = false;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot keep the space reserve inside data.mdb: " + e.getMessage());
            }
        }
    }

    private void createFile() {
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
