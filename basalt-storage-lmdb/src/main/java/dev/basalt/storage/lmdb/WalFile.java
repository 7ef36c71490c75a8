package dev.basalt.storage.lmdb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The write-ahead log file of {@link Durability#WAL} mode: one preallocated file, opened with
 * O_DSYNC, written from the start again after every checkpoint.
 *
 * <p>Preallocated (zero-filled and fsynced once) so that an O_DSYNC write inside it only has to
 * persist data, not the file size. Each record starts at a 4 KiB boundary so that a write never
 * rewrites a page holding an earlier, acknowledged record: a torn write can only damage the
 * record being written, which was not acknowledged. Records left over from before the last
 * restart are told apart by their sequences (see {@link WalCommitter#recover}).
 */
final class WalFile implements AutoCloseable {

    static final String NAME = "basalt.wal";
    static final long DEFAULT_SIZE = LmdbOptions.DEFAULT_WAL_SIZE;
    private static final System.Logger LOG = System.getLogger(WalFile.class.getName());
    private static final int ALIGN = 4096;

    /** A record found by {@link #readChain}; {@code end} is where the next record would start. */
    record Entry(long offset, long end, WalRecords.Decoded record) {}

    private final Path path;
    private final FileChannel channel;
    private final long preallocated;
    private long position;
    /** Test hook: the next append writes its record, then reports failure (as a failed fsync can). */
    volatile boolean failNextAppendAfterWriting;

    private WalFile(Path path, FileChannel channel, long preallocated) {
        this.path = path;
        this.channel = channel;
        this.preallocated = preallocated;
    }

    static Path pathIn(Path dir) {
        return dir.resolve(NAME);
    }

    /**
     * Opens the log in {@code dir}, creating and preallocating it if missing. On a full disk the
     * log is created empty instead (appends then grow it, each O_DSYNC write also persisting the
     * size) so that the server still starts; it keeps its size once written.
     */
    static WalFile open(Path dir, long size) throws IOException {
        Path path = pathIn(dir);
        if (!Files.exists(path)) {
            try {
                preallocate(dir, path, size);
            } catch (IOException e) {
                if (LmdbErrors.fromIo("", e).kind() != dev.basalt.engine.storage.kv.StorageException.Kind.DISK_FULL) throw e;
                LOG.log(System.Logger.Level.WARNING, "no space to preallocate {0} bytes for the write-ahead log {1}; "
                        + "starting with an empty log that grows as it is written", size, path);
                Files.createFile(path);
                syncDirectory(dir);
            }
        }
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DSYNC);
        return new WalFile(path, ch, Math.max(size, ch.size()));
    }

    private static void preallocate(Path dir, Path path, long size) throws IOException {
        ZeroFill.create(path, size, true);
        syncDirectory(dir);
    }

    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    /**
     * Reads records from the start while they decode and their sequences continue one another
     * (the first may start anywhere). Stops at the first gap, torn or stale record.
     */
    List<Entry> readChain() throws IOException {
        List<Entry> chain = new ArrayList<>();
        long size = channel.size();
        ByteBuffer header = ByteBuffer.allocate(WalRecords.HEADER).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long pos = 0;
        long expected = -1;
        while (pos + WalRecords.HEADER <= size) {
            header.clear();
            readFully(header, pos);
            int length = header.getInt(0);
            if (length <= 0 || length > size - pos - WalRecords.HEADER) break;
            ByteBuffer whole = ByteBuffer.allocate(WalRecords.HEADER + length);
            readFully(whole, pos);
            WalRecords.Decoded d = WalRecords.decode(whole.flip());
            if (d == null || (expected >= 0 && d.firstSequence() != expected)) break;
            long end = align(pos + WalRecords.HEADER + length);
            chain.add(new Entry(pos, end, d));
            expected = d.lastSequence() + 1;
            pos = end;
        }
        return chain;
    }

    private void readFully(ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos + buf.position());
            if (n < 0) throw new IOException("unexpected end of " + path);
        }
    }

    /**
     * Takes the place of the next record of {@code bytes} (under the writer's walLock); the record
     * is then written there by {@link #writeAt}, possibly while records taken earlier are still
     * being written (see {@link WalCommitter}'s pipelining).
     */
    long reserve(int bytes) {
        long at = position;
        position = align(at + bytes);
        return at;
    }

    /** Writes one encoded record at {@code at}; returns once it is on stable storage. Any thread. */
    void writeAt(ByteBuffer record, long at) throws IOException {
        while (record.hasRemaining()) channel.write(record, at + record.position());
        if (failNextAppendAfterWriting) {
            failNextAppendAfterWriting = false;
            throw new IOException("injected failure after writing");
        }
    }

    /** After failed writes: the next record goes to {@code at} again (the first failed record's place). */
    void rewindTo(long at) {
        position = at;
    }

    /** Whether a record of {@code bytes} still fits in the preallocated part. */
    boolean fits(int bytes) {
        return position + bytes <= preallocated;
    }

    long position() {
        return position;
    }

    long preallocated() {
        return preallocated;
    }

    /** Appends after {@code last}, keeping the records up to it (they are not checkpointed yet). */
    void resumeAfter(Entry last) {
        position = last.end();
    }

    /** Starts writing from the beginning again; everything in the log must be checkpointed. */
    void restart() {
        position = 0;
    }

    /**
     * Overwrites the header at {@code at} with zeros, so that a record whose write reported
     * failure (and may still have reached the disk) cannot be replayed.
     */
    void invalidateAt(long at) throws IOException {
        if (at >= channel.size()) return; // past the end (a failed append that would extend the file): nothing there
        ByteBuffer zeros = ByteBuffer.allocate(WalRecords.HEADER);
        while (zeros.hasRemaining()) channel.write(zeros, at + zeros.position());
    }

    /**
     * Zeros {@code bytes} from {@code from} (within the file), durably. At open, after the chain
     * ending at {@code from}: records written there while an earlier one was still being written
     * (the pipeline's window) may be on disk although the chain broke before them. They were never
     * acknowledged; their sequences will be given to new commits, so they must not look like a
     * continuation of the new chain.
     */
    void zeroRange(long from, long bytes) throws IOException {
        long end = Math.min(from + bytes, channel.size());
        if (end <= from) return;
        ByteBuffer zeros = ByteBuffer.allocate((int) (end - from));
        while (zeros.hasRemaining()) channel.write(zeros, from + zeros.position());
    }

    private static long align(long pos) {
        return (pos + ALIGN - 1) & -ALIGN;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
