package dev.basalt.storage.lmdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.engine.storage.kv.StorageException;
import dev.basalt.engine.storage.kv.StorageException.Kind;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LmdbErrorsTest {

    @TempDir
    Path tmp;

    @Test
    void errnoKinds() {
        assertEquals(Kind.DISK_FULL, LmdbErrors.kindOf(LmdbErrors.ENOSPC));
        assertEquals(Kind.DISK_FULL, LmdbErrors.kindOf(LmdbErrors.EDQUOT));
        assertEquals(Kind.IO, LmdbErrors.kindOf(LmdbErrors.EIO));
        assertEquals(Kind.PERMISSION, LmdbErrors.kindOf(LmdbErrors.EACCES));
        assertEquals(Kind.PERMISSION, LmdbErrors.kindOf(LmdbErrors.EROFS));
        assertEquals(Kind.PERMISSION, LmdbErrors.kindOf(LmdbErrors.EPERM));
        assertEquals(Kind.OTHER, LmdbErrors.kindOf(-30781));
        StorageException e = LmdbErrors.fromErrno("commit failed in data directory /x", LmdbErrors.ENOSPC, null);
        assertEquals("commit failed in data directory /x: ENOSPC (no space left on device)", e.getMessage());
    }

    @Test
    void fileSystemErrorsWhileOpening() {
        StorageException denied = LmdbErrors.fromIo("cannot use data directory /srv/db", new AccessDeniedException("/srv/db"));
        assertEquals(Kind.PERMISSION, denied.kind());
        assertEquals("cannot use data directory /srv/db: permission denied", denied.getMessage());
        StorageException readOnly = LmdbErrors.fromIo("cannot use data directory /ro",
                new FileSystemException("/ro", null, "Read-only file system"));
        assertEquals(Kind.PERMISSION, readOnly.kind());
        assertEquals(Kind.IO, LmdbErrors.fromIo("x", new IOException("boom")).kind());
    }

    @Test
    void dataDirectoryThatIsAFileIsRefusedClearly() throws Exception {
        Path file = java.nio.file.Files.writeString(tmp.resolve("not-a-dir"), "x");
        StorageException e = org.junit.jupiter.api.Assertions.assertThrows(StorageException.class,
                () -> LmdbKvStore.open(file, LmdbOptions.defaults()));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
}
