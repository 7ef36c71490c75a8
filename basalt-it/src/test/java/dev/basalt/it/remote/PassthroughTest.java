package dev.basalt.it.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.basalt.it.cli.MariaDbCli;
import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.MariaDbFixture;
import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.RepoPaths;
import dev.basalt.it.support.TestServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Passthrough without a cache, through MariaDB Connector/J and the mariadb CLI: whatever a client
 * sees through Basalt must be exactly what it sees directly on the fronted MariaDB.
 */
@Timeout(120)
class PassthroughTest {
    private static final String DB = "pt_eq";
    private static MariaDbServer maria;
    private static TestServer basalt;

    @BeforeAll
    static void start() throws Exception {
        maria = MariaDbFixture.require();
        try (Connection c = maria.connect(""); Statement s = c.createStatement()) {
            s.execute("SET GLOBAL max_allowed_packet = 67108864");
            for (String db : List.of(DB, "pt_rt", "pt_sess", "pt_err", "pt_multi_d", "pt_multi_b", "pt_big")) {
                s.execute("DROP DATABASE IF EXISTS " + db);
                s.execute("CREATE DATABASE " + db + " CHARACTER SET utf8mb4");
            }
            s.execute("USE " + DB);
            for (String sql : statements(resource("passthrough-setup.sql"))) s.execute(sql);
        }
        basalt = Remote.basalt(maria, 0, 10);
    }

    @AfterAll
    static void stop() {
        if (basalt != null) basalt.close();
    }

    static Path resource(String name) {
        return RepoPaths.moduleDir().resolve("src/test/resources/remote").resolve(name);
    }

    /** Statements of a script: ';' at a line's end ends one; lines starting with '--' are comments. */
    static List<String> statements(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (cur.isEmpty() && (line.isBlank() || line.startsWith("--"))) continue;
            cur.append(line).append('\n');
            if (line.stripTrailing().endsWith(";")) {
                String sql = cur.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) out.add(cur.toString().strip());
        return out;
    }

