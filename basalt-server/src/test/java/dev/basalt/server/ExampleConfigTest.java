package dev.basalt.server;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** basalt.example.yaml at the repository root documents every key, with the default values. */
class ExampleConfigTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path EXAMPLE = ROOT.resolve("basalt.example.yaml");

    @Test
    void namesEveryKeyWithItsDefault() throws java.io.IOException {
        Map<Setting, String> values = ConfigFile.read(EXAMPLE);
        assertEquals(Setting.values().length, values.size());
        for (Setting s : Setting.values()) assertEquals(s.defaultText(), values.get(s), s.key());
        // the one list-valued key: present, empty by default (its entries' keys are shown in comments)
        assertEquals(List.of(), RemoteDatabasesConfig.parse(ConfigFile.readRemoteDatabases(EXAMPLE), Map.of()));
        assertTrue(Files.readString(EXAMPLE).contains("\nremote-databases: []\n"));
    }

    @Test
    void loadsToTheDefaults() {
        ServerSettings s = new SettingsLoader(Map.of(), ROOT).load(new EnumMap<>(Setting.class), "basalt.example.yaml");
        assertEquals(ServerSettings.defaults().withDataDir(ROOT.toAbsolutePath().normalize().resolve("data")), s);
    }
}
