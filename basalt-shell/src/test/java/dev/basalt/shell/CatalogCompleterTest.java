package dev.basalt.shell;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/** When the completion words are read again: after DDL, on rehash, on a miss (not too often). */
class CatalogCompleterTest {
    private final List<String> catalog = new ArrayList<>(List.of("SELECT", "orders"));
    private final AtomicInteger loads = new AtomicInteger();
    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private final CatalogCompleter completer = new CatalogCompleter(() -> {
        loads.incrementAndGet();
        return Completions.Catalog.of(List.copyOf(catalog));
    }, now::get);

    @Test
    void aTableCreatedByTheShellCompletesAtTheNextTab() {
        assertEquals(1, loads.get(), "read once at start");
        catalog.add("order_lines");
        completer.statementRan("SELECT * FROM orders");
        assertEquals(List.of("orders"), completer.candidates("ord"), "a SELECT changes no name: not read again");
        completer.statementRan("/* made here */ CREATE TABLE order_lines (id INT)");
        assertEquals(List.of("orders", "order_lines"), completer.candidates("ORD"));
        assertEquals(2, loads.get());
        assertEquals(List.of("orders", "order_lines"), completer.candidates("ord"));
        assertEquals(2, loads.get(), "read once per change, not per Tab");
    }

    @Test
    void aMissReadsTheNamesAgainAtMostOnceEveryFewSeconds() {
        catalog.add("made_elsewhere"); // by another client: the shell ran no DDL
        now.addAndGet(CatalogCompleter.MISS_RELOAD_NANOS);
        assertEquals(List.of("made_elsewhere"), completer.candidates("made_"));
        assertEquals(2, loads.get());
        assertEquals(List.of(), completer.candidates("nothing_like_it"));
        assertEquals(List.of(), completer.candidates("nothing_like_it"));
        assertEquals(2, loads.get(), "misses right after a read do not query the server again");
        now.addAndGet(CatalogCompleter.MISS_RELOAD_NANOS);
        assertEquals(List.of(), completer.candidates("nothing_like_it"));
        assertEquals(3, loads.get());
        assertEquals(List.of("SELECT"), completer.candidates("sel"));
        assertEquals(3, loads.get(), "a hit never reads again");
    }

    @Test
    void rehashReadsAtOnce() {
        catalog.add("fresh");
        assertEquals(List.of(), completer.candidates("fre"), "within the miss interval: the old words");
        completer.rehash();
        assertEquals(List.of("fresh"), completer.candidates("fre"));
        assertEquals("rehash", ClientCommands.commandOf("rehash"));
        assertEquals("rehash", ClientCommands.commandOf("\\#"));
    }

    @Test
    void onlyStatementsThatCanChangeNamesCount() {
        for (String ddl : List.of("create table t (a int)", "DROP TABLE t", "ALTER TABLE t ADD b INT", "RENAME TABLE a TO b",
                "  /* x */ /* y */CREATE DATABASE d")) {
            assertTrue(CatalogCompleter.changesNames(ddl), ddl);
        }
        for (String other : List.of("SELECT 1", "INSERT INTO t VALUES (1)", "USE d", "SHOW TABLES", "/* CREATE */ SELECT 1")) {
            assertFalse(CatalogCompleter.changesNames(other), other);
        }
    }

