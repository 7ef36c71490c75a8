package dev.basalt.engine.stats;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The stored form of a table's histograms: (column name, JSON document) pairs. */
final class HistogramCodec {
    private HistogramCodec() {}

    static byte[] encode(Map<String, Histogram> all) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(all.size());
            for (Histogram h : all.values()) {
                write(out, h.column());
                write(out, h.json());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Map<String, Histogram> decode(byte[] b) {
        Map<String, Histogram> out = new HashMap<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String column = read(in);
                Histogram h = Histogram.fromJson(column, read(in));
                out.put(column.toLowerCase(java.util.Locale.ROOT), h);
            }
        } catch (IOException | RuntimeException e) {
            return Map.of(); // unreadable: as if none were collected
        }
        return Map.copyOf(out);
    }

    private static void write(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String read(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
