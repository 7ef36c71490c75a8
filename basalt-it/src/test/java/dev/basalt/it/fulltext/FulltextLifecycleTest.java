package dev.basalt.it.fulltext;

import dev.basalt.it.support.TempDirs;
import dev.basalt.it.support.TestServer;
import dev.basalt.server.ServerSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A FULLTEXT index and its entries on LMDB: it survives a restart (SHOW INDEX and MATCH see it, the
 * search reads the entries), and rows written, changed and rewritten before and after a restart are
 * searched alike.
 */
class FulltextLifecycleTest {

    @Test
    void fulltextIndexSurvivesARestartOnLmdb() throws Exception {
        Path dir = Files.createTempDirectory("basalt-fulltext-");
        ServerSettings settings = ServerSettings.defaults().withStorage("lmdb").withPort(0).withRootPassword("").withDataDir(dir);
        try {
            try (TestServer basalt = TestServer.start(settings); Connection c = basalt.connect("")) {
                exec(c, "CREATE DATABASE ft", "USE ft",
                        "CREATE TABLE notes (id INT PRIMARY KEY, body TEXT, FULLTEXT KEY ft_body (body))",
                        "INSERT INTO notes VALUES (1, 'restart the server'), (2, 'water the plants')");
            }
            try (TestServer basalt = TestServer.start(settings); Connection c = basalt.connect("ft")) {
                exec(c, "INSERT INTO notes VALUES (3, 'the server is back')");
                assertEquals(List.of("FULLTEXT"), column(c, "SELECT INDEX_TYPE FROM information_schema.STATISTICS WHERE TABLE_NAME = 'notes' AND INDEX_NAME = 'ft_body'"));
                assertEquals(List.of("1", "3"), column(c, "SELECT id FROM notes WHERE MATCH (body) AGAINST ('server') ORDER BY id"));
                // the entries are read from LMDB: the search goes through the index
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("EXPLAIN SELECT id FROM notes WHERE MATCH (body) AGAINST ('server')")) {
                    rs.next();
                    assertEquals("fulltext", rs.getString("type"));
                }
                exec(c, "DELETE FROM notes WHERE id = 1", "UPDATE notes SET body = 'plants are back' WHERE id = 3",
                        "ALTER TABLE notes ADD COLUMN n INT FIRST");
            }
            try (TestServer basalt = TestServer.start(settings); Connection c = basalt.connect("ft")) {
                assertEquals(List.of("2", "3"), column(c, "SELECT id FROM notes WHERE MATCH (body) AGAINST ('plants') ORDER BY id"));
                assertEquals(List.of(), column(c, "SELECT id FROM notes WHERE MATCH (body) AGAINST ('server') ORDER BY id"));
            }
        } finally {
            TempDirs.deleteRecursively(dir);
        }
    }

    private static void exec(Connection c, String... sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String q : sql) s.execute(q);
        }
    }

    private static List<String> column(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }
}
