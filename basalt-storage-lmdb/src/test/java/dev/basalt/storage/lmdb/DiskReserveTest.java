package dev.basalt.storage.lmdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The space reserve: created at its full size, given up once, not taken back at once. */
class DiskReserveTest {

    @TempDir
    Path dir;

    @Test
    void createdReleasedAndNotRecreatedRightAway() throws Exception {
        DiskReserve reserve = new DiskReserve(dir, 1 << 20);
        reserve.ensure();
        assertTrue(reserve.held());
        assertEquals(1 << 20, Files.size(dir.resolve(DiskReserve.NAME)));
        assertTrue(reserve.release());
        assertFalse(reserve.release(), "nothing left to give");
        reserve.ensure(); // too soon after a release: the room is for the write that needed it
        assertFalse(reserve.held());
        assertFalse(Files.exists(dir.resolve(DiskReserve.NAME + ".tmp")));
    }

    @Test
    void sizeZeroKeepsNone() {
        DiskReserve none = new DiskReserve(dir, 0);
        none.ensure();
        assertFalse(none.held());
        assertFalse(none.release());
        assertFalse(Files.exists(dir.resolve(DiskReserve.NAME)));
    }
}
