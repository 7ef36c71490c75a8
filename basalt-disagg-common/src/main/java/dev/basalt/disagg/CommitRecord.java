package dev.basalt.disagg;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The payload of one log record: one committed transaction's mutations, applied atomically at the
 * record's LSN, and the commit time (for {@code --at TIMESTAMP}: the newest LSN committed at or before
 * a moment).
 *
 * <p>Format (big-endian): {@code u8 version=1, i64 commitTimeMicros, i32 count,
 * count x (i32 keyLength, key, i32 valueLength or -1 for a delete, value)}. The version byte lets a
 * later format be read beside this one; an unknown version is refused, never guessed.
 */
public record CommitRecord(long commitTimeMicros, List<Mutation> mutations) {

    public static final byte VERSION = 1;

    public byte[] encode() {
        int size = 1 + 8 + 4;
        for (Mutation m : mutations) size += 8 + m.key().length + (m.isDelete() ? 0 : m.value().length);
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(VERSION).putLong(commitTimeMicros).putInt(mutations.size());
        for (Mutation m : mutations) {
            out.putInt(m.key().length).put(m.key());
            if (m.isDelete()) out.putInt(-1);
            else out.putInt(m.value().length).put(m.value());
        }
        return out.array();
    }

    /** @throws IllegalArgumentException on an unknown version or a truncated/corrupt record */
    public static CommitRecord decode(byte[] payload) {
        try {
            ByteBuffer in = ByteBuffer.wrap(payload);
            byte version = in.get();
            if (version != VERSION) throw new IllegalArgumentException("unknown commit record version " + version);
            long time = in.getLong();
            int count = in.getInt();
            if (count < 0 || count > payload.length) throw new IllegalArgumentException("corrupt commit record: count " + count);
            List<Mutation> mutations = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] key = new byte[in.getInt()];
                in.get(key);
                int valueLength = in.getInt();
                byte[] value = null;
                if (valueLength >= 0) {
                    value = new byte[valueLength];
                    in.get(value);
                }
                mutations.add(new Mutation(key, value));
            }
            if (in.hasRemaining()) throw new IllegalArgumentException("corrupt commit record: trailing bytes");
            return new CommitRecord(time, mutations);
        } catch (java.nio.BufferUnderflowException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("corrupt commit record: truncated", e);
        }
    }
}
