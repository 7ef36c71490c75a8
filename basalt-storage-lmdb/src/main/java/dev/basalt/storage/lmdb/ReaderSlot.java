package dev.basalt.storage.lmdb;

import java.nio.ByteBuffer;
import org.lmdbjava.Txn;

/**
 * A read transaction plus the direct buffers its snapshot uses to pass keys to LMDB. Reset slots
 * are pooled: renewing a reset read transaction is much cheaper than beginning a new one.
 */
final class ReaderSlot {

    final Txn<ByteBuffer> txn;
    final ByteBuffer keyBuffer;
    final ByteBuffer sequenceKey;

    ReaderSlot(Txn<ByteBuffer> txn, int maxKeySize) {
        this.txn = txn;
        this.keyBuffer = ByteBuffer.allocateDirect(maxKeySize);
        this.sequenceKey = LmdbEnvironment.sequenceKey();
    }

    /** Loads {@code key} (at most the buffer's capacity, i.e. LMDB's key limit) into the key buffer. */
    ByteBuffer key(byte[] key, int length) {
        ByteBuffer b = keyBuffer;
        b.clear();
        b.put(key, 0, length).flip();
        return b;
    }
}
