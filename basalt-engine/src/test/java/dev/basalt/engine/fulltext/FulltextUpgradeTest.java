package dev.basalt.engine.fulltext;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.EngineConfig;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SessionOptions;
import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.storage.codec.Keyspace;
import dev.basalt.engine.testkv.SqlRows;
import dev.basalt.engine.testkv.TestKvStore;
import dev.basalt.engine.txn.Transaction;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A FULLTEXT index from an older data directory (created before Basalt kept its entries: no
 * entries, no "built" marker; rows written by a newer Basalt since then have entries) works through
 * its entries after the next start, without DROP / ADD: the engine builds them when it opens the store.
 */
class FulltextUpgradeTest {
    private static final EngineConfig CONFIG = new EngineConfig("8.0.36-basalt", "", 64 << 20);

    private static Session session(BasaltEngine engine) {
        Session s = engine.openSession(new SessionOptions(7, "root", "localhost", null, false));
        SqlRows.of(s, "USE d");
        return s;
    }

    /** The index's stored keys: its "built" marker (the range's first key) and one entry per word of a row. */
    private static List<String> stored(BasaltEngine engine, byte[] prefix) {
        List<String> keys = new java.util.ArrayList<>();
        Transaction t = engine.transactions().begin(true);
        try (var c = t.scan(prefix, Keyspace.prefixSuccessor(prefix))) {
            while (c.next()) {
                byte[] k = c.key();
                keys.add(k.length == prefix.length ? "built" : new String(k, prefix.length, k.length - prefix.length,
                        java.nio.charset.StandardCharsets.ISO_8859_1).replaceAll("\\x00.*", ""));
            }
        } finally {
            t.rollback();
        }
        return keys;
    }

    private static List<String> search(Session s) {
        return SqlRows.column(s, "SELECT CONCAT(id, ':', ROUND(MATCH (title, body) AGAINST ('zebra'), 6)) FROM docs"
                + " WHERE MATCH (title, body) AGAINST ('zebra')");
    }

    @Test
    void anIndexWithoutEntriesIsBuiltWhenTheStoreOpens() throws Exception {
        TestKvStore store = new TestKvStore(); // its close() keeps the data: a restart on the same store
        BasaltEngine first = new BasaltEngine(store, CONFIG);
        Session s = first.openSession(new SessionOptions(7, "root", "localhost", null, false));
        SqlRows.of(s, "CREATE DATABASE d");
        SqlRows.of(s, "USE d");
        SqlRows.of(s, "CREATE TABLE docs (id INT PRIMARY KEY, title VARCHAR(100), body TEXT, FULLTEXT KEY ft (title, body))");
        StringBuilder insert = new StringBuilder("INSERT INTO docs VALUES (1, 'Zebra crossing', 'zebra zebra')");
        for (int i = 2; i <= 50; i++) insert.append(", (").append(i).append(", 'note ").append(i).append("', 'plain filler text')");
        SqlRows.of(s, insert.toString());
        List<String> expected = search(s);

        // what an older Basalt left: the index in the catalog, none of its entries, no marker
        TableDef docs = first.catalog().snapshot().table("d", "docs").orElseThrow();
        IndexDef ft = docs.secondaryIndexes().stream().filter(IndexDef::fulltext).findFirst().orElseThrow();
        byte[] prefix = Keyspace.indexPrefix(ft.indexId());
        Transaction t = first.transactions().begin();
        t.deleteRange(prefix, Keyspace.prefixSuccessor(prefix));
        t.commit();
        // ... and a row written since by this Basalt, which keeps entries for it
        SqlRows.of(s, "INSERT INTO docs VALUES (51, 'Rare words', 'a zebra and a quokka')");
        expected = search(s);
        assertEquals(List.of("1:5.935066", "51:1.978355"), expected);
        assertEquals(List.of("and", "quokka", "rare", "words", "zebra"), stored(first, prefix), "no marker, the new row's words");
        s.close();
        first.close();

        BasaltEngine second = new BasaltEngine(store, CONFIG);
        try (Session s2 = session(second)) {
            List<String> keys = stored(second, prefix);
            assertEquals("built", keys.getFirst(), "built at start-up");
            assertEquals(true, keys.contains("crossing") && keys.contains("filler") && keys.contains("quokka"), keys.toString());
            assertEquals(expected, search(s2));
            assertEquals(List.of("51"), SqlRows.column(s2, "SELECT id FROM docs WHERE MATCH (title, body) AGAINST ('+quokka' IN BOOLEAN MODE)"));
        } finally {
            second.close();
        }
    }
}
