package dev.basalt.storage.lmdb;

import dev.basalt.engine.storage.kv.WriteBatch;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The encoding of one WAL record: the batches a group commit accepted, with consecutive
 * sequences. Layout (little-endian): {@code int payloadLength, int crc32c(payload), payload}
 * where payload is {@code long firstSequence, int batchCount} then per batch {@code int opCount}
 * and per op {@code int keyLength, key, int valueLength (-1 = delete), value}.
 */
final class WalRecords {

    static final int HEADER = 8;
    private static final int PAYLOAD_FIXED = 12;

    /** A decoded record. */
    record Decoded(long firstSequence, List<WriteBatch> batches) {
        long lastSequence() { return firstSequence + batches.size() - 1; }
    }

    private WalRecords() {}

    static int encodedSize(List<WriteBatch> batches) {
        long size = HEADER + PAYLOAD_FIXED;
        for (WriteBatch b : batches) {
            size += 4;
            for (WriteBatch.Op op : b.ops()) size += 8 + op.key().length + (op.isDelete() ? 0 : op.value().length);
        }
        if (size > Integer.MAX_VALUE - 8192) throw new IllegalArgumentException("group too large for one WAL record");
        return (int) size;
    }

    /** Encodes into {@code out} from position 0; returns it flipped for writing. */
    static ByteBuffer encode(long firstSequence, List<WriteBatch> batches, ByteBuffer out) {
        out.clear().order(ByteOrder.LITTLE_ENDIAN);
        out.position(HEADER);
        out.putLong(firstSequence).putInt(batches.size());
        for (WriteBatch b : batches) {
            out.putInt(b.size());
            for (WriteBatch.Op op : b.ops()) {
                out.putInt(op.key().length).put(op.key());
                if (op.isDelete()) {
                    out.putInt(-1);
                } else {
                    out.putInt(op.value().length).put(op.value());
                }
            }
        }
        int end = out.position();
        CRC32C crc = new CRC32C();
        crc.update(out.duplicate().position(HEADER).limit(end));
        out.putInt(0, end - HEADER).putInt(4, (int) crc.getValue());
        return out.flip();
    }

    /**
     * Decodes the record at the start of {@code in} (position 0, limit = bytes available), or
     * returns null if there is none there: zeros, a torn write, a CRC mismatch or a malformed body.
     */
    static Decoded decode(ByteBuffer in) {
        in.order(ByteOrder.LITTLE_ENDIAN);
        if (in.limit() < HEADER + PAYLOAD_FIXED) return null;
        int length = in.getInt(0);
        if (length < PAYLOAD_FIXED || length > in.limit() - HEADER) return null;
        CRC32C crc = new CRC32C();
        crc.update(in.duplicate().position(HEADER).limit(HEADER + length));
        if ((int) crc.getValue() != in.getInt(4)) return null;
        try {
            ByteBuffer p = in.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(HEADER).limit(HEADER + length);
            long first = p.getLong();
            int count = p.getInt();
            if (count <= 0) return null;
            List<WriteBatch> batches = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int ops = p.getInt();
                WriteBatch b = new WriteBatch();
                for (int j = 0; j < ops; j++) {
                    byte[] key = new byte[p.getInt()];
                    p.get(key);
                    int vlen = p.getInt();
                    if (vlen < 0) {
                        b.delete(key);
                    } else {
                        byte[] value = new byte[vlen];
                        p.get(value);
                        b.put(key, value);
                    }
                }
                batches.add(b);
            }
            if (p.hasRemaining()) return null;
            return new Decoded(first, batches);
        } catch (RuntimeException malformed) {
            return null; // CRC matched garbage: treat like a torn record
        }
    }
}
