package dev.basalt.server;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ServerSettingsTest {

    @Test
    void withersChangeOneFieldEach() {
        ServerSettings d = ServerSettings.defaults();
        assertEquals(new ServerSettings("127.0.0.1", 0, Path.of("/tmp/d"), "memory", "pw", "relaxed", 2048,
                        "mysql_native_password", 7, true),
                d.withPort(0).withDataDir(Path.of("/tmp/d")).withStorage("memory").withRootPassword("pw")
                        .withDurability("relaxed").withMaxAllowedPacket(2048).withAuthPlugin("mysql_native_password")
                        .withMaxConnections(7).withMigrate(true));
        assertEquals("0.0.0.0", d.withBind("0.0.0.0").bind());
        assertEquals(3306, d.port(), "the original is unchanged");
    }

    @Test
    void normalisesCase() {
        assertEquals("memory", ServerSettings.defaults().withStorage("Memory").storage());
        assertEquals("relaxed", ServerSettings.defaults().withDurability("RELAXED").durability());
    }

    @Test
    void rejectsInvalidFields() {
        ServerSettings d = ServerSettings.defaults();
        assertThrows(SettingsException.class, () -> d.withPort(-1));
        assertThrows(SettingsException.class, () -> d.withPort(65536));
        assertThrows(SettingsException.class, () -> d.withStorage("rocks"));
        assertThrows(SettingsException.class, () -> d.withDurability("never"));
        assertThrows(SettingsException.class, () -> d.withAuthPlugin("sha256_password"));
        assertThrows(SettingsException.class, () -> d.withMaxAllowedPacket(100));
        assertThrows(SettingsException.class, () -> d.withMaxAllowedPacket((1L << 30) + 1));
        assertThrows(SettingsException.class, () -> d.withMaxConnections(0));
        assertThrows(SettingsException.class, () -> d.withBind(" "));
    }

    @Test
    void toStringHidesThePassword() {
        assertFalse(ServerSettings.defaults().withRootPassword("hunter2").toString().contains("hunter2"));
    }
}
