package dev.basalt.server;

import dev.basalt.engine.api.Engine;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SessionOptions;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.api.StatementResults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@code --init-file}: SQL run once, as root, when a new data directory is created. The directory
 * is built beside its final place and renamed into it only when the whole script succeeded, so a
 * failed script leaves nothing half-initialised and the next start tries again from scratch.
 */
final class InitFile {

    /** The script failed: the message names file:line, the error and the statement. */
    static final class InitFileException extends RuntimeException {
        InitFileException(String message, Throwable cause) { super(message, cause); }
    }

    private InitFile() {}

    /** An lmdb data directory is new when it does not exist or is empty. */
    static boolean isNew(Path dataDir) throws IOException {
        if (!Files.exists(dataDir)) return true;
        if (!Files.isDirectory(dataDir)) return false; // DataDirectory reports it
        try (Stream<Path> entries = Files.list(dataDir)) {
            return entries.findAny().isEmpty();
        }
    }

    /**
     * Creates the lmdb data directory of {@code settings} with the script run in it: in a sibling
     * directory first (a server on a free loopback port, no TLS), then renamed into place.
     */
    static void createDataDirectory(ServerSettings settings, Path script) throws IOException {
        Path dir = settings.dataDir().toAbsolutePath().normalize();
        String text = read(script);
        Path parent = dir.getParent();
        if (parent != null) Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + dir.getFileName() + ".init-");
        try {
            ServerSettings building = settings.withDataDir(tmp).withPort(0).withBind("127.0.0.1")
                    .withRemoteDatabases(java.util.List.of());
            try (BasaltServer server = BasaltServer.start(building)) {
                run(server.engine(), script, text);
            }
            if (Files.isDirectory(dir)) Files.delete(dir); // empty: isNew said so
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
    }

    /** Runs the script on a started server (memory storage: every start is a new database). */
    static void run(Engine engine, Path script) throws IOException {
        run(engine, script, read(script));
    }

    private static String read(Path script) throws IOException {
        try {
            return Files.readString(script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("cannot read the init file " + script + ": " + e.getMessage(), e);
        }
    }

    private static void run(Engine engine, Path script, String text) {
        try (Session session = engine.openSession(new SessionOptions(0, "root", "localhost", null))) {
            for (dev.basalt.shell.SqlScript.Statement st : dev.basalt.shell.SqlScript.split(text)) {
                try {
                    drain(session.execute(st.sql(), false));
                } catch (SqlException e) {
                    throw new InitFileException(script + ":" + st.line() + ": ERROR " + e.errorCode() + " ("
                            + e.sqlState() + "): " + e.getMessage() + "\n  in statement: " + abbreviate(st.sql()), e);
                }
            }
        }
    }

    /** Every result read to its end: a statement's work is done when its results are consumed. */
    private static void drain(StatementResults results) {
        while (results.hasNext()) {
            Result r = results.next();
            if (r instanceof Result.Rows rows) {
                try (var cursor = rows.cursor()) {
                    while (cursor.next() != null) {
                        // seed scripts may SELECT; their rows are not shown
                    }
                }
            }
        }
    }

    private static String abbreviate(String sql) {
        String one = sql.replaceAll("\\s+", " ");
        return one.length() <= 200 ? one : one.substring(0, 197) + "...";
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp directory left over does not make the data directory half-initialised
        }
    }
}
