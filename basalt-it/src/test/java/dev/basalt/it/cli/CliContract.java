package dev.basalt.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.RepoPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each src/test/resources/cli/X.sql is fed to the mariadb client; stdout must equal X.out and stderr
 * X.err (empty if absent; MySQL 8 wording), and the exit code is recorded on X.out's last line. The expectations were
 * generated from the MariaDB fixture (-Dbasalt.it.regenerate=true on MariaDbCliTest).
 */
abstract class CliContract {
    abstract Endpoint endpoint();

    boolean regenerate() {
        return false;
    }

    /**
     * Name of a server whose known deviations from MySQL 8 are kept in X.&lt;variant&gt;.err (MariaDB words
     * some messages differently, e.g. 1054 "in 'SELECT'" for MySQL's "in 'field list'"); null for Basalt.
     */
    String variant() {
        return null;
    }

    static Stream<Path> scripts() throws IOException {
        Path dir = RepoPaths.testResources().resolve("cli");
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> scripts = s.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
            assertFalse(scripts.isEmpty(), "no CLI scripts in " + dir);
            return scripts.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void scriptOutputMatches(Path script) throws Exception {
        if (MariaDbCli.binary() == null) {
            String msg = "\n*** mariadb client not installed; SKIPPING CLI tests ***\n";
            System.out.println(msg);
            Assumptions.abort(msg);
        }
        MariaDbCli.Output o = MariaDbCli.run(endpoint(), script);
        String stdout = o.stdout() + "-- exit code: " + o.exitCode() + "\n";
        Path outFile = sibling(script, ".out");
        Path errFile = sibling(script, ".err");
        if (variant() != null && Files.exists(sibling(script, "." + variant() + ".err"))) {
            errFile = sibling(script, "." + variant() + ".err");
        }
        if (regenerate()) {
            Files.writeString(outFile, stdout, StandardCharsets.UTF_8);
            if (o.stderr().isEmpty()) Files.deleteIfExists(errFile);
            else Files.writeString(errFile, o.stderr(), StandardCharsets.UTF_8);
            System.out.println("regenerated " + outFile);
            return;
        }
        assertEquals(Files.readString(outFile), stdout, "stdout of " + script.getFileName());
        String expectedErr = Files.exists(errFile) ? Files.readString(errFile) : "";
        assertEquals(expectedErr, o.stderr(), "stderr of " + script.getFileName());
    }

    private static Path sibling(Path script, String ext) {
        String name = script.getFileName().toString();
        return script.resolveSibling(name.substring(0, name.length() - 4) + ext);
    }
}
