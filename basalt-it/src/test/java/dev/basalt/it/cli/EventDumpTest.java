package dev.basalt.it.cli;

import dev.basalt.it.support.Commands;
import dev.basalt.it.support.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code mariadb-dump --events} of a Basalt database with a recurring and a one-time event (one
 * with a BEGIN ... END body) reloads into a fresh Basalt with the same SHOW CREATE EVENT.
 * (The MariaDB fixture runs with --skip-grant-tables, which refuses events, so it is not a target.)
 */
class EventDumpTest {
    private static final String DUMP = "/usr/bin/mariadb-dump";
    private static final String DB = "dump_events";

    @Test
    void eventsSurviveADumpAndReload() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(DUMP)) && MariaDbCli.binary() != null,
                "mariadb-dump / mariadb client not installed");
        try (TestServer source = TestServer.memory(); TestServer target = TestServer.memory()) {
            try (Connection c = source.connect(""); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + DB);
                s.execute("USE " + DB);
                s.execute("CREATE TABLE log (id INT AUTO_INCREMENT PRIMARY KEY, what VARCHAR(40))");
                s.execute("CREATE EVENT nightly ON SCHEDULE EVERY 1 DAY STARTS '2037-01-01 03:00:00'"
                        + " ENDS '2038-01-01 00:00:00' ON COMPLETION PRESERVE COMMENT 'purge' DO"
                        + " DELETE FROM log WHERE id < 10");
                s.execute("CREATE EVENT once ON SCHEDULE AT '2037-05-01 00:00:00' DISABLE DO BEGIN"
                        + " INSERT INTO log (what) VALUES ('a'); INSERT INTO log (what) VALUES ('b'); END");
            }
            List<String> expected = showCreate(source);
            String dump = Commands.run(List.of(DUMP, "--no-defaults", "-h", source.host(), "-P",
                    Integer.toString(source.port()), "-u", source.user(), "--password=" + source.password(),
                    "--protocol=TCP", "--skip-ssl", "--no-tablespaces", "--events", "--databases", DB), null);
            assertTrue(dump.contains("EVENT `nightly`") && dump.contains("EVENT `once`"), dump);
            Path file = Files.createTempFile("dump-events", ".sql");
            try {
                Files.writeString(file, dump, StandardCharsets.UTF_8);
                Commands.run(List.of(MariaDbCli.binary(), "--no-defaults", "-h", target.host(), "-P",
                        Integer.toString(target.port()), "-u", target.user(), "--password=" + target.password(),
                        "--protocol=TCP", "--skip-ssl"), file);
            } finally {
                Files.deleteIfExists(file);
            }
            assertEquals(expected, showCreate(target));
        }
    }

    private static List<String> showCreate(TestServer server) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = server.connect(DB); Statement s = c.createStatement()) {
            for (String e : List.of("nightly", "once")) {
                try (var rs = s.executeQuery("SHOW CREATE EVENT " + e)) {
                    rs.next();
                    out.add(rs.getString(4));
                }
            }
        }
        return out;
    }
}
