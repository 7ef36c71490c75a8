package dev.basalt.server;

import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.RowCursor;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SessionOptions;
import dev.basalt.engine.api.StatementResults;
import dev.basalt.engine.storage.kv.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** close() must leave the lmdb store synced and unlocked, so the next server finds the data. */
class LmdbRestartTest {

    @TempDir
    Path dir;

    @Test
    void committedRowsSurviveARestartAndTheDirectoryIsUnlockedOnClose() throws IOException {
        ServerSettings settings = ServerSettings.defaults().withPort(0).withDataDir(dir.resolve("data"));
        try (BasaltServer server = BasaltServer.start(settings)) {
            try (Session s = session(server)) {
                run(s, "CREATE DATABASE shop");
                run(s, "CREATE TABLE shop.item (id INT PRIMARY KEY, name VARCHAR(20))");
                run(s, "INSERT INTO shop.item VALUES (1, 'pen'), (2, 'book')");
            }
            StorageException locked = assertThrows(StorageException.class, () -> BasaltServer.start(settings));
            assertEquals(StorageException.Kind.LOCKED, locked.kind());
        }
        try (BasaltServer server = BasaltServer.start(settings); Session s = session(server)) {
            assertEquals(List.of(List.of("1", "pen"), List.of("2", "book")),
                    rows(s, "SELECT id, name FROM shop.item ORDER BY id"));
        }
    }

    private static Session session(BasaltServer server) {
        return server.engine().openSession(new SessionOptions(1, "root", "localhost", null));
    }

    private static void run(Session s, String sql) {
        StatementResults results = s.execute(sql, false);
        while (results.hasNext()) {
            if (results.next() instanceof Result.Rows rows) rows.cursor().close();
        }
    }

    private static List<List<String>> rows(Session s, String sql) {
        List<List<String>> out = new ArrayList<>();
        StatementResults results = s.execute(sql, false);
        while (results.hasNext()) {
            if (results.next() instanceof Result.Rows rows) {
                try (RowCursor cursor = rows.cursor()) {
                    for (Object[] row = cursor.next(); row != null; row = cursor.next()) {
                        List<String> r = new ArrayList<>();
                        for (Object v : row) r.add(String.valueOf(v));
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }
}
