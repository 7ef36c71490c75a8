package dev.basalt.storage.lmdb;

import dev.basalt.engine.storage.kv.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a second server off a data directory. An OS file lock covers other processes; a registry
 * covers other stores in this JVM (file locks are per process, so they cannot). The lock file
 * holds the owner's pid so the refusal can name it.
 */
final class DataDirLock implements AutoCloseable {

    static final String LOCK_FILE = "basalt.lock";
    private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /** @param dir the data directory, already existing and in canonical (real path) form */
    static DataDirLock acquire(Path dir) {
        if (!HELD_IN_THIS_JVM.add(dir)) throw inUse(dir, readPid(dir.resolve(LOCK_FILE)));
        FileChannel channel = null;
        try {
            channel = FileChannel.open(dir.resolve(LOCK_FILE),
                    StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) throw inUse(dir, readPid(dir.resolve(LOCK_FILE)));
            byte[] pid = Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            channel.force(false);
            return new DataDirLock(dir, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            HELD_IN_THIS_JVM.remove(dir);
            throw LmdbErrors.fromIo("cannot lock data directory " + dir, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            HELD_IN_THIS_JVM.remove(dir);
            throw e;
        }
    }

    private static StorageException inUse(Path dir, String pid) {
        return new StorageException(StorageException.Kind.LOCKED,
                "data directory " + dir + " is in use by another Basalt server (pid " + pid + ")");
    }

    private static String readPid(Path lockFile) {
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(32);
            ch.read(buf, 0);
            String pid = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
            return pid.isEmpty() ? "unknown" : pid;
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it anyway
        }
        closeQuietly(channel);
        HELD_IN_THIS_JVM.remove(dir);
    }
}