    /**
     * After "(" (JLine's words split at blanks only, so "COUNT(zeb" is one word): the part after
     * the parenthesis is completed and the word keeps its head; where a column fits, the named
     * tables' columns are offered first.
     */
    @Test
    void completesAfterAnOpeningParenthesisOrAComma() {
        Completions.Catalog shop = new Completions.Catalog(
                List.of("COUNT", "DISTINCT", "SELECT", "item", "name", "nickname", "orders", "price", "zebra"),
                java.util.Map.of("item", List.of("id", "name", "price"), "shop.item", List.of("id", "name", "price"),
                        "orders", List.of("id", "nickname", "zebra")));
        CatalogCompleter c = new CatalogCompleter(() -> shop, now::get);
        assertEquals(List.of("COUNT(zebra"), c.complete("SELECT COUNT(zeb", "SELECT ", "COUNT(zeb"));
        assertEquals(List.of("(name"), c.complete("INSERT INTO item (na", "INSERT INTO item ", "(na"),
                "the table's columns only: nickname is another table's");
        assertEquals(List.of("(id", "(name", "(price"), c.complete("INSERT INTO shop.item (", "INSERT INTO shop.item ", "("));
        assertEquals(List.of("(id,name"), c.complete("INSERT INTO item (id,n", "INSERT INTO item ", "(id,n"), "after a comma");
        assertEquals(List.of("(name", "(nickname"), c.complete("SELECT (n FROM item JOIN orders", "SELECT ", "(n"),
                "every named table's columns");
        assertEquals(List.of("price"), c.complete("INSERT INTO item (name, pr", "INSERT INTO item (name, ", "pr"),
                "after a comma and a blank");
        assertEquals(List.of("COUNT(DISTINCT"), c.complete("SELECT COUNT(DIS FROM item", "SELECT ", "COUNT(DIS"),
                "no column of the named tables fits: every word");
        assertEquals(List.of("(zebra"), c.complete("SELECT COUNT(*) FROM orders WHERE id IN (zeb", "SELECT COUNT(*) FROM orders WHERE id IN ", "(zeb"));
        assertEquals(List.of("x=price"), c.complete("UPDATE item SET x=pri", "UPDATE item SET ", "x=pri"), "after an operator");
    }

    /**
     * Where a column fits and the statement names no table yet ({@code SELECT <Tab>}), the columns of
     * the current database's tables, not every database's; once it names tables, theirs (also after
     * WHERE, AND, ORDER BY, and with an alias: {@code i.<Tab>}); a FROM list wants tables.
     */
    @Test
    void columnsWhereAColumnFits() {
        Completions.Catalog two = new Completions.Catalog(
                List.of("COUNT", "DISTINCT", "SELECT", "shop", "other", "item", "orders", "audit", "shop.item", "shop.orders",
                        "other.audit", "id", "name", "price", "nickname", "secret_col"),
                java.util.Map.of("item", List.of("id", "name", "price"), "shop.item", List.of("id", "name", "price"),
                        "orders", List.of("id", "nickname"), "shop.orders", List.of("id", "nickname"),
                        "audit", List.of("secret_col"), "other.audit", List.of("secret_col")));
        java.util.concurrent.atomic.AtomicReference<String> db = new java.util.concurrent.atomic.AtomicReference<>("shop");
        CatalogCompleter c = new CatalogCompleter(() -> two, db::get, now::get);
        java.util.Set<String> shopColumns = java.util.Set.of("id", "name", "price", "nickname");
        assertEquals(shopColumns, java.util.Set.copyOf(c.complete("SELECT ", "SELECT ", "")), "the current database's columns");
        assertEquals(java.util.Set.of("name", "nickname"), java.util.Set.copyOf(c.complete("SELECT n", "SELECT ", "n")));
        assertEquals(List.of("COUNT"), c.complete("SELECT COU", "SELECT ", "COU"), "no column: the keyword");
        db.set("other");
        assertEquals(List.of("secret_col"), c.complete("SELECT ", "SELECT ", ""), "USE other: its columns");
        db.set(null);
        assertTrue(c.complete("SELECT ", "SELECT ", "").contains("SELECT"), "no database: every word");
        db.set("other");
        assertEquals(List.of("id", "name", "price"), c.complete("SELECT a FROM shop.item WHERE ", "SELECT a FROM shop.item WHERE ", ""),
                "the named table's columns, not the current database's");
        assertEquals(List.of("price"), c.complete("SELECT * FROM item WHERE id = 1 AND pr", "SELECT * FROM item WHERE id = 1 AND ", "pr"));
        assertEquals(List.of("nickname"), c.complete("SELECT * FROM item JOIN orders ON ", "SELECT * FROM item JOIN orders ON ", "ni"));
        assertEquals(List.of("name", "nickname"), c.complete("SELECT * FROM item i, orders o ORDER BY n", "SELECT * FROM item i, orders o ORDER BY ", "n"),
                "a comma list of tables");
        assertEquals(List.of("i.name"), c.complete("SELECT i.n FROM shop.item AS i", "SELECT ", "i.n"), "an alias");
        assertEquals(List.of("o.id", "o.nickname"), c.complete("SELECT * FROM orders o WHERE o.", "SELECT * FROM orders o WHERE ", "o."));
        assertEquals(List.of("shop.item"), c.complete("SELECT * FROM shop.it", "SELECT * FROM ", "shop.it"), "a table after FROM");
        assertEquals(List.of("orders"), c.complete("SELECT * FROM item, or", "SELECT * FROM item, ", "or"), "a FROM list wants tables");
        assertEquals(List.of("(id,nickname"), c.complete("INSERT INTO orders (id,n", "INSERT INTO orders ", "(id,n"));
    }

