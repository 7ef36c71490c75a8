package dev.basalt.engine.stats;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/** The stored form of {@link TableStats}: version, rows, then (index id, part count, counts...) per index. */
final class StatsCodec {
    private StatsCodec() {}

    private static final int VERSION = 1;

    static byte[] encode(TableStats s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(s.rows());
            out.writeInt(s.cardinality().size());
            for (Map.Entry<Integer, long[]> e : s.cardinality().entrySet()) {
                out.writeInt(e.getKey());
                out.writeInt(e.getValue().length);
                for (long d : e.getValue()) out.writeLong(d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The statistics, or null for bytes of an unknown version (then the table counts as not analysed). */
    static TableStats decode(byte[] b) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
            if (in.readByte() != VERSION) return null;
            long rows = in.readLong();
            int n = in.readInt();
            Map<Integer, long[]> card = new HashMap<>();
            for (int i = 0; i < n; i++) {
                int id = in.readInt();
                long[] d = new long[in.readInt()];
                for (int j = 0; j < d.length; j++) d[j] = in.readLong();
                card.put(id, d);
            }
            return new TableStats(rows, Map.copyOf(card));
        } catch (IOException e) {
            return null;
        }
    }
}
