package dev.basalt.storage.lmdb;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.lmdbjava.Env;

/**
 * Idle (reset) read transactions for reuse. With MDB_NOTLS a reset transaction keeps its reader
 * slot, so the pool is bounded well below the environment's reader limit. Callers hold the
 * {@link MapGate} shared side around every method that touches LMDB.
 */
final class ReaderPool {

    private static final int MAX_IDLE = 64;

    private final ConcurrentLinkedDeque<ReaderSlot> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    /** A slot with a live read transaction on the newest committed state. */
    ReaderSlot acquire(Env<ByteBuffer> env, int maxKeySize) {
        ReaderSlot slot = idle.pollFirst();
        if (slot == null) return new ReaderSlot(env.txnRead(), maxKeySize);
        idleCount.decrementAndGet();
        try {
            slot.txn.renew();
            return slot;
        } catch (RuntimeException e) {
            slot.txn.close();
            throw e;
        }
    }

    /** Ends the slot's transaction and keeps the slot for reuse if there is room. */
    void release(ReaderSlot slot) {
        if (idleCount.incrementAndGet() <= MAX_IDLE) {
            slot.txn.reset();
            idle.addFirst(slot);
        } else {
            idleCount.decrementAndGet();
            slot.txn.close();
        }
    }

    /** Frees all idle transactions (a reset one must be renewed before it can be aborted). */
    void closeAll() {
        ReaderSlot slot;
        while ((slot = idle.pollFirst()) != null) {
            try {
                slot.txn.renew();
                slot.txn.close();
            } catch (RuntimeException ignored) {
                // the environment is going away; its reader table goes with it
            }
        }
        idleCount.set(0);
    }
}