    private final Completions.Catalog shopAndOther = new Completions.Catalog(
            List.of("COUNT", "DISTINCT", "SELECT", "WHERE", "shop", "other", "item", "orders", "audit", "shop.item", "shop.orders",
                    "other.audit", "id", "name", "price", "nickname", "secret_col"),
            java.util.Map.of("item", List.of("id", "name", "price"), "shop.item", List.of("id", "name", "price"),
                    "orders", List.of("id", "nickname"), "shop.orders", List.of("id", "nickname"),
                    "audit", List.of("secret_col"), "other.audit", List.of("secret_col")));

    /** Completes the statement at "|" (the word being completed runs from the last blank before it). */
    private static List<String> at(CatalogCompleter c, String marked) {
        int cursor = marked.indexOf('|');
        String statement = marked.replace("|", "");
        String upTo = statement.substring(0, cursor);
        int wordStart = upTo.lastIndexOf(' ') + 1;
        return c.complete(statement, upTo.substring(0, wordStart), upTo.substring(wordStart));
    }

    /**
     * Where a table fits (FROM, JOIN, INTO, UPDATE, TABLE, a FROM list's comma, also after a derived
     * table), Tab offers the current database's tables and the databases as "db.", not every word;
     * "db.<Tab>" that database's tables; USE a database.
     */
    @Test
    void tablesWhereATableFits() {
        CatalogCompleter c = new CatalogCompleter(() -> shopAndOther, () -> "shop", now::get);
        List<String> tablesAndDatabases = List.of("item", "orders", "other.", "shop.");
        assertEquals(tablesAndDatabases, at(c, "SELECT * FROM |"));
        assertEquals(tablesAndDatabases, at(c, "SELECT * FROM item JOIN | ON 1"));
        assertEquals(tablesAndDatabases, at(c, "INSERT INTO |"));
        assertEquals(tablesAndDatabases, at(c, "UPDATE |"));
        assertEquals(tablesAndDatabases, at(c, "SHOW CREATE TABLE |"));
        assertEquals(tablesAndDatabases, at(c, "SELECT * FROM (SELECT id FROM item WHERE id > 1) d, |"), "a FROM list after a derived table");
        assertEquals(List.of("item"), at(c, "SELECT * FROM orders WHERE id IN (SELECT id FROM i|"));
        assertEquals(List.of("shop.item", "shop.orders"), at(c, "SELECT * FROM shop.|"));
        assertEquals(List.of("other.audit"), at(c, "DELETE FROM other.a|"));
        assertEquals(List.of("other", "shop"), at(c, "USE |"));
        assertEquals(List.of("DUAL"), at(c, "SELECT 1 FROM DUA|"), "no table: the keyword");
        assertEquals(List.of("id", "nickname"), at(c, "INSERT INTO orders (id) VALUES (1) ON DUPLICATE KEY UPDATE |"),
                "ON DUPLICATE KEY UPDATE wants columns");
        assertEquals(List.of("WHERE"), at(c, "SELECT * FROM item WH|"), "after a table: not a table's place");
    }

