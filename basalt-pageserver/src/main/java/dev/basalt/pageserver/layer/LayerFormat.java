package dev.basalt.pageserver.layer;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The layer file format, version 1 (big-endian; documented in docs/disaggregated.md, "Layer files"):
 *
 * <pre>
 * header:  8 bytes magic "BSLTLAYR", u16 format version (1), u8 kind (1 delta, 2 image), u8 reserved (0),
 *          i64 startLsn, i64 endLsn, i32 entryCount, i32 clockCount
 * entries: entryCount x (i32 keyLength, key, i64 lsn, i32 valueLength or -1 for a tombstone, value),
 *          sorted by (key unsigned, lsn)
 * clock:   clockCount x (i64 lsn, i64 commitTimeMicros), by lsn
 * trailer: u32 CRC32C of every byte before it
 * </pre>
 *
 * A reader refuses an unknown version or kind, a bad checksum, a truncated file or one whose header
 * disagrees with its name: a layer is never half-trusted.
 */
public final class LayerFormat {

    public static final byte[] MAGIC = "BSLTLAYR".getBytes(StandardCharsets.US_ASCII);
    public static final short VERSION = 1;
    private static final byte KIND_DELTA = 1, KIND_IMAGE = 2;

    private LayerFormat() {}

    public static byte[] encode(Layer layer) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 64, layer.bytes() + 64));
            DataOutputStream out = new DataOutputStream(bytes);
            LayerName name = layer.name();
            out.write(MAGIC);
            out.writeShort(VERSION);
            out.writeByte(name.isImage() ? KIND_IMAGE : KIND_DELTA);
            out.writeByte(0);
            out.writeLong(name.startLsn());
            out.writeLong(name.endLsn());
            out.writeInt(layer.size());
            out.writeInt(layer.clockLsns().length);
            for (int i = 0; i < layer.size(); i++) {
                out.writeInt(layer.key(i).length);
                out.write(layer.key(i));
                out.writeLong(layer.lsn(i));
                byte[] v = layer.value(i);
                out.writeInt(v == null ? -1 : v.length);
                if (v != null) out.write(v);
            }
            for (int i = 0; i < layer.clockLsns().length; i++) {
                out.writeLong(layer.clockLsns()[i]);
                out.writeLong(layer.clockTimes()[i]);
            }
            CRC32C crc = new CRC32C();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws CorruptLayerException when the bytes are not a valid version-1 layer named {@code name} */
    public static Layer decode(LayerName name, byte[] file) {
        if (file.length < MAGIC.length + 4 + 16 + 8 + 4) throw new CorruptLayerException(name + ": truncated");
        CRC32C crc = new CRC32C();
        crc.update(file, 0, file.length - 4);
        int stored = ByteBuffer.wrap(file, file.length - 4, 4).getInt();
        if (stored != (int) crc.getValue()) throw new CorruptLayerException(name + ": checksum mismatch");
        ByteBuffer in = ByteBuffer.wrap(file, 0, file.length - 4);
        try {
            byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) throw new CorruptLayerException(name + ": not a layer file");
            short version = in.getShort();
            if (version != VERSION) throw new CorruptLayerException(name + ": unknown layer format version " + version);
            byte kind = in.get();
            in.get();
            if (kind != (name.isImage() ? KIND_IMAGE : KIND_DELTA)) throw new CorruptLayerException(name + ": kind disagrees with name");
            long start = in.getLong(), end = in.getLong();
            if (start != name.startLsn() || end != name.endLsn()) throw new CorruptLayerException(name + ": LSN range disagrees with name");
            int count = in.getInt(), clockCount = in.getInt();
            if (count < 0 || clockCount < 0 || count > file.length || clockCount > file.length) {
                throw new CorruptLayerException(name + ": bad counts");
            }
            byte[][] keys = new byte[count][], values = new byte[count][];
            long[] lsns = new long[count];
            for (int i = 0; i < count; i++) {
                keys[i] = new byte[in.getInt()];
                in.get(keys[i]);
                lsns[i] = in.getLong();
                int len = in.getInt();
                if (len >= 0) {
                    values[i] = new byte[len];
                    in.get(values[i]);
                }
            }
            long[] clockLsns = new long[clockCount], clockTimes = new long[clockCount];
            for (int i = 0; i < clockCount; i++) {
                clockLsns[i] = in.getLong();
                clockTimes[i] = in.getLong();
            }
            if (in.hasRemaining()) throw new CorruptLayerException(name + ": trailing bytes");
            return new Layer(name, keys, lsns, values, clockLsns, clockTimes);
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw new CorruptLayerException(name + ": truncated");
        }
    }
}
