package dev.basalt.pgwire;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** PostgreSQL's session functions written out as literals, and what is left alone. */
class PgFunctionsTest {

    @Test
    void sessionFunctionsBecomeTheirValues() {
        // current_database() and version(): their value in a call that names and types the column
        assertEquals("SELECT PG_CURRENT_DATABASE('db1'), PG_CURRENT_DATABASE('db1') AS c",
                PgFunctions.rewrite("SELECT current_database(), current_catalog AS c", "db1", "s"));
        assertEquals("SELECT '{pg_catalog,s}', '{s}'", PgFunctions.rewrite("SELECT pg_catalog.current_schemas(true), current_schemas(false)", "d", "s"));
        assertTrue(PgFunctions.rewrite("SELECT version()", "d", "s").startsWith("SELECT PG_VERSION('PostgreSQL 16.0 (Basalt) on "));
        assertEquals("SELECT CONNECTION_ID()", PgFunctions.rewrite("SELECT pg_backend_pid()", "d", "s"));
    }

    @Test
    void literalsIdentifiersAndOtherNamesAreLeftAlone() {
        for (String sql : new String[] {"SELECT 'version()'", "SELECT \"version\"() FROM t", "SELECT t.version() FROM t",
                "SELECT my_version() FROM t", "SELECT current_catalog_x FROM t", "INSERT INTO t VALUES ('current_database()')"}) {
            assertEquals(sql, PgFunctions.rewrite(sql, "d", "s"), sql);
        }
    }

    @Test
    void catalogQueriesAreSelectsThatNameTheCatalog() {
        assertTrue(PgCatalogQueries.handles("SELECT relname FROM pg_class"));
        assertTrue(PgCatalogQueries.handles("select * from pg_catalog.pg_namespace n"));
        assertTrue(PgCatalogQueries.handles("SELECT 't'::regclass"));
        assertTrue(PgCatalogQueries.handles("SELECT version()"));
        assertFalse(PgCatalogQueries.handles("INSERT INTO t VALUES ('from pg_class')"));
        assertFalse(PgCatalogQueries.handles("SELECT * FROM pg_things"));
        assertFalse(PgCatalogQueries.handles("SELECT version() || 'x'"), "an expression with version() runs in the engine (rewritten)");
    }
}
