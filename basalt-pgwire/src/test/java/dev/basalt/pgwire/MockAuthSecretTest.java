package dev.basalt.pgwire;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.*;

/** The mock authentication secret: made once in the data directory, owner-only, then always the same. */
class MockAuthSecretTest {

    @Test
    void madeOnceReadableByTheOwnerOnlyAndReused(@TempDir Path dir) throws Exception {
        byte[] first = MockAuthSecret.loadOrCreate(dir);
        Path file = dir.resolve(MockAuthSecret.FILE_NAME);
        assertEquals(32, first.length);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertArrayEquals(first, MockAuthSecret.loadOrCreate(dir), "the same secret at the next start");
        assertFalse(Files.exists(dir.resolve(MockAuthSecret.FILE_NAME + ".tmp")));
    }

    @Test
    void aDamagedFileStopsTheStartInsteadOfBeingReplaced(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve(MockAuthSecret.FILE_NAME), new byte[5]);
        IOException e = assertThrows(IOException.class, () -> MockAuthSecret.loadOrCreate(dir));
        assertTrue(e.getMessage().contains(MockAuthSecret.FILE_NAME), e.getMessage());
    }

    @Test
    void eachDataDirectoryHasItsOwn(@TempDir Path a, @TempDir Path b) throws Exception {
        assertFalse(java.util.Arrays.equals(MockAuthSecret.loadOrCreate(a), MockAuthSecret.loadOrCreate(b)));
    }
}
