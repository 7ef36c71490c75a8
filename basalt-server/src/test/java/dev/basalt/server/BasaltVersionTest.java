package dev.basalt.server;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BasaltVersionTest {

    @Test
    void versionsComeFromTheFilteredResource() {
        BasaltVersion v = BasaltVersion.current();
        assertTrue(v.basalt().matches("\\d+\\.\\d+\\.\\d+"), v.basalt());
        assertTrue(v.mysql().startsWith("8.0."), v.mysql());
        assertEquals(v.mysql() + "-basalt-" + v.basalt(), v.serverVersion());
        assertEquals("basalt " + v.basalt() + " (MySQL " + v.mysql() + " compatible)", v.banner());
    }
}
