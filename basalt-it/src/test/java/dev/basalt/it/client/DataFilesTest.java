package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.basalt.it.cli.MariaDbCli;
import dev.basalt.it.support.TempDirs;
import dev.basalt.it.support.TestServer;
import dev.basalt.server.FileAccessSettings;
import dev.basalt.server.ServerSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Files: SELECT ... INTO OUTFILE / DUMPFILE and LOAD DATA INFILE under --secure-file-priv (1290
 * outside it, 1086 for an existing file), LOAD DATA LOCAL INFILE through Connector/J
 * (allowLoadLocalInfile) and the mariadb CLI (--local-infile), refused with 3948 when the client
 * or the server does not allow it.
 */
class DataFilesTest {
    private static Path files;
    private static TestServer basalt;

    @BeforeAll
    static void start() throws Exception {
        files = Files.createTempDirectory("basalt-files-");
        basalt = TestServer.start(ServerSettings.defaults().withStorage("memory").withPort(0).withRootPassword("")
                .withFiles(new FileAccessSettings(files, true)));
        try (Connection c = basalt.connect(""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE files");
        }
    }

    @AfterAll
    static void stop() {
        if (basalt != null) basalt.close();
        TempDirs.deleteRecursively(files);
    }

    @Test
    void outfileThenLoadDataRoundTrip() throws Exception {
        try (Connection c = basalt.connect("files"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE src (id INT PRIMARY KEY, s VARCHAR(20), d DATE, n INT)");
            s.execute("INSERT INTO src VALUES (1, 'plain', '2024-01-02', NULL), (2, 'tab\\there', NULL, 7),"
                    + " (3, 'q\"uote,comma\\\\back', '2020-02-29', 0)");
            Path out = files.resolve("src.csv");
            s.execute("SELECT * FROM src ORDER BY id INTO OUTFILE '" + out
                    + "' FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' LINES TERMINATED BY '\\r\\n'");
            assertEquals("1,\"plain\",\"2024-01-02\",\\N\r\n2,\"tab\there\",\\N,7\r\n"
                    + "3,\"q\\\"uote,comma\\\\back\",\"2020-02-29\",0\r\n", Files.readString(out));
            SQLException exists = assertThrows(SQLException.class,
                    () -> s.execute("SELECT 1 INTO OUTFILE '" + out + "'"));
            assertEquals(1086, exists.getErrorCode());

            s.execute("CREATE TABLE dst LIKE src");
            assertEquals(3, s.executeUpdate("LOAD DATA INFILE '" + out + "' INTO TABLE dst FIELDS TERMINATED BY ','"
                    + " OPTIONALLY ENCLOSED BY '\"' LINES TERMINATED BY '\\r\\n'"));
            assertEquals(rows(s, "SELECT * FROM src ORDER BY id"), rows(s, "SELECT * FROM dst ORDER BY id"));

            // IGNORE n LINES, a column list with a variable, SET, REPLACE
            assertEquals(4, s.executeUpdate("LOAD DATA INFILE 'src.csv' REPLACE INTO TABLE dst FIELDS TERMINATED BY ','"
                    + " OPTIONALLY ENCLOSED BY '\"' LINES TERMINATED BY '\\r\\n' IGNORE 1 LINES (id, @s, d, n)"
                    + " SET s = UPPER(@s)"));
            assertEquals(List.of("1|plain", "2|TAB\tHERE", "3|Q\"UOTE,COMMA\\BACK"), rows(s, "SELECT id, s FROM dst ORDER BY id"));

            s.execute("SELECT s FROM src WHERE id = 1 INTO DUMPFILE 'one.bin'");
            assertEquals("plain", Files.readString(files.resolve("one.bin")));
        }
    }

    @Test
    void serverFilesOutsideTheDirectoryAreRefused() throws Exception {
        try (Connection c = basalt.connect("files"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE refused (a INT)");
            assertEquals(1290, assertThrows(SQLException.class,
                    () -> s.execute("SELECT 1 INTO OUTFILE '/tmp/../etc/basalt-nope.txt'")).getErrorCode());
            assertEquals(1290, assertThrows(SQLException.class,
                    () -> s.execute("LOAD DATA INFILE '/etc/hostname' INTO TABLE refused")).getErrorCode());
            assertEquals(29, assertThrows(SQLException.class,
                    () -> s.execute("LOAD DATA INFILE 'missing.txt' INTO TABLE refused")).getErrorCode());
        }
    }

    @Test
    void loadDataLocalThroughConnectorJ() throws Exception {
        Path local = Files.createTempFile("basalt-local-", ".txt");
        try {
            Files.writeString(local, "1\tone\n2\ttwo\n1\tdup\n");
            try (Connection c = DriverManager.getConnection(Driver.MYSQL.url(basalt, "files") + "&allowLoadLocalInfile=true",
                    basalt.user(), basalt.password()); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE viaj (id INT PRIMARY KEY, s VARCHAR(10))");
                // LOCAL skips duplicates (as IGNORE) instead of failing
                assertEquals(2, s.executeUpdate("LOAD DATA LOCAL INFILE '" + local + "' INTO TABLE viaj"));
                assertEquals(List.of("1|one", "2|two"), rows(s, "SELECT * FROM viaj ORDER BY id"));
            }
            try (Connection c = DriverManager.getConnection(Driver.MYSQL.url(basalt, "files"),
                    basalt.user(), basalt.password()); Statement s = c.createStatement()) {
                SQLException refused = assertThrows(SQLException.class,
                        () -> s.execute("LOAD DATA LOCAL INFILE '" + local + "' INTO TABLE viaj"));
                assertTrue(refused.getErrorCode() == 3948 || refused.getMessage().contains("local"), refused.getMessage());
            }
        } finally {
            Files.deleteIfExists(local);
        }
    }

    @Test
    void loadDataLocalThroughTheCli() throws Exception {
        assumeTrue(MariaDbCli.binary() != null, "no mariadb client");
        Path local = Files.createTempFile("basalt-cli-", ".csv");
        Path script = Files.createTempFile("basalt-cli-", ".sql");
        try {
            Files.writeString(local, "10,\"ten\"\n11,\"eleven, more\"\n12,\\N\n");
            Files.writeString(script, "-- cli-options: --batch --local-infile=1 --database=files\n"
                    + "CREATE TABLE viacli (id INT PRIMARY KEY, s VARCHAR(20));\n"
                    + "LOAD DATA LOCAL INFILE '" + local + "' INTO TABLE viacli FIELDS TERMINATED BY ',' ENCLOSED BY '\"';\n"
                    + "SELECT id, s FROM viacli ORDER BY id;\n", StandardCharsets.UTF_8);
            MariaDbCli.Output out = MariaDbCli.run(basalt, script);
            assertEquals(0, out.exitCode(), out.stderr());
            assertEquals("id\ts\n10\tten\n11\televen, more\n12\tNULL\n", out.stdout());

            Files.writeString(script, "-- cli-options: --batch --local-infile=0 --database=files\n"
                    + "LOAD DATA LOCAL INFILE '" + local + "' INTO TABLE viacli;\n", StandardCharsets.UTF_8);
            MariaDbCli.Output refused = MariaDbCli.run(basalt, script);
            assertTrue(refused.stderr().contains("3948"), refused.stderr());
        } finally {
            Files.deleteIfExists(local);
            Files.deleteIfExists(script);
        }
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) b.append(i > 1 ? "|" : "").append(rs.getString(i));
                out.add(b.toString());
            }
        }
        return out;
    }
}
