package dev.basalt.pgwire;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.*;

/**
 * pgjdbc's DatabaseMetaData (what ORMs and DBeaver call) and ad-hoc pg_catalog queries. The
 * expected rows are what PostgreSQL 15 returns for the same tables, except where Basalt's tables
 * differ (an AUTO_INCREMENT column is an identity column, not a serial with a sequence).
 */
class PgCatalogJdbcTest {
    private static PgTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new PgTestServer("s3cret", "scram-sha-256");
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA meta");
            s.execute("SET search_path TO meta");
            s.execute("CREATE TABLE t1 (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, price NUMERIC(10,2) DEFAULT 0, created TIMESTAMP)");
            s.execute("CREATE INDEX t1_name ON t1 (name)");
            s.execute("CREATE TABLE t2 (a INT NOT NULL, b INT NOT NULL, note TEXT, PRIMARY KEY (a, b))");
            s.execute("CREATE TABLE t3 (id BIGSERIAL, v INT)");
            s.execute("CREATE VIEW v1 AS SELECT id, name FROM t1");
            s.execute("CREATE TABLE t4 (id INT PRIMARY KEY, t1_id INT, a INT, b INT, CONSTRAINT t4_t1 FOREIGN KEY (t1_id) REFERENCES t1 (id)"
                    + " ON DELETE CASCADE, CONSTRAINT t4_t2 FOREIGN KEY (a, b) REFERENCES t2 (a, b))");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Connection connect() throws SQLException {
        return connect("meta");
    }

