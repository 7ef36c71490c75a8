package dev.basalt.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Helpers the dump and reload tests share: running a real client program, reading rows as text. */
public final class Commands {
    private Commands() {}

    /**
     * Runs a command (stdin from {@code input} when not null) and returns its stdout; fails the test
     * with its stderr when it exits non-zero, and when it outlives two minutes.
     */
    public static String run(List<String> cmd, Path input) throws IOException, InterruptedException {
        Path out = Files.createTempFile("cmd-out", ".txt");
        Path err = Files.createTempFile("cmd-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            if (input != null) pb.redirectInput(input.toFile());
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(cmd.getFirst() + " timed out");
            }
            assertEquals(0, p.exitValue(), cmd.getFirst() + " failed: " + Files.readString(err));
            return Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** A query's rows, each as its values joined by a space (NULL as "null"), in the order returned. */
    public static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) b.append(i > 1 ? " " : "").append(rs.getString(i));
                out.add(b.toString());
            }
        }
        return out;
    }
}
