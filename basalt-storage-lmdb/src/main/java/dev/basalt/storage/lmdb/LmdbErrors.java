package dev.basalt.storage.lmdb;

import dev.basalt.engine.storage.kv.StorageException;
import dev.basalt.engine.storage.kv.StorageException.Kind;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import org.lmdbjava.LmdbNativeException;

/** Turns errno values and LMDB failures into {@link StorageException}s a user can act on. */
final class LmdbErrors {

    static final int EPERM = 1;
    static final int EIO = 5;
    static final int ENOMEM = 12;
    static final int EACCES = 13;
    static final int ENOSPC = 28;
    static final int EROFS = 30;
    static final int EDQUOT = 122;
    static final int MDB_PANIC = -30795;

    private LmdbErrors() {}

    static Kind kindOf(int errno) {
        return switch (errno) {
            case ENOSPC, EDQUOT -> Kind.DISK_FULL;
            case EACCES, EPERM, EROFS -> Kind.PERMISSION;
            case EIO, MDB_PANIC, -30796 /* MDB_CORRUPTED */ -> Kind.IO;
            default -> errno > 0 ? Kind.IO : Kind.OTHER;
        };
    }

    static String describe(int errno) {
        return switch (errno) {
            case EPERM -> "EPERM (operation not permitted)";
            case EIO -> "EIO (input/output error)";
            case ENOMEM -> "ENOMEM (out of memory)";
            case EACCES -> "EACCES (permission denied)";
            case ENOSPC -> "ENOSPC (no space left on device)";
            case EROFS -> "EROFS (read-only file system)";
            case EDQUOT -> "EDQUOT (disk quota exceeded)";
            case -30796 -> "MDB_CORRUPTED (database file is corrupted)";
            case -30795 -> "MDB_PANIC (fatal LMDB error)";
            case -30794 -> "MDB_VERSION_MISMATCH (LMDB library version mismatch)";
            case -30793 -> "MDB_INVALID (not an LMDB data file)";
            case -30790 -> "MDB_READERS_FULL (too many open snapshots)";
            case -30788 -> "MDB_TXN_FULL (transaction has too many dirty pages)";
            case -30781 -> "MDB_BAD_VALSIZE (key or value size not supported)";
            default -> (errno > 0 ? "errno " : "LMDB error ") + errno;
        };
    }

    static StorageException fromErrno(String context, int errno, Throwable cause) {
        return new StorageException(kindOf(errno), context + ": " + describe(errno), cause);
    }

    /** Any failure from the writer or reader path, mapped to a StorageException. */
    static StorageException from(String context, Throwable t) {
        if (t instanceof StorageException se) return se;
        if (t instanceof LmdbNativeException ne) return fromErrno(context, ne.getResultCode(), ne);
        if (t instanceof InjectedLmdbFailure injected) return fromErrno(context, injected.errno, injected);
        if (t instanceof IOException io) return fromIo(context, io);
        return new StorageException(Kind.OTHER, context + ": " + t, t);
    }

    /** LMDB's environment is unusable after this error until it is closed and opened again. */
    static boolean isFatal(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof LmdbNativeException ne && ne.getResultCode() == MDB_PANIC) return true;
            if (c instanceof InjectedLmdbFailure injected && injected.errno == MDB_PANIC) return true;
        }
        return false;
    }

    static StorageException fromIo(String context, IOException e) {
        if (e instanceof AccessDeniedException) {
            return new StorageException(Kind.PERMISSION, context + ": permission denied", e);
        }
        String reason = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : String.valueOf(e.getMessage());
        if (reason.contains("Read-only file system")) {
            return new StorageException(Kind.PERMISSION, context + ": read-only file system", e);
        }
        if (reason.contains("No space left")) {
            return new StorageException(Kind.DISK_FULL, context + ": no space left on device", e);
        }
        return new StorageException(Kind.IO, context + ": " + reason, e);
    }
}
