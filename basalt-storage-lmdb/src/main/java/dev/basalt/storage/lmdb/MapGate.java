package dev.basalt.storage.lmdb;

import dev.basalt.engine.storage.kv.StorageException;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.StampedLock;

/**
 * Guards every access to LMDB's memory map from the read side. Growing the map (and closing the
 * environment) unmaps and remaps it, which would leave a reader holding pointers into freed
 * address space; so readers hold the shared side for the duration of each native call plus the
 * copy out of the map, and the writer takes the exclusive side to remap. {@link #epoch()} changes
 * on every remap so that open LMDB cursors (which hold page pointers) know to re-seek.
 */
final class MapGate {

    /*
     * StampedLock rather than ReentrantReadWriteLock: its read side keeps no per-thread hold
     * counts (a ThreadLocal per virtual thread would cost memory on every session) and no
     * caller re-enters the gate.
     */
    private final StampedLock stamped = new StampedLock();
    private final Lock readLock = stamped.asReadLock();
    private final Lock writeLock = stamped.asWriteLock();
    private volatile long epoch;
    private volatile boolean closed;

    /** Enters the shared side; throws CLOSED if the environment is gone. Pair with {@link #exit()}. */
    void enter() {
        readLock.lock();
        if (closed) {
            readLock.unlock();
            throw new StorageException(StorageException.Kind.CLOSED, "the LMDB store is closed");
        }
    }

    void exit() {
        readLock.unlock();
    }

    long epoch() {
        return epoch;
    }

    boolean isClosed() {
        return closed;
    }

    /** Runs {@code remap} with no reader inside, then invalidates reader cursors. */
    void remap(Runnable remap) {
        writeLock.lock();
        try {
            remap.run();
        } finally {
            epoch++;
            writeLock.unlock();
        }
    }

    /** Marks the environment closed (readers get CLOSED from now on) and runs {@code closeEnv}. */
    void closeWith(Runnable closeEnv) {
        writeLock.lock();
        try {
            if (closed) return;
            closed = true;
            epoch++;
            closeEnv.run();
        } finally {
            writeLock.unlock();
        }
    }
}
