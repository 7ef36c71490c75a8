package dev.basalt.server;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keeps README.md's configuration table in step with the settings the server really has. */
class ReadmeConfigTableTest {

    @Test
    void everySettingHasARowNamingItsFlagEnvironmentVariableAndKey() throws IOException {
        String readme = Files.readString(Path.of(System.getProperty("user.dir")).getParent().resolve("README.md"));
        for (Setting s : Setting.values()) {
            String row = "| `" + s.flag() + "` | `" + s.envVar() + "` | `" + s.key() + "` |";
            assertTrue(readme.contains(row), "README.md lacks the row starting " + row);
        }
    }
}
