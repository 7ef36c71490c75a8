package dev.basalt.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository root, the basalt-it module and the shared sqllogictest corpus. */
public final class RepoPaths {
    private RepoPaths() {}

    /** The basalt-it module directory (surefire passes it; otherwise derived from the working directory). */
    public static Path moduleDir() {
        String prop = System.getProperty("basalt.it.moduleDir");
        if (prop != null && !prop.isBlank()) return Path.of(prop).toAbsolutePath().normalize();
        Path root = repoRoot();
        return root.resolve("basalt-it");
    }

    /** Walks up from the working directory to the pom that lists basalt-it as a module. */
    public static Path repoRoot() {
        String prop = System.getProperty("basalt.it.moduleDir");
        Path start = prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("");
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom) && readQuietly(pom).contains("<module>basalt-it</module>")) return dir;
        }
        throw new IllegalStateException("cannot find the Basalt repository root above " + start.toAbsolutePath());
    }

    /** BASALT_SLT_DIR if set, else ../shared/sqllogictest next to the repository root. */
    public static Path sltDir() {
        String env = System.getenv("BASALT_SLT_DIR");
        if (env != null && !env.isBlank()) return Path.of(env).toAbsolutePath().normalize();
        return repoRoot().resolve("../shared/sqllogictest").toAbsolutePath().normalize();
    }

    public static Path testResources() {
        return moduleDir().resolve("src/test/resources");
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }
}
