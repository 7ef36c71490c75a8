package dev.basalt.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basalt.it.support.Commands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the TLS tests share: running the real clients and openssl, and one-row answers. */
final class TlsTools {
    private TlsTools() {}

    record Run(int exitCode, String stdout, String stderr) {}

    /** Runs {@code cmd} (stdin empty) with {@code env} added, at most 60 s. */
    static Run exec(List<String> cmd, Map<String, String> env) throws Exception {
        Path out = Files.createTempFile("tls-out", ".txt"), err = Files.createTempFile("tls-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(cmd.getFirst() + " timed out");
            }
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static Run exec(List<String> cmd) throws Exception { return exec(cmd, Map.of()); }

    /** The openssl CLI; its output, or an AssertionError with its complaint. */
    static String openssl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Run r = exec(cmd);
        if (r.exitCode() != 0) throw new AssertionError(cmd + ": " + r.stderr());
        return r.stdout();
    }

    /** The single row {@code sql} answers, its columns joined by spaces. */
    static String value(Statement s, String sql) throws SQLException {
        List<String> rows = Commands.rows(s, sql);
        assertEquals(1, rows.size(), sql + ": " + rows);
        return rows.getFirst();
    }
}
