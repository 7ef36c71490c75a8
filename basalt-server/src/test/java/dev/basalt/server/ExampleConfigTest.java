package dev.basalt.server;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** basalt.example.yaml at the repository root documents every key, with the default values. */
class ExampleConfigTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    @Test
    void namesEveryKeyWithItsDefault() {
        Map<Setting, String> values = ConfigFile.read(ROOT.resolve("basalt.example.yaml"));
        assertEquals(Setting.values().length, values.size());
        for (Setting s : Setting.values()) assertEquals(s.defaultText(), values.get(s), s.key());
    }

    @Test
    void loadsToTheDefaults() {
        ServerSettings s = new SettingsLoader(Map.of(), ROOT).load(new EnumMap<>(Setting.class), "basalt.example.yaml");
        assertEquals(ServerSettings.defaults().withDataDir(ROOT.toAbsolutePath().normalize().resolve("data")), s);
    }
}
