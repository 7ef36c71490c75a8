package dev.basalt.engine.exec.spill;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.exec.QueryMemory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * One temporary file of rows: written once, then read back sequentially (possibly several readers
 * are never needed). The file lives in the spill directory ({@code -Dbasalt.tmpdir}, else
 * {@code java.io.tmpdir}) and is registered with the statement's {@link QueryMemory}, which deletes
 * whatever an operator did not (an error or KILL between open and close) when the statement ends.
 */
public final class SpillFile implements AutoCloseable {
    private static volatile Path directory = defaultDirectory();
    private static final int BUFFER = 64 * 1024;
    /** Spill files are {@code basalt-spill-<pid>-<random>.tmp}: the pid tells whose they are after a crash. */
    private static final String PREFIX = "basalt-spill-";
    private static final long PID = ProcessHandle.current().pid();

    private final Path path;
    private DataOutputStream out;
    private DataInputStream in;
    private long rows;
    /** Deleted: by its operator, or under it by the statement's end / KILL CONNECTION. */
    private boolean closed;

    private SpillFile(Path path) {
        this.path = path;
    }

    private static Path defaultDirectory() {
        String p = System.getProperty("basalt.tmpdir");
        return Paths.get(p != null && !p.isBlank() ? p : System.getProperty("java.io.tmpdir"));
    }

    /** Where spill files go (the {@code tmpdir} variable); the server may point it into the data dir. */
    public static Path directory() { return directory; }

    public static void setDirectory(Path dir) { directory = dir; }

    /**
     * Deletes the spill files an earlier Basalt process left in the spill directory (it crashed or
     * was killed mid-spill): those of a process that is gone, and those carrying this process's
     * own pid (a container restarts the server with the same pid). Files of another live process
     * (a second server sharing the directory) stay. Called once at server start, before any
     * statement runs; returns how many files it deleted.
     */
    public static int removeLeftovers() {
        Path dir = directory;
        if (!Files.isDirectory(dir)) return 0;
        int removed = 0;
        try (var files = Files.newDirectoryStream(dir, PREFIX + "*.tmp")) {
            for (Path f : files) {
                String rest = f.getFileName().toString().substring(PREFIX.length());
                int dash = rest.indexOf('-');
                long pid;
                try {
                    pid = dash > 0 ? Long.parseLong(rest.substring(0, dash)) : -1;
                } catch (NumberFormatException e) {
                    continue; // not a name this scheme gave
                }
                if (pid < 0 || (pid != PID && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))) continue;
                if (Files.deleteIfExists(f)) removed++;
            }
        } catch (IOException e) {
            // a directory we cannot list holds nothing we could delete either
        }
        return removed;
    }

    /** A new empty file, open for writing. */
    public static SpillFile create() {
        try {
            Files.createDirectories(directory);
            Path p = Files.createTempFile(directory, PREFIX + PID + "-", ".tmp");
            SpillFile f = new SpillFile(p);
            QueryMemory.track(f);
            f.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(p), BUFFER));
            SpillStats.file();
            return f;
        } catch (IOException e) {
            throw writeError(directory, e);
        }
    }

    /** Appends a row (its values are encoded now: the caller may reuse the array). */
    public synchronized void write(Object[] row) {
        if (closed || out == null) throw dev.basalt.engine.exec.Cancellation.interrupted();
        try {
            SpillCodec.write(out, row);
            rows++;
        } catch (IOException e) {
            throw writeError(path, e);
        }
    }

    public long rows() { return rows; }

    /** The next row in write order, or null at the end; switches the file to reading on first call. */
    public synchronized Object[] read() {
        if (closed) throw dev.basalt.engine.exec.Cancellation.interrupted();
        try {
            if (in == null) {
                if (out != null) {
                    out.close();
                    out = null;
                }
                in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path), BUFFER));
            }
            return SpillCodec.read(in);
        } catch (EOFException e) {
            return null;
        } catch (IOException e) {
            throw new SqlException(1024, "HY000", "Error reading file '" + path + "' (" + e.getMessage() + ")");
        }
    }

    /** Reads from the first row again at the next {@link #read} (a chunked join re-reads its probe file). */
    public synchronized void rewind() {
        if (in == null) return;
        try {
            in.close();
        } catch (IOException ignored) {
            // reopened below
        }
        in = null;
    }

    /** Closes and deletes the file; safe to call twice (also from a KILL CONNECTION's thread). */
    @Override public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            if (out != null) out.close();
        } catch (IOException ignored) {
            // being deleted anyway
        }
        try {
            if (in != null) in.close();
        } catch (IOException ignored) {
            // being deleted anyway
        }
        out = null;
        in = null;
        try {
            long bytes = Files.exists(path) ? Files.size(path) : 0;
            Files.deleteIfExists(path);
            SpillStats.fileDeleted(bytes);
        } catch (IOException ignored) {
            // nothing better to do; the directory is a temporary one
        }
        QueryMemory.untrack(this);
    }

    /**
     * A value the codec cannot round-trip: the operator gives up spilling and fails with the
     * budget's error as it did before spilling existed.
     */
    public static final class Unspillable extends RuntimeException {
        Unspillable(Class<?> type) { super("cannot spill a " + type.getName(), null, false, false); }
    }

    private static SqlException writeError(Path p, IOException e) {
        // MySQL's ER_ERROR_ON_WRITE for a temporary file that cannot be written (e.g. a full disk)
        return new SqlException(1026, "HY000", "Error writing file '" + p + "' (" + e.getMessage() + ")");
    }
}
