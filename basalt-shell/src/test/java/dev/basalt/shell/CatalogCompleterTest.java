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
}
