package dev.basalt.engine.storage.kv;

import java.util.ArrayList;
import java.util.List;

/**
 * Puts and deletes to apply atomically, in order (a later op on the same key wins).
 * Not thread-safe; built by one transaction.
 */
public final class WriteBatch {

    /** One operation; {@code value == null} means delete. */
    public record Op(byte[] key, byte[] value) {
        public boolean isDelete() { return value == null; }
    }

    private final List<Op> ops = new ArrayList<>();
    private long bytes;

    public WriteBatch put(byte[] key, byte[] value) {
        if (value == null) throw new IllegalArgumentException("null value; use delete");
        ops.add(new Op(key, value));
        bytes += key.length + value.length;
        return this;
    }

    public WriteBatch delete(byte[] key) {
        ops.add(new Op(key, null));
        bytes += key.length;
        return this;
    }

    public List<Op> ops() { return ops; }

    public int size() { return ops.size(); }

    public boolean isEmpty() { return ops.isEmpty(); }

    /** Approximate payload size, for flow control and map sizing. */
    public long approximateBytes() { return bytes; }
}
