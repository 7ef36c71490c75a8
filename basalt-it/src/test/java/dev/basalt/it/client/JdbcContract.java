package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.Endpoint;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a JDBC application does, through both real drivers. Runs against Basalt and, as a check of
 * the test itself, against the MariaDB fixture. Each test works in its own database.
 */
abstract class JdbcContract {
    abstract Endpoint endpoint();

    private Connection fresh(Driver d, String name) throws SQLException {
        String db = "jdbc_" + name + "_" + d.name().toLowerCase();
        try (Connection c = d.connect(endpoint(), ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db);
            s.execute("CREATE DATABASE " + db);
        }
        return d.connect(endpoint(), db);
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void crud(Driver d) throws SQLException {
        try (Connection c = fresh(d, "crud"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(20), qty INT)");
            assertEquals(2, s.executeUpdate("INSERT INTO t (name, qty) VALUES ('a', 1), ('b', 2)"));
            assertEquals(1, s.executeUpdate("UPDATE t SET qty = 10 WHERE name = 'a'"));
            assertEquals(0, s.executeUpdate("UPDATE t SET qty = 10 WHERE name = 'zz'"));
            assertEquals(1, s.executeUpdate("DELETE FROM t WHERE name = 'b'"));
            try (ResultSet rs = s.executeQuery("SELECT id, name, qty FROM t ORDER BY id")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
                assertEquals("a", rs.getString("name"));
                assertEquals(10, rs.getInt("qty"));
                assertFalse(rs.next());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void generatedKeysAndUpdateCounts(Driver d) throws SQLException {
        try (Connection c = fresh(d, "keys"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY AUTO_INCREMENT, v VARCHAR(10))");
            s.executeUpdate("INSERT INTO t (v) VALUES ('x')", Statement.RETURN_GENERATED_KEYS);
            try (ResultSet keys = s.getGeneratedKeys()) {
                assertTrue(keys.next());
                assertEquals(1L, keys.getLong(1));
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (v) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, "y");
                assertEquals(1, ps.executeUpdate());
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    assertTrue(keys.next());
                    assertEquals(2L, keys.getLong(1));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void preparedStatementsBindEveryCommonType(Driver d) throws SQLException {
        try (Connection c = fresh(d, "prep"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(40), price DECIMAL(10,2), ratio DOUBLE,"
                    + " born DATE, big BIGINT, data VARBINARY(8), flag BOOLEAN)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setInt(1, 1);
                ps.setString(2, "it's \"quoted\" \\ back");
                ps.setBigDecimal(3, new BigDecimal("12.34"));
                ps.setDouble(4, 0.5);
                ps.setObject(5, LocalDate.of(2024, 2, 29));
                ps.setLong(6, Long.MIN_VALUE);
                ps.setBytes(7, new byte[] {0, 1, (byte) 0xff, '\'', '\\'});
                ps.setBoolean(8, true);
                ps.executeUpdate();
                ps.setInt(1, 2);
                ps.setNull(2, Types.VARCHAR);
                ps.setNull(3, Types.DECIMAL);
                ps.setNull(4, Types.DOUBLE);
                ps.setNull(5, Types.DATE);
                ps.setNull(6, Types.BIGINT);
                ps.setNull(7, Types.VARBINARY);
                ps.setNull(8, Types.BOOLEAN);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM t WHERE id = ? AND (name = ? OR name IS NULL)")) {
                ps.setInt(1, 1);
                ps.setString(2, "it's \"quoted\" \\ back");
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("it's \"quoted\" \\ back", rs.getString(2));
                    assertEquals(new BigDecimal("12.34"), rs.getBigDecimal(3));
                    assertEquals(0.5, rs.getDouble(4));
                    assertEquals(LocalDate.of(2024, 2, 29), rs.getObject(5, LocalDate.class));
                    assertEquals(Long.MIN_VALUE, rs.getLong(6));
                    assertArrayEquals(new byte[] {0, 1, (byte) 0xff, '\'', '\\'}, rs.getBytes(7));
                    assertTrue(rs.getBoolean(8));
                    assertFalse(rs.next());
                }
                ps.setInt(1, 2);
                ps.setString(2, "nobody");
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertNull(rs.getString(2));
                    assertNull(rs.getBigDecimal(3));
                    rs.getLong(6);
                    assertTrue(rs.wasNull());
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void batchInserts(Driver d) throws SQLException {
        try (Connection c = fresh(d, "batch"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                for (int i = 0; i < 500; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, "v" + i);
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                assertEquals(500, counts.length);
            }
            s.addBatch("INSERT INTO t VALUES (1000, 'a')");
            s.addBatch("UPDATE t SET v = 'upd' WHERE id < 10");
            int[] counts = s.executeBatch();
            assertArrayEquals(new int[] {1, 10}, counts);
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(id) FROM t")) {
                assertTrue(rs.next());
                assertEquals(501, rs.getInt(1));
                assertEquals(499 * 500 / 2 + 1000, rs.getLong(2));
            }
            // a failing row in a batch surfaces as BatchUpdateException with the server's errno
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                ps.setInt(1, 5000);
                ps.setString(2, "ok");
                ps.addBatch();
                ps.setInt(1, 1);
                ps.setString(2, "dup");
                ps.addBatch();
                SQLException e = assertThrows(SQLException.class, ps::executeBatch);
                assertEquals(1062, e.getErrorCode());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void resultSetMetaDataReportsSqlTypes(Driver d) throws SQLException {
        try (Connection c = fresh(d, "rsmd"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (i INT NOT NULL, b BIGINT, v VARCHAR(30), dec1 DECIMAL(7,3), dbl DOUBLE,"
                    + " dt DATETIME, d DATE, tx TEXT)");
            s.execute("INSERT INTO t VALUES (1, 2, 'x', 1.5, 2.5, '2024-01-01 00:00:00', '2024-01-01', 't')");
            try (ResultSet rs = s.executeQuery("SELECT i, b, v, dec1, dbl, dt, d, tx, i + 1 AS calc FROM t")) {
                ResultSetMetaData md = rs.getMetaData();
                assertEquals(9, md.getColumnCount());
                assertEquals(Types.INTEGER, md.getColumnType(1));
                assertEquals(Types.BIGINT, md.getColumnType(2));
                assertEquals(Types.VARCHAR, md.getColumnType(3));
                assertEquals(Types.DECIMAL, md.getColumnType(4));
                assertEquals(3, md.getScale(4));
                assertEquals(Types.DOUBLE, md.getColumnType(5));
                assertEquals(Types.TIMESTAMP, md.getColumnType(6));
                assertEquals(Types.DATE, md.getColumnType(7));
                assertTrue(Set.of(Types.LONGVARCHAR, Types.VARCHAR, Types.CLOB).contains(md.getColumnType(8)),
                        "TEXT maps to a character type, got " + md.getColumnType(8));
                assertEquals("i", md.getColumnName(1));
                assertEquals("calc", md.getColumnLabel(9));
                assertEquals("t", md.getTableName(1));
                assertEquals(ResultSetMetaData.columnNoNulls, md.isNullable(1));
                assertEquals(ResultSetMetaData.columnNullable, md.isNullable(2));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void databaseMetaDataDescribesAView(Driver d) throws SQLException {
        try (Connection c = fresh(d, "dbmdv"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (id INT NOT NULL PRIMARY KEY, price DECIMAL(10,2))");
            s.execute("CREATE VIEW cheap AS SELECT id, price FROM items WHERE price < 10");
            String db = c.getCatalog();
            DatabaseMetaData md = c.getMetaData();
            List<String> views = new ArrayList<>();
            try (ResultSet rs = md.getTables(db, null, "%", new String[] {"VIEW"})) {
                while (rs.next()) views.add(rs.getString("TABLE_NAME") + ":" + rs.getString("TABLE_TYPE"));
            }
            assertEquals(List.of("cheap:VIEW"), views);
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = md.getColumns(db, null, "cheap", "%")) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getInt("DATA_TYPE") + ":" + rs.getString("IS_NULLABLE"));
                }
            }
            assertEquals(List.of("id:" + Types.INTEGER + ":NO", "price:" + Types.DECIMAL + ":YES"), columns);
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void databaseMetaDataDescribesACreatedTable(Driver d) throws SQLException {
        try (Connection c = fresh(d, "dbmd"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id INT NOT NULL AUTO_INCREMENT, customer VARCHAR(40) NOT NULL,"
                    + " total DECIMAL(10,2), PRIMARY KEY (id), UNIQUE KEY uk_customer (customer), KEY idx_total (total))");
            String db = c.getCatalog();
            DatabaseMetaData md = c.getMetaData();
            assertTrue(md.getDatabaseProductVersion().length() > 0);

            List<String> tables = new ArrayList<>();
            try (ResultSet rs = md.getTables(db, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) tables.add(rs.getString("TABLE_NAME"));
            }
            assertEquals(List.of("orders"), tables);

            List<String> columns = new ArrayList<>();
            try (ResultSet rs = md.getColumns(db, null, "orders", "%")) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getInt("DATA_TYPE") + ":" + rs.getString("IS_NULLABLE"));
                }
            }
            assertEquals(List.of("id:" + Types.INTEGER + ":NO", "customer:" + Types.VARCHAR + ":NO",
                    "total:" + Types.DECIMAL + ":YES"), columns);

            try (ResultSet rs = md.getPrimaryKeys(db, null, "orders")) {
                assertTrue(rs.next());
                assertEquals("id", rs.getString("COLUMN_NAME"));
                assertEquals(1, rs.getInt("KEY_SEQ"));
                assertFalse(rs.next());
            }

            Set<String> indexes = new HashSet<>();
            try (ResultSet rs = md.getIndexInfo(db, null, "orders", false, false)) {
                while (rs.next()) {
                    indexes.add(rs.getString("INDEX_NAME") + ":" + rs.getString("COLUMN_NAME") + ":" + rs.getBoolean("NON_UNIQUE"));
                }
            }
            assertEquals(Set.of("PRIMARY:id:false", "uk_customer:customer:false", "idx_total:total:true"), indexes);
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void databaseMetaDataListsRoutines(Driver d) throws SQLException {
        try (Connection c = fresh(d, "dbmdr"); Statement s = c.createStatement()) {
            s.execute("CREATE PROCEDURE count_rows(IN lim INT, OUT n INT) BEGIN SET n = lim; END");
            s.execute("CREATE FUNCTION twice(x INT) RETURNS INT DETERMINISTIC RETURN x * 2");
            String db = c.getCatalog();
            DatabaseMetaData md = c.getMetaData();

            Set<String> procedures = new HashSet<>();
            try (ResultSet rs = md.getProcedures(db, null, "%")) {
                while (rs.next()) procedures.add(rs.getString("PROCEDURE_NAME"));
            }
            // MySQL Connector/J lists functions among procedures too; MariaDB's driver does not
            assertTrue(procedures.contains("count_rows"), procedures.toString());

            List<String> params = new ArrayList<>();
            try (ResultSet rs = md.getProcedureColumns(db, null, "count_rows", "%")) {
                while (rs.next()) params.add(rs.getString("COLUMN_NAME") + ":" + rs.getInt("COLUMN_TYPE"));
            }
            assertEquals(List.of("lim:" + DatabaseMetaData.procedureColumnIn, "n:" + DatabaseMetaData.procedureColumnOut), params);

            List<String> functions = new ArrayList<>();
            try (ResultSet rs = md.getFunctions(db, null, "%")) {
                while (rs.next()) functions.add(rs.getString("FUNCTION_NAME"));
            }
            assertEquals(List.of("twice"), functions);

            List<String> fparams = new ArrayList<>();
            try (ResultSet rs = md.getFunctionColumns(db, null, "twice", "%")) {
                while (rs.next()) fparams.add(rs.getString("COLUMN_NAME") + ":" + rs.getInt("COLUMN_TYPE"));
            }
            assertTrue(fparams.contains("x:" + DatabaseMetaData.functionColumnIn), fparams.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void transactionsCommitAndRollBack(Driver d) throws SQLException {
        try (Connection c = fresh(d, "txn"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE acct (id INT PRIMARY KEY, bal INT)");
            s.execute("INSERT INTO acct VALUES (1, 100), (2, 0)");
            c.setAutoCommit(false);
            s.executeUpdate("UPDATE acct SET bal = bal - 40 WHERE id = 1");
            s.executeUpdate("UPDATE acct SET bal = bal + 40 WHERE id = 2");
            c.rollback();
            assertEquals(List.of(100, 0), balances(s));
            s.executeUpdate("UPDATE acct SET bal = bal - 40 WHERE id = 1");
            s.executeUpdate("UPDATE acct SET bal = bal + 40 WHERE id = 2");
            c.commit();
            c.setAutoCommit(true);
            try (Connection other = d.connect(endpoint(), c.getCatalog()); Statement os = other.createStatement()) {
                assertEquals(List.of(60, 40), balances(os));
            }
            // uncommitted work is invisible to another connection
            c.setAutoCommit(false);
            s.executeUpdate("UPDATE acct SET bal = 0 WHERE id = 1");
            try (Connection other = d.connect(endpoint(), c.getCatalog()); Statement os = other.createStatement()) {
                assertEquals(List.of(60, 40), balances(os));
            }
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void serverErrorsCarryMysqlErrnoAndSqlState(Driver d) throws SQLException {
        try (Connection c = fresh(d, "errs"); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM missing"));
            assertEquals(1146, e.getErrorCode());
            assertEquals("42S02", e.getSQLState());
            e = assertThrows(SQLException.class, () -> s.execute("SELEC 1"));
            assertEquals(1064, e.getErrorCode());
            assertEquals("42000", e.getSQLState());
            // the connection stays usable after errors
            try (ResultSet rs = s.executeQuery("SELECT 1 + 1")) {
                assertTrue(rs.next());
                assertEquals(2, rs.getInt(1));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void foreignKeysInMetaDataAndErrors(Driver d) throws SQLException {
        try (Connection c = fresh(d, "fkeys"); Statement s = c.createStatement()) {
            // a plain KEY on code: Connector/J joins the parent's UNIQUE/PRIMARY constraints into
            // getImportedKeys, so a second unique key would list each column twice (on MySQL 8 too)
            s.execute("CREATE TABLE parent (id INT PRIMARY KEY, code INT, KEY k_code (code))");
            s.execute("CREATE TABLE child (id INT PRIMARY KEY, pid INT, pcode INT,"
                    + " CONSTRAINT fk_pid FOREIGN KEY (pid) REFERENCES parent (id) ON DELETE CASCADE,"
                    + " CONSTRAINT fk_code FOREIGN KEY (pcode) REFERENCES parent (code) ON UPDATE SET NULL)");
            String db = c.getCatalog();
            DatabaseMetaData md = c.getMetaData();

            List<String> imported = new ArrayList<>();
            try (ResultSet rs = md.getImportedKeys(db, null, "child")) {
                while (rs.next()) imported.add(keyRow(rs));
            }
            // ordered by the parent table and KEY_SEQ; both keys reference parent, so sort to compare
            imported.sort(null);
            assertEquals(List.of(
                    "parent.code <- child.pcode fk_code seq=1 upd=" + DatabaseMetaData.importedKeySetNull
                            + " del=" + DatabaseMetaData.importedKeyRestrict,
                    "parent.id <- child.pid fk_pid seq=1 upd=" + DatabaseMetaData.importedKeyRestrict
                            + " del=" + DatabaseMetaData.importedKeyCascade), imported);

            List<String> exported = new ArrayList<>();
            try (ResultSet rs = md.getExportedKeys(db, null, "parent")) {
                while (rs.next()) exported.add(keyRow(rs));
            }
            exported.sort(null);
            assertEquals(imported, exported);

            String create;
            try (ResultSet rs = s.executeQuery("SHOW CREATE TABLE child")) {
                assertTrue(rs.next());
                create = rs.getString(2);
            }
            assertTrue(create.contains("CONSTRAINT `fk_pid` FOREIGN KEY (`pid`) REFERENCES `parent` (`id`) ON DELETE CASCADE"), create);
            assertTrue(create.contains("CONSTRAINT `fk_code` FOREIGN KEY (`pcode`) REFERENCES `parent` (`code`) ON UPDATE SET NULL"), create);

            s.execute("INSERT INTO parent VALUES (1, 100)");
            s.execute("INSERT INTO child VALUES (1, 1, 100)");
            SQLException e = assertThrows(SQLException.class, () -> s.execute("INSERT INTO child VALUES (2, 5, NULL)"));
            assertEquals(1452, e.getErrorCode());
            assertEquals("23000", e.getSQLState());
            assertTrue(e.getMessage().endsWith("Cannot add or update a child row: a foreign key constraint fails (`" + db
                    + "`.`child`, CONSTRAINT `fk_pid` FOREIGN KEY (`pid`) REFERENCES `parent` (`id`) ON DELETE CASCADE)"), e.getMessage());
            e = assertThrows(SQLException.class, () -> s.execute("UPDATE parent SET id = 2"));
            assertEquals(1451, e.getErrorCode());
            assertTrue(e.getMessage().endsWith("Cannot delete or update a parent row: a foreign key constraint fails (`" + db
                    + "`.`child`, CONSTRAINT `fk_pid` FOREIGN KEY (`pid`) REFERENCES `parent` (`id`) ON DELETE CASCADE)"), e.getMessage());
            s.execute("UPDATE parent SET code = 200");
            try (ResultSet rs = s.executeQuery("SELECT pid, pcode FROM child")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
                assertNull(rs.getObject(2));
            }
            s.execute("DELETE FROM parent");
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM child")) {
                assertTrue(rs.next());
                assertEquals(0, rs.getInt(1));
            }
        }
    }

    /** One row of getImportedKeys / getExportedKeys as text. */
    private static String keyRow(ResultSet rs) throws SQLException {
        return rs.getString("PKTABLE_NAME") + "." + rs.getString("PKCOLUMN_NAME") + " <- " + rs.getString("FKTABLE_NAME")
                + "." + rs.getString("FKCOLUMN_NAME") + " " + rs.getString("FK_NAME") + " seq=" + rs.getInt("KEY_SEQ")
                + " upd=" + rs.getInt("UPDATE_RULE") + " del=" + rs.getInt("DELETE_RULE");
    }

    private static List<Integer> balances(Statement s) throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT bal FROM acct ORDER BY id")) {
            while (rs.next()) out.add(rs.getInt(1));
        }
        return out;
    }
}