    /**
     * SHOW ... FROM wants a database after SHOW TABLES / TABLE STATUS / TRIGGERS / EVENTS and a
     * table after SHOW COLUMNS / FIELDS / INDEX / KEYS (then FROM again: a database); LOCK TABLES
     * tables, also after a lock type's comma; OPTIMIZE / ANALYZE / CHECK / REPAIR / CHECKSUM
     * TABLE tables.
     */
    @Test
    void databasesAndTablesInShowAndLockStatements() {
        CatalogCompleter c = new CatalogCompleter(() -> shopAndOther, () -> "shop", now::get);
        List<String> tablesAndDatabases = List.of("item", "orders", "other.", "shop.");
        assertEquals(List.of("other", "shop"), at(c, "SHOW TABLES FROM |"));
        assertEquals(List.of("shop"), at(c, "SHOW FULL TABLES IN s|"));
        assertEquals(List.of("other", "shop"), at(c, "SHOW TABLE STATUS FROM |"));
        assertEquals(List.of("other", "shop"), at(c, "SHOW TRIGGERS FROM |"));
        assertEquals(tablesAndDatabases, at(c, "SHOW COLUMNS FROM |"));
        assertEquals(tablesAndDatabases, at(c, "SHOW FULL FIELDS IN |"));
        assertEquals(List.of("item"), at(c, "SHOW INDEX FROM i|"));
        assertEquals(List.of("other", "shop"), at(c, "SHOW COLUMNS FROM item FROM |"), "a second FROM names the database");
        assertEquals(tablesAndDatabases, at(c, "LOCK TABLES |"));
        assertEquals(tablesAndDatabases, at(c, "LOCK TABLE |"));
        assertEquals(tablesAndDatabases, at(c, "lock tables item READ, |"));
        assertEquals(List.of("orders"), at(c, "LOCK TABLES item WRITE, shop.orders AS o READ, or|"));
        assertEquals(tablesAndDatabases, at(c, "OPTIMIZE TABLE |"));
        assertEquals(tablesAndDatabases, at(c, "ANALYZE TABLE item, |"));
        assertEquals(tablesAndDatabases, at(c, "CHECK TABLE |"));
    }

    /**
     * Columns come from the cursor's own query block: a subquery's tables (not the outer one's), a
     * correlated qualifier from the enclosing block, a derived table's and a CTE's select list.
     */
    @Test
    void columnsOfSubqueriesDerivedTablesAndCtes() {
        CatalogCompleter c = new CatalogCompleter(() -> shopAndOther, () -> "other", now::get);
        assertEquals(List.of("name"), at(c, "SELECT * FROM orders WHERE id IN (SELECT n| FROM item)"),
                "the subquery's table, not the outer nickname");
        assertEquals(List.of("nickname"), at(c, "SELECT * FROM orders WHERE id IN (SELECT id FROM item) AND n|"),
                "after the subquery: the outer table's");
        assertEquals(List.of("o.id", "o.nickname"), at(c, "SELECT * FROM orders o WHERE EXISTS (SELECT 1 FROM item i WHERE i.id = o.|"),
                "a correlated qualifier");
        assertEquals(List.of("d.id", "d.label", "d.twice"),
                at(c, "SELECT d.| FROM (SELECT id, name AS label, price * 2 twice, price + 1 FROM item) d"));
        assertEquals(List.of("id", "label"), at(c, "SELECT | FROM (SELECT id, name label FROM item) AS d"), "a derived table's columns unqualified");
        assertEquals(List.of("x.id", "x.nick"), at(c, "WITH x AS (SELECT id, nickname AS nick FROM orders) SELECT x.|"),
                "a CTE's columns before FROM names it");
        assertEquals(List.of("x.a", "x.b"), at(c, "WITH RECURSIVE x (a, b) AS (SELECT 1, 2 UNION ALL SELECT a + 1, b FROM x) SELECT x.|"),
                "a CTE's column list");
        assertEquals(List.of("id", "name", "price"), at(c, "WITH x AS (SELECT * FROM item), y AS (SELECT 1 AS one) SELECT | FROM x"),
                "SELECT * expands to the CTE's table's columns");
        assertEquals(List.of("x", "y"), at(c, "WITH x AS (SELECT * FROM item), y AS (SELECT 1 AS one) SELECT * FROM x JOIN |").subList(0, 2),
                "CTE names where a table fits");
        assertEquals(List.of("p.price"), at(c, "SELECT p.pr| FROM (SELECT i.* FROM item i JOIN orders o ON o.id = i.id) p"), "t.* in a derived table");
        assertEquals(List.of("COUNT(name"), at(c, "SELECT COUNT(n| FROM item WHERE id IN (SELECT id FROM orders)"),
                "inside a call: the block's tables");
        assertEquals(List.of("(name"), at(c, "SELECT (n| FROM item"), "an unclosed parenthesis before FROM");
        assertEquals(List.of("kv.key", "kv.value"), at(c, "SELECT kv.| FROM (SELECT id AS `key`, name value FROM item) kv"),
                "VALUE as a column name does not end the select list");
    }
}