    /** Everything a client can observe of a result: metadata, values as strings and objects, NULLs. */
    static List<String> render(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>();
        ResultSetMetaData md = rs.getMetaData();
        StringBuilder head = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            head.append(md.getColumnLabel(i)).append(':').append(md.getColumnName(i)).append(':')
                    .append(md.getTableName(i)).append(':').append(md.getColumnTypeName(i)).append(':')
                    .append(md.getColumnType(i)).append('(').append(md.getPrecision(i)).append(',')
                    .append(md.getScale(i)).append(')').append(md.isSigned(i) ? "s" : "u")
                    .append(md.isNullable(i)).append(" | ");
        }
        out.add(head.toString());
        while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= md.getColumnCount(); i++) row.append(value(rs, md, i)).append(" | ");
            out.add(row.toString());
        }
        return out;
    }

    private static String value(ResultSet rs, ResultSetMetaData md, int i) throws SQLException {
        switch (md.getColumnType(i)) {
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB, Types.BIT -> {
                byte[] b = rs.getBytes(i);
                return b == null ? "NULL" : "0x" + HexFormat.of().formatHex(b);
            }
            default -> {
                String s = rs.getString(i);
                if (s == null) return rs.wasNull() ? "NULL" : "null?";
                Object o;
                try {
                    o = rs.getObject(i);
                } catch (SQLException e) { // MySQL Connector/J refuses TIME beyond a wall-clock time
                    return s + "{getObject: " + e.getClass().getSimpleName() + "}";
                }
                return s + "{" + (o == null ? "null" : o.getClass().getSimpleName() + ":" + o) + "}";
            }
        }
    }

    static List<String> run(Connection c, String sql, boolean prepared) throws SQLException {
        if (prepared) {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                return render(rs);
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return render(rs);
        }
    }

    private static String mode(boolean serverPrep) {
        return "useServerPrepStmts=" + serverPrep;
    }

    @TestFactory
    Stream<DynamicTest> sameResultsDirectAndThroughBasalt() throws IOException {
        List<String> queries = statements(resource("passthrough-queries.sql"));
        assertTrue(queries.size() >= 20, "query file read: " + queries.size());
        List<DynamicTest> tests = new ArrayList<>();
        for (boolean serverPrep : new boolean[]{false, true}) {
            for (int n = 0; n < queries.size(); n++) {
                String sql = queries.get(n);
                tests.add(DynamicTest.dynamicTest((serverPrep ? "prepared " : "text ") + "#" + (n + 1) + " " + sql, () -> {
                    try (Connection direct = Remote.connect(maria, DB, mode(serverPrep));
                         Connection through = Remote.connect(basalt, DB, mode(serverPrep))) {
                        List<String> expected = run(direct, sql, serverPrep);
                        List<String> actual = run(through, sql, serverPrep);
                        if (sql.startsWith("EXPLAIN")) { // rows estimates may differ run to run: compare shape only
                            assertEquals(expected.get(0), actual.get(0), sql);
                            assertEquals(expected.size(), actual.size(), sql);
                        } else {
                            assertEquals(String.join("\n", expected), String.join("\n", actual), sql);
                        }
                    }
                }));
            }
        }
        return tests.stream();
    }

    /** The same queries through MySQL Connector/J (other capabilities: its own EOF handling, charset 255). */
    @TestFactory
    Stream<DynamicTest> sameResultsThroughMysqlConnectorJ() throws IOException {
        List<String> queries = statements(resource("passthrough-queries.sql"));
        List<DynamicTest> tests = new ArrayList<>();
        for (boolean serverPrep : new boolean[]{false, true}) {
            String opts = "&useServerPrepStmts=" + serverPrep + "&characterEncoding=UTF-8&connectTimeout=20000&socketTimeout=60000";
            for (int n = 0; n < queries.size(); n++) {
                String sql = queries.get(n);
                if (sql.startsWith("EXPLAIN")) continue;
                tests.add(DynamicTest.dynamicTest((serverPrep ? "prepared " : "text ") + "#" + (n + 1) + " " + sql, () -> {
                    try (Connection direct = java.sql.DriverManager.getConnection(maria.mysqlUrl(DB) + opts, "root", "");
                         Connection through = java.sql.DriverManager.getConnection(basalt.mysqlUrl(DB) + opts, "root", "")) {
                        assertEquals(String.join("\n", run(direct, sql, serverPrep)), String.join("\n", run(through, sql, serverPrep)), sql);
                    }
                }));
            }
        }
        return tests.stream();
    }

    /** MySQL Connector/J asks for a read-only cursor with a fetch size: Basalt answers without one. */
    @Test
    void mysqlConnectorJCursorFetch() throws Exception {
        String opts = "&useCursorFetch=true&useServerPrepStmts=true&connectTimeout=20000&socketTimeout=60000";
        for (var e : List.of(maria, basalt)) {
            try (Connection c = java.sql.DriverManager.getConnection(e.mysqlUrl(DB) + opts, "root", "");
                 PreparedStatement ps = c.prepareStatement("SELECT seq, seq * 2 FROM seq_1_to_5000 WHERE seq > ?")) {
                ps.setFetchSize(100);
                ps.setInt(1, 10);
                long count = 0, sum = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        count++;
                        sum += rs.getLong(2);
                    }
                }
                assertEquals(4990, count, e.getClass().getSimpleName());
                assertEquals(2L * (5000L * 5001 / 2 - 55), sum);
                // the connection is still in step afterwards
                assertEquals("1", scalar(c, "SELECT 1"));
            }
        }
    }

    /**
     * MariaDB Connector/J learns that a column is JSON from MariaDB's extended type metadata, which a
     * client only gets when it negotiated MARIADB_CLIENT_EXTENDED_METADATA (the greeting's last four
     * reserved bytes).
     */
    @Test
    void jsonColumnMetadataThroughMariadbConnector() throws Exception {
        for (var e : List.of(maria, basalt)) {
            try (Connection c = Remote.connect(e, DB, ""); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT j FROM t WHERE id = 1")) {
                assertEquals("JSON", rs.getMetaData().getColumnTypeName(1), e == maria ? "directly" : "through Basalt");
            }
        }
    }

    // --- type round trips ---------------------------------------------------------------------

    @ParameterizedTest(name = "useServerPrepStmts={0}")
    @ValueSource(booleans = {false, true})
    void typesRoundTripThroughBasalt(boolean serverPrep) throws Exception {
        String table = "rt_" + serverPrep;
        byte[] allBytes = new byte[256];
        for (int i = 0; i < 256; i++) allBytes[i] = (byte) i;
        BigInteger ulongMax = new BigInteger("18446744073709551615");
        BigDecimal dec = new BigDecimal("-98765432109876.543210");
        LocalDateTime dt = LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_456_000);
        LocalTime tm = LocalTime.of(13, 45, 56, 789_000_000);
        LocalDate day = LocalDate.of(1999, 12, 31);
        String emoji = "emoji 😀 music 𝄞 cjk 漢字 ä";
        String json = "{\"k\": [1, \"😀\", null, {\"n\": 2.5}]}";
        try (Connection c = Remote.connect(basalt, "pt_rt", mode(serverPrep)); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, d DECIMAL(20,6), dt DATETIME(6), tm TIME(3), da DATE,"
                    + " bt BIT(10), j JSON, bl BLOB, e ENUM('x','y','z'), st SET('a','b','c'), u BIGINT UNSIGNED, s VARCHAR(50),"
                    + " n INT) DEFAULT CHARSET=utf8mb4");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                ps.setInt(1, 1);
                ps.setBigDecimal(2, dec);
                ps.setObject(3, dt);
                ps.setObject(4, tm);
                ps.setObject(5, day);
                ps.setInt(6, 0b1011001101);
                ps.setString(7, json);
                ps.setBytes(8, allBytes);
                ps.setString(9, "z");
                ps.setString(10, "a,c");
                ps.setObject(11, ulongMax);
                ps.setString(12, emoji);
                ps.setNull(13, Types.INTEGER);
                assertEquals(1, ps.executeUpdate());
                ps.setInt(1, 2);
                for (int i = 2; i <= 13; i++) ps.setNull(i, Types.VARCHAR);
                assertEquals(1, ps.executeUpdate());
            }
            String select = "SELECT id, d, dt, tm, da, bt, j, bl, e, st, u, s, n FROM " + table + " WHERE id = ?";
            try (PreparedStatement ps = c.prepareStatement(select)) {
                ps.setInt(1, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(dec, rs.getBigDecimal("d"));
                    assertEquals(dt, rs.getObject("dt", LocalDateTime.class));
                    assertEquals(tm, rs.getObject("tm", LocalTime.class));
                    assertEquals(day, rs.getObject("da", LocalDate.class));
                    assertEquals(0b1011001101, rs.getInt("bt"));
                    assertEquals(json, rs.getString("j"));
                    assertArrayEquals(allBytes, rs.getBytes("bl"));
                    assertEquals("z", rs.getString("e"));
                    assertEquals("a,c", rs.getString("st"));
                    assertEquals(ulongMax.toString(), rs.getString("u"));
                    assertEquals(new BigDecimal(ulongMax), rs.getBigDecimal("u"));
                    assertEquals(emoji, rs.getString("s"));
                    assertNull(rs.getObject("n"));
                    assertFalse(rs.next());
                }
                ps.setInt(1, 2);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    for (int i = 2; i <= 13; i++) {
                        assertNull(rs.getObject(i), "column " + i + " of the all-NULL row");
                        assertTrue(rs.wasNull());
                    }
                }
            }
            // the same rows read directly from MariaDB and through Basalt look identical
            try (Connection direct = Remote.connect(maria, "pt_rt", mode(serverPrep))) {
                String all = "SELECT * FROM " + table + " ORDER BY id";
                assertEquals(run(direct, all, serverPrep), run(c, all, serverPrep));
            }
        }
    }

    // --- session state ------------------------------------------------------------------------

    @ParameterizedTest(name = "useServerPrepStmts={0}")
    @ValueSource(booleans = {false, true})
    void sessionStateLivesOnThePinnedBackend(boolean serverPrep) throws Exception {
        String sfx = serverPrep ? "_p" : "_t";
        try (Connection c = Remote.connect(basalt, "", mode(serverPrep) + "&allowMultiQueries=true");
             Connection other = Remote.connect(basalt, "pt_sess", mode(serverPrep));
             Connection direct = Remote.connect(maria, "pt_sess", "");
             Statement s = c.createStatement()) {
            // default database (a client asking for none starting in none: pooledBackendDoesNotLeakTheDefaultDatabase)
            s.execute("USE pt_sess");
            assertEquals("pt_sess", scalar(c, "SELECT DATABASE()"));
            c.setCatalog("pt_sess"); // COM_INIT_DB or USE, as the driver likes
            s.execute("CREATE TABLE ai" + sfx + " (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(3))");
            s.execute("CREATE TABLE tx" + sfx + " (id INT PRIMARY KEY) ENGINE=InnoDB");

            // user variables
            s.execute("SET @x = 42, @y = 'héllo😀'");
            assertEquals("42", scalar(c, "SELECT @x"));
            assertEquals("héllo😀", scalar(c, "SELECT @y"));
            assertNull(scalar(other, "SELECT @x"), "user variables are per session");

            // sql_mode
            s.execute("SET SESSION sql_mode = 'STRICT_ALL_TABLES'");
            assertEquals("STRICT_ALL_TABLES", scalar(c, "SELECT @@SESSION.sql_mode"));
            SQLException tooLong = Remote.expectError(() -> s.executeUpdate("INSERT INTO ai" + sfx + " (v) VALUES ('abcdef')"));
            assertEquals(1406, tooLong.getErrorCode(), tooLong.getMessage());
            s.execute("SET SESSION sql_mode = ''");
            assertEquals(1, s.executeUpdate("INSERT INTO ai" + sfx + " (v) VALUES ('abcdef')"));
            assertNotNull(s.getWarnings(), "truncation warning without strict mode");
            assertEquals("abc", scalar(c, "SELECT v FROM ai" + sfx + " ORDER BY id DESC LIMIT 1"));
            assertTrue(scalar(other, "SELECT @@SESSION.sql_mode").contains("STRICT_TRANS_TABLES"),
                    "the other session keeps the default sql_mode");

            // LAST_INSERT_ID
            s.executeUpdate("INSERT INTO ai" + sfx + " (v) VALUES ('x')", Statement.RETURN_GENERATED_KEYS);
            long generated;
            try (ResultSet keys = s.getGeneratedKeys()) {
                assertTrue(keys.next());
                generated = keys.getLong(1);
            }
            assertEquals(String.valueOf(generated), scalar(c, "SELECT LAST_INSERT_ID()"));
            assertEquals("0", scalar(other, "SELECT LAST_INSERT_ID()"));

            // temporary tables
            s.execute("CREATE TEMPORARY TABLE tmp" + sfx + " (a INT)");
            s.execute("INSERT INTO tmp" + sfx + " VALUES (1), (2)");
            assertEquals("2", scalar(c, "SELECT COUNT(*) FROM tmp" + sfx));
            SQLException noTemp = Remote.expectError(() -> scalar(other, "SELECT COUNT(*) FROM tmp" + sfx));
            assertEquals(1146, noTemp.getErrorCode());

            // transactions and savepoints
            c.setAutoCommit(false);
            s.execute("INSERT INTO tx" + sfx + " VALUES (1)");
            assertEquals("1", scalar(c, "SELECT COUNT(*) FROM tx" + sfx));
            assertEquals("0", scalar(direct, "SELECT COUNT(*) FROM tx" + sfx), "uncommitted row visible to another session");
            s.execute("SAVEPOINT sp1");
            s.execute("INSERT INTO tx" + sfx + " VALUES (2)");
            s.execute("ROLLBACK TO SAVEPOINT sp1");
            assertEquals("1", scalar(c, "SELECT COUNT(*) FROM tx" + sfx));
            c.commit();
            assertEquals("1", scalar(direct, "SELECT COUNT(*) FROM tx" + sfx));
            s.execute("INSERT INTO tx" + sfx + " VALUES (3)");
            c.rollback();
            c.setAutoCommit(true);
            assertEquals("1", scalar(c, "SELECT COUNT(*) FROM tx" + sfx));
            assertEquals("1", scalar(direct, "SELECT COUNT(*) FROM tx" + sfx));
            s.execute("BEGIN; INSERT INTO tx" + sfx + " VALUES (4); COMMIT");
            assertEquals("2", scalar(direct, "SELECT COUNT(*) FROM tx" + sfx));
            s.execute("START TRANSACTION");
            s.execute("DELETE FROM tx" + sfx);
            s.execute("ROLLBACK");
            assertEquals("2", scalar(direct, "SELECT COUNT(*) FROM tx" + sfx));

            // binary-protocol prepared statement reused with different parameters
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM tx" + sfx + " WHERE id = ? OR ? IS NULL ORDER BY id")) {
                ps.setInt(1, 4);
                ps.setNull(2, Types.INTEGER);
                assertEquals(List.of("1", "4"), column(ps.executeQuery()));
                ps.setInt(1, 4);
                ps.setInt(2, 0);
                assertEquals(List.of("4"), column(ps.executeQuery()));
            }
            // SQL-level PREPARE/EXECUTE
            s.execute("PREPARE p FROM 'SELECT ? + 1'");
            s.execute("SET @a = 41");
            try (ResultSet rs = s.executeQuery("EXECUTE p USING @a")) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1));
            }
        }
    }

    /**
     * Backends are pooled after COM_RESET_CONNECTION, which keeps the session's current database:
     * the next client must still start in the database it asked for (or none).
     */
    @Test
    void pooledBackendDoesNotLeakTheDefaultDatabase() throws Exception {
        try (TestServer basalt = Remote.basalt(maria, 0, 10)) { // its own: a leak must not spoil the other tests
            pooledBackendDoesNotLeakTheDefaultDatabase(basalt);
        }
    }

    private static void pooledBackendDoesNotLeakTheDefaultDatabase(TestServer basalt) throws Exception {
        for (String asked : new String[]{DB, ""}) {
            for (int i = 0; i < 3; i++) {
                try (Connection c = Remote.connect(basalt, asked, ""); Statement s = c.createStatement()) {
                    s.execute("USE pt_err");
                    assertEquals("pt_err", scalar(c, "SELECT DATABASE()"));
                }
                Remote.sleep(200); // the backend is reset and pooled in the background
                try (Connection next = Remote.connect(basalt, asked, "")) {
                    assertEquals(asked.isEmpty() ? null : asked, scalar(next, "SELECT DATABASE()"),
                            "a new client asking for '" + asked + "' starts in the previous client's database");
                }
            }
        }
    }

    // --- errors -------------------------------------------------------------------------------

    static List<String> errorStatements() {
        return List.of(
                "INSERT INTO dup VALUES (1)",              // 1062
                "SELECT * FROM no_such_table",             // 1146
                "SELEC 1",                                 // 1064
                "SELECT no_such_column FROM dup",          // 1054
                "INSERT INTO dup VALUES ('not a number')"  // 1366 in strict mode
        );
    }

    @ParameterizedTest(name = "useServerPrepStmts={0}")
    @ValueSource(booleans = {false, true})
    void remoteErrorsKeepCodeStateAndMessage(boolean serverPrep) throws Exception {
        Remote.exec(maria, "pt_err", "CREATE TABLE IF NOT EXISTS dup (id INT PRIMARY KEY)", "INSERT IGNORE INTO dup VALUES (1)");
        List<Integer> codes = new ArrayList<>();
        try (Connection direct = Remote.connect(maria, "pt_err", mode(serverPrep));
             Connection through = Remote.connect(basalt, "pt_err", mode(serverPrep))) {
            for (String sql : errorStatements()) {
                SQLException expected = Remote.expectError(() -> execute(direct, sql, serverPrep));
                SQLException actual = Remote.expectError(() -> execute(through, sql, serverPrep));
                assertEquals(expected.getErrorCode(), actual.getErrorCode(), sql);
                assertEquals(expected.getSQLState(), actual.getSQLState(), sql);
                assertEquals(stripConn(expected.getMessage()), stripConn(actual.getMessage()), sql);
                codes.add(actual.getErrorCode());
                assertEquals("1", scalar(through, "SELECT 1"), "connection usable after " + sql);
            }
        }
        assertEquals(List.of(1062, 1146, 1064, 1054, 1366), codes);
    }

    /** Logging in with a database the remote lacks: the remote's 1049, as a direct login gets it. */
    @Test
    void loginToAnUnknownDatabase() throws Exception {
        SQLException direct = Remote.expectError(() -> Remote.connect(maria, "no_such_db_pt", "").close());
        SQLException through = Remote.expectError(() -> Remote.connect(basalt, "no_such_db_pt", "").close());
        assertEquals(1049, direct.getErrorCode());
        assertEquals(direct.getErrorCode(), through.getErrorCode(), through.getMessage());
        assertEquals(direct.getSQLState(), through.getSQLState());
        try (Connection c = Remote.connect(basalt, DB, "")) {
            assertEquals(DB, scalar(c, "SELECT DATABASE()"), "Basalt still serves logins");
        }
    }

    private static String stripConn(String message) {
        return message.replaceAll("\\(conn=\\d+\\) ", "");
    }

    private static void execute(Connection c, String sql, boolean prepared) throws SQLException {
        if (prepared) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.execute();
            }
        } else {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }
    }

    // --- multi-statement queries ----------------------------------------------------------------

    @Test
    void multiStatementQueries() throws Exception {
        String multi = "SELECT 1 AS a, 'x' AS b; INSERT INTO m VALUES (1), (2); SELECT COUNT(*) FROM m;"
                + " UPDATE m SET a = a + 10; SELECT a FROM m ORDER BY a";
        List<String> expected, actual;
        Remote.exec(maria, "pt_multi_d", "CREATE TABLE m (a INT)");
        Remote.exec(maria, "pt_multi_b", "CREATE TABLE m (a INT)");
        try (Connection d = Remote.connect(maria, "pt_multi_d", "allowMultiQueries=true");
             Connection b = Remote.connect(basalt, "pt_multi_b", "allowMultiQueries=true")) {
            expected = allResults(d, multi);
            actual = allResults(b, multi);
            assertEquals(expected, actual);
            assertTrue(actual.size() == 5, actual.toString());
            // an error in the middle stops the batch, as MySQL does; the connection stays usable
            String failing = "SELECT 1; SELECT * FROM missing_table; SELECT 2";
            SQLException de = Remote.expectError(() -> allResults(d, failing));
            SQLException be = Remote.expectError(() -> allResults(b, failing));
            assertEquals(de.getErrorCode(), be.getErrorCode());
            assertEquals(1146, be.getErrorCode());
            assertEquals("1", scalar(b, "SELECT 1"));
            assertEquals("12", scalar(b, "SELECT MAX(a) FROM m"));
        }
    }

    private static List<String> allResults(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            boolean isResult = s.execute(sql);
            while (true) {
                if (isResult) {
                    try (ResultSet rs = s.getResultSet()) {
                        out.add(String.join("\n", render(rs)));
                    }
                } else {
                    int count = s.getUpdateCount();
                    if (count == -1) break;
                    out.add("update " + count);
                }
                isResult = s.getMoreResults();
            }
        }
        return out;
    }

    // --- warnings -----------------------------------------------------------------------------

    @Test
    void warningsAreRelayed() throws Exception {
        try (Connection d = Remote.connect(maria, DB, ""); Connection b = Remote.connect(basalt, DB, "")) {
            assertEquals(warnings(d), warnings(b));
            List<String> w = warnings(b);
            assertTrue(w.get(0).contains("1365"), "division by zero warning: " + w);
        }
    }

    private static List<String> warnings(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1/0 AS q")) {
                assertTrue(rs.next());
                assertNull(rs.getObject(1));
            }
            SQLWarning w = s.getWarnings();
            out.add(w == null ? "no SQLWarning" : w.getErrorCode() + " " + w.getMessage());
            out.add(scalar(c, "SELECT @@warning_count"));
            try (ResultSet rs = s.executeQuery("SHOW WARNINGS")) {
                out.addAll(render(rs));
            }
        }
        return out;
    }

    // --- large results ------------------------------------------------------------------------

    @ParameterizedTest(name = "useServerPrepStmts={0}")
    @ValueSource(booleans = {false, true})
    void largeResult(boolean serverPrep) throws Exception {
        String sql = "SELECT seq, REPEAT('x', seq % 50) AS pad, seq * 1.5 AS half, IF(seq % 7 = 0, NULL, seq) AS n"
                + " FROM seq_1_to_50000";
        try (Connection d = Remote.connect(maria, DB, mode(serverPrep));
             Connection b = Remote.connect(basalt, DB, mode(serverPrep))) {
            List<String> expected = run(d, sql, serverPrep);
            List<String> actual = run(b, sql, serverPrep);
            assertEquals(50_001, actual.size());
            assertEquals(expected.get(0), actual.get(0));
            assertEquals(expected.hashCode(), actual.hashCode());
            assertEquals(expected, actual);
        }
    }

    @Test
    void largeBlobRoundTrip() throws Exception {
        byte[] blob = new byte[20 << 20];
        new Random(7).nextBytes(blob);
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(blob);
        Remote.exec(maria, "pt_big", "CREATE TABLE big (id INT PRIMARY KEY, b LONGBLOB)");
        for (boolean serverPrep : new boolean[]{true, false}) {
            int id = serverPrep ? 1 : 2;
            try (Connection b = Remote.connect(basalt, "pt_big", mode(serverPrep) + "&maxAllowedPacket=67108864");
                 PreparedStatement ins = b.prepareStatement("INSERT INTO big VALUES (?, ?)")) {
                ins.setInt(1, id);
                ins.setBytes(2, blob);
                assertEquals(1, ins.executeUpdate());
                try (PreparedStatement sel = b.prepareStatement("SELECT b, LENGTH(b), SHA2(b, 256) FROM big WHERE id = ?")) {
                    sel.setInt(1, id);
                    try (ResultSet rs = sel.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals(blob.length, rs.getLong(2), "length stored on MariaDB");
                        assertEquals(HexFormat.of().formatHex(sha), rs.getString(3), "SHA-256 computed on MariaDB");
                        assertArrayEquals(sha, MessageDigest.getInstance("SHA-256").digest(rs.getBytes(1)),
                                "blob read back through Basalt (" + mode(serverPrep) + ")");
                    }
                }
            }
        }
    }

    // --- protocol corners ----------------------------------------------------------------------

    /** LOAD DATA LOCAL INFILE: the server asks the client for the file in the middle of the response. */
    @Test
    void loadDataLocalInfile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path csv = dir.resolve("rows.csv");
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 500; i++) b.append(i).append(",name ").append(i).append(" é😀\n");
        Files.writeString(csv, b.toString());
        Remote.exec(maria, "pt_multi_b", "CREATE TABLE IF NOT EXISTS li_direct (id INT PRIMARY KEY, s VARCHAR(50)) DEFAULT CHARSET=utf8mb4",
                "CREATE TABLE IF NOT EXISTS li_basalt (id INT PRIMARY KEY, s VARCHAR(50)) DEFAULT CHARSET=utf8mb4");
        List<String> results = new ArrayList<>();
        for (var e : List.of(maria, basalt)) {
            String table = e == maria ? "li_direct" : "li_basalt";
            try (Connection c = Remote.connect(e, "pt_multi_b", "allowLocalInfile=true"); Statement s = c.createStatement()) {
                int n;
                try {
                    n = s.executeUpdate("LOAD DATA LOCAL INFILE '" + csv + "' INTO TABLE " + table
                        + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY ','");
                } catch (SQLException failed) {
                    throw new AssertionError("LOAD DATA LOCAL INFILE " + (e == maria ? "directly" : "through Basalt")
                            + " failed: " + failed.getErrorCode() + " " + failed.getMessage(), failed);
                }
                assertEquals(500, n, "rows loaded " + (e == maria ? "directly" : "through Basalt"));
                results.add(scalar(c, "SELECT CONCAT(COUNT(*), ':', SUM(id), ':', MAX(s)) FROM " + table));
                assertEquals("1", scalar(c, "SELECT 1"), "connection in step after LOAD DATA");
            }
        }
        assertEquals(results.get(0), results.get(1));
    }

    /** Statement.cancel() opens a second connection and sends KILL QUERY with the id from the greeting. */
    @Test
    void statementCancelStopsTheRunningQuery() throws Exception {
        for (var e : List.of(maria, basalt)) {
            String where = e == maria ? "directly" : "through Basalt";
            try (Connection c = Remote.connect(e, DB, ""); Statement s = c.createStatement()) {
                Thread canceller = Thread.ofVirtual().start(() -> {
                    Remote.sleep(700);
                    try {
                        s.cancel();
                    } catch (SQLException ignored) {
                        // reported through the query's outcome
                    }
                });
                long t0 = System.nanoTime();
                try (ResultSet rs = s.executeQuery("SELECT SLEEP(6)")) {
                    rs.next();
                } catch (SQLException interrupted) {
                    // 1317 Query execution was interrupted: fine
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                canceller.join(5000);
                assertTrue(seconds < 4, "cancel did not stop SLEEP(6) " + where + ": took " + seconds + "s");
                assertEquals("1", scalar(c, "SELECT 1"), "connection usable after cancel " + where);
            }
        }
    }

    /** setBinaryStream on a server-side prepared statement: COM_STMT_SEND_LONG_DATA (no response) then execute. */
    @Test
    void longDataParameters() throws Exception {
        byte[] data = new byte[3 << 20];
        new Random(11).nextBytes(data);
        Remote.exec(maria, "pt_big", "CREATE TABLE IF NOT EXISTS longdata (id INT PRIMARY KEY, b LONGBLOB, t LONGTEXT)");
        String text = "😀".repeat(100_000);
        try (Connection c = Remote.connect(basalt, "pt_big", "useServerPrepStmts=true");
             PreparedStatement ps = c.prepareStatement("INSERT INTO longdata VALUES (?, ?, ?)")) {
            ps.setInt(1, 1);
            ps.setBinaryStream(2, new java.io.ByteArrayInputStream(data), data.length);
            ps.setCharacterStream(3, new java.io.StringReader(text), text.length());
            assertEquals(1, ps.executeUpdate());
            try (PreparedStatement sel = c.prepareStatement("SELECT b, t FROM longdata WHERE id = ?")) {
                sel.setInt(1, 1);
                try (ResultSet rs = sel.executeQuery()) {
                    assertTrue(rs.next());
                    assertArrayEquals(data, rs.getBytes(1));
                    assertEquals(text, rs.getString(2));
                }
            }
        }
    }

    /** CALL of a procedure returning two result sets, then the final OK. */
    @Test
    void procedureWithSeveralResultSets() throws Exception {
        Remote.exec(maria, "pt_multi_d", "CREATE PROCEDURE IF NOT EXISTS two_results(IN n INT) BEGIN "
                + "SELECT n AS first, 'a' AS x; SELECT seq FROM seq_1_to_5 WHERE seq <= n; END");
        List<String> direct, through;
        try (Connection d = Remote.connect(maria, "pt_multi_d", ""); Connection b = Remote.connect(basalt, "pt_multi_d", "")) {
            direct = allResults(d, "CALL two_results(3)");
            through = allResults(b, "CALL two_results(3)");
            assertEquals(direct, through);
            assertEquals(3, through.size(), through.toString()); // two results and the CALL's own OK
            try (java.sql.CallableStatement cs = b.prepareCall("{call two_results(?)}")) {
                cs.setInt(1, 2);
                assertTrue(cs.execute());
                try (ResultSet rs = cs.getResultSet()) {
                    assertTrue(rs.next());
                    assertEquals(2, rs.getInt(1));
                }
                assertTrue(cs.getMoreResults());
                assertEquals(List.of("1", "2"), column(cs.getResultSet()));
            }
            assertEquals("1", scalar(b, "SELECT 1"));
        }
    }

    // --- the mariadb CLI --------------------------------------------------------------------------

    @Test
    void mariadbCliThroughBasalt(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        if (MariaDbCli.binary() == null) {
            String msg = "\n*** mariadb CLI not installed; SKIPPING ***\n";
            System.out.println(msg);
            Assumptions.abort(msg);
        }
        Path script = dir.resolve("cli.sql");
        Files.writeString(script, """
                -- cli-options: --table --force --database=pt_eq --default-character-set=utf8mb4
                SELECT id, s, d, dt, HEX(bl), e, st FROM t ORDER BY id;
                SELECT k, SUM(v) FROM grp GROUP BY k ORDER BY k;
                SELECT 1/0;
                SHOW WARNINGS;
                SELECT * FROM no_such_table;
                USE pt_err;
                SELECT DATABASE();
                SELECT COUNT(*) FROM dup;
                """);
        Remote.exec(maria, "pt_err", "CREATE TABLE IF NOT EXISTS dup (id INT PRIMARY KEY)", "INSERT IGNORE INTO dup VALUES (1)");
        MariaDbCli.Output expected = MariaDbCli.run(maria, script);
        MariaDbCli.Output actual = MariaDbCli.run(basalt, script);
        assertTrue(expected.stdout().contains("😀"), expected.stdout());
        assertEquals(expected.stdout(), actual.stdout());
        assertEquals(expected.stderr(), actual.stderr());
        assertEquals(expected.exitCode(), actual.exitCode());
        assertTrue(actual.stderr().contains("ERROR 1146 (42S02)"), actual.stderr());
    }

    // --- helpers ------------------------------------------------------------------------------


    static String scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), "no row from " + sql);
            return rs.getString(1);
        }
    }

    private static List<String> column(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }
}