    private static Connection connect(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "root");
        p.setProperty("password", "s3cret");
        return DriverManager.getConnection(server.url(database), p);
    }

    private static DatabaseMetaData md(Connection c) throws SQLException {
        return c.getMetaData();
    }

    private static List<String> rows(ResultSet rs, String... columns) throws SQLException {
        List<String> out = new ArrayList<>();
        while (rs.next()) {
            StringBuilder sb = new StringBuilder();
            for (String c : columns) sb.append(sb.isEmpty() ? "" : "|").append(rs.getString(c));
            out.add(sb.toString());
        }
        rs.close();
        return out;
    }

    @Test
    void catalogsAndSchemas() throws Exception {
        try (Connection c = connect()) {
            DatabaseMetaData md = c.getMetaData();
            assertTrue(rows(md.getCatalogs(), "TABLE_CAT").contains("meta"));
            List<String> schemas = rows(md.getSchemas(), "TABLE_SCHEM", "TABLE_CATALOG");
            assertTrue(schemas.containsAll(List.of("information_schema|meta", "meta|meta", "pg_catalog|meta")), schemas.toString());
            assertFalse(schemas.stream().anyMatch(s -> s.startsWith("mysql|")), "MySQL's system schemas are hidden");
            assertEquals(List.of("meta|meta"), rows(md.getSchemas(null, "me%"), "TABLE_SCHEM", "TABLE_CATALOG"));
            assertEquals("meta", c.getCatalog());
            assertEquals("meta", c.getSchema());
        }
    }

    @Test
    void tables() throws Exception {
        try (Connection c = connect()) {
            DatabaseMetaData md = c.getMetaData();
            assertEquals(List.of("meta|meta|t1|TABLE", "meta|meta|t2|TABLE", "meta|meta|t3|TABLE", "meta|meta|t4|TABLE"),
                    rows(md.getTables(null, "meta", "%", new String[] {"TABLE"}), "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE"));
            assertEquals(List.of("meta|t1|TABLE", "meta|t2|TABLE", "meta|t3|TABLE", "meta|t4|TABLE", "meta|v1|VIEW"),
                    rows(md.getTables(null, "meta", null, null), "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE"));
            assertEquals(List.of("v1|VIEW"), rows(md.getTables(null, "meta", "v%", new String[] {"VIEW"}), "TABLE_NAME", "TABLE_TYPE"));
            assertEquals(List.of(), rows(md.getTables(null, "nope", "%", null), "TABLE_NAME"));
        }
    }

    @Test
    void columns() throws Exception {
        try (Connection c = connect()) {
            DatabaseMetaData md = c.getMetaData();
            String[] cols = {"COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE", "DECIMAL_DIGITS", "NULLABLE", "COLUMN_DEF",
                    "ORDINAL_POSITION", "IS_NULLABLE", "IS_AUTOINCREMENT"};
            assertEquals(List.of(
                    "id|" + Types.INTEGER + "|int4|10|0|0|null|1|NO|NO",
                    "name|" + Types.VARCHAR + "|varchar|40|0|0|null|2|NO|NO",
                    "price|" + Types.NUMERIC + "|numeric|10|2|1|0|3|YES|NO",
                    "created|" + Types.TIMESTAMP + "|timestamp|29|6|1|null|4|YES|NO"),
                    rows(md.getColumns(null, "meta", "t1", "%"), cols));
            assertEquals(List.of("id|" + Types.BIGINT + "|int8|19|0|0|null|1|NO|YES"), rows(md.getColumns(null, "meta", "t3", "id"), cols));
            assertEquals(List.of("note|3|" + Types.VARCHAR + "|text"),
                    rows(md.getColumns(null, null, "t2", "n%"), "COLUMN_NAME", "ORDINAL_POSITION", "DATA_TYPE", "TYPE_NAME"));
        }
    }

    @Test
    void primaryKeysAndIndexes() throws Exception {
        try (Connection c = connect()) {
            DatabaseMetaData md = c.getMetaData();
            assertEquals(List.of("t1|id|1|t1_pkey"), rows(md.getPrimaryKeys(null, "meta", "t1"), "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME"));
            assertEquals(List.of("t2|a|1|t2_pkey", "t2|b|2|t2_pkey"),
                    rows(md.getPrimaryKeys(null, "meta", "t2"), "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME"));
            assertEquals(List.of(), rows(md.getPrimaryKeys(null, "meta", "v1"), "COLUMN_NAME"));
            assertEquals(List.of("f|t1_pkey|1|id|A", "t|t1_name|1|name|A"),
                    rows(md.getIndexInfo(null, "meta", "t1", false, false), "NON_UNIQUE", "INDEX_NAME", "ORDINAL_POSITION", "COLUMN_NAME", "ASC_OR_DESC"));
            assertEquals(List.of("f|t1_pkey|1|id"),
                    rows(md.getIndexInfo(null, "meta", "t1", true, false), "NON_UNIQUE", "INDEX_NAME", "ORDINAL_POSITION", "COLUMN_NAME"));
        }
    }

    @Test
    void copyThroughPgjdbcsCopyManager() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS copying"); // its own schema: the other tests list meta's tables
            s.execute("CREATE TABLE copying.cm (id INT PRIMARY KEY, name TEXT)");
            org.postgresql.copy.CopyManager copy = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
            assertEquals(2, copy.copyIn("COPY copying.cm FROM STDIN (FORMAT csv)", new java.io.StringReader("1,one\n2,\"two, too\"\n")));
            java.io.StringWriter out = new java.io.StringWriter();
            assertEquals(2, copy.copyOut("COPY (SELECT * FROM copying.cm ORDER BY id) TO STDOUT", out));
            assertEquals("1\tone\n2\ttwo, too\n", out.toString());
            SQLException e = assertThrows(SQLException.class, () -> c.prepareStatement("COPY copying.cm TO STDOUT").execute());
            assertEquals("0A000", e.getSQLState());
        }
    }

    @Test
    void foreignKeys() throws Exception {
        try (Connection c = connect()) {
            DatabaseMetaData md = c.getMetaData();
            String[] cols = {"PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ", "UPDATE_RULE", "DELETE_RULE",
                    "FK_NAME", "PK_NAME"};
            assertEquals(List.of("t1|id|t4|t1_id|1|3|0|t4_t1|t1_pkey", "t2|a|t4|a|1|3|3|t4_t2|t2_pkey", "t2|b|t4|b|2|3|3|t4_t2|t2_pkey"),
                    rows(md.getImportedKeys(null, "meta", "t4"), cols));
            assertEquals(List.of("t1|id|t4|t1_id|1|3|0|t4_t1|t1_pkey"), rows(md.getExportedKeys(null, "meta", "t1"), cols));
            assertEquals(List.of(), rows(md.getImportedKeys(null, "meta", "t1"), cols));
        }
    }

    @Test
    void adHocCatalogQueries() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertEquals(List.of("t1", "t2", "t3", "t4"), rows(s.executeQuery(
                    "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                            + " WHERE n.nspname = 'meta' AND c.relkind = 'r' ORDER BY 1"), "relname"));
            assertEquals(List.of("id|1", "name|2"), rows(s.executeQuery(
                    "SELECT attname, attnum FROM pg_attribute a, pg_class c WHERE a.attrelid = c.oid AND c.relname = 'v1' ORDER BY attnum"),
                    "attname", "attnum"));
            assertEquals(List.of("t1|t1_name|CREATE INDEX t1_name ON meta.t1 USING btree (name)"), rows(s.executeQuery(
                    "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'meta' AND indexname NOT LIKE '%pkey' AND tablename = 't1'"),
                    "tablename", "indexname", "indexdef"));
            assertEquals(List.of("UTF8"), rows(s.executeQuery("SELECT setting FROM pg_settings WHERE name = 'client_encoding'"), "setting"));
            assertEquals(List.of("id", "name"), rows(s.executeQuery(
                    "SELECT attname FROM pg_catalog.pg_attribute WHERE attrelid = 'meta.v1'::regclass ORDER BY attnum"), "attname"));
            assertEquals("42P01", assertThrows(SQLException.class, () -> s.executeQuery("SELECT 'nope'::regclass")).getSQLState());
            assertEquals(List.of("id|integer", "name|character varying(40)", "price|numeric(10,2)", "created|timestamp without time zone"),
                    rows(s.executeQuery("SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod) FROM pg_catalog.pg_attribute a"
                            + " WHERE a.attrelid = 'meta.t1'::regclass AND a.attnum > 0 ORDER BY a.attnum"), "attname", "format_type"));
            assertEquals(List.of("t1|root", "t2|root", "t3|root", "t4|root"), rows(s.executeQuery(
                    "SELECT c.relname, pg_catalog.pg_get_userbyid(c.relowner) AS owner FROM pg_catalog.pg_class c"
                            + " WHERE pg_catalog.pg_table_is_visible(c.oid) AND c.relkind = 'r' ORDER BY 1"), "relname", "owner"));
            assertEquals(List.of("t4_t1|FOREIGN KEY (t1_id) REFERENCES t1(id) ON DELETE CASCADE", "t4_t2|FOREIGN KEY (a, b) REFERENCES t2(a, b)"),
                    rows(s.executeQuery("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' ORDER BY 1"),
                            "conname", "pg_get_constraintdef"));
            assertEquals(List.of("CREATE INDEX t1_name ON meta.t1 USING btree (name)"), rows(s.executeQuery(
                    "SELECT pg_get_indexdef(i.indexrelid) AS def FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 't1_name'"), "def"));
            ResultSet rs = s.executeQuery("SELECT version()");
            assertTrue(rs.next());
            assertTrue(rs.getString("version").startsWith("PostgreSQL 16.0"), rs.getString(1));
            rs = s.executeQuery("SELECT current_database(), current_schemas(true)");
            assertTrue(rs.next());
            assertEquals("meta", rs.getString(1));
            assertEquals("{pg_catalog,meta}", rs.getString(2));
            String longName = "x".repeat(20_000); // regular expressions over catalog queries must not recurse per character
            assertEquals(List.of(), rows(s.executeQuery("SELECT relname FROM pg_catalog.pg_class WHERE relname = '" + longName + "'"), "relname"));
            assertEquals(List.of(), rows(md(c).getTables(null, "meta", longName, null), "TABLE_NAME"));
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM pg_catalog.pg_stat_activity"));
            assertEquals("0A000", e.getSQLState());
        }
    }
}
