package dev.basalt.safekeeper;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A state machine snapshot on disk: every timeline's epoch, writer and records as of one Raft log index
 * (the index is in the file's name, which Ratis chooses). Written to a temporary file, fsynced, then
 * renamed, so a crash leaves either the old snapshot or the new one, never half of one.
 *
 * <p>Format (big-endian): {@code "BSKSNAP" u8 version=2, i32 timelines, timelines x (utf name,
 * i64 epoch, utf writerId, i64 released, i64 count, count x (i32 length, bytes))}; the records are
 * LSNs {@code released + 1 ... released + count}. Version 1 had no {@code released} field.
 */
final class SnapshotFile {

    private static final byte[] MAGIC = {'B', 'S', 'K', 'S', 'N', 'A', 'P'};
    /** Version 2 added {@code released}; version 1 files (nothing released) are still read. */
    private static final byte VERSION = 2;

    private SnapshotFile() {}

    static void write(Path file, Map<String, TimelineLog.Image> timelines) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".writing");
        try (FileOutputStream fileOut = new FileOutputStream(tmp.toFile());
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(fileOut, 1 << 16))) {
            out.write(MAGIC);
            out.writeByte(VERSION);
            out.writeInt(timelines.size());
            for (Map.Entry<String, TimelineLog.Image> t : timelines.entrySet()) {
                TimelineLog.Image image = t.getValue();
                out.writeUTF(t.getKey());
                out.writeLong(image.epoch());
                out.writeUTF(image.writerId());
                out.writeLong(image.released());
                out.writeLong(image.records().size());
                for (byte[] record : image.records()) {
                    out.writeInt(record.length);
                    out.write(record);
                }
            }
            out.flush();
            fileOut.getFD().sync();
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static Map<String, TimelineLog.Image> read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!java.util.Arrays.equals(magic, MAGIC)) throw new IOException(file + " is not a safekeeper snapshot");
            byte version = in.readByte();
            if (version != VERSION && version != 1) throw new IOException(file + ": unknown snapshot version " + version);
            int count = in.readInt();
            Map<String, TimelineLog.Image> timelines = new LinkedHashMap<>();
            for (int t = 0; t < count; t++) {
                String name = in.readUTF();
                long epoch = in.readLong();
                String writer = in.readUTF();
                long released = version == 1 ? 0 : in.readLong();
                long size = in.readLong();
                List<byte[]> records = new ArrayList<>((int) Math.min(size, 1 << 20));
                for (long i = 0; i < size; i++) {
                    int length = in.readInt();
                    byte[] record = in.readNBytes(length);
                    if (record.length != length) throw new IOException(file + " is truncated");
                    records.add(record);
                }
                timelines.put(name, new TimelineLog.Image(epoch, writer, released, records));
            }
            return timelines;
        }
    }
}
