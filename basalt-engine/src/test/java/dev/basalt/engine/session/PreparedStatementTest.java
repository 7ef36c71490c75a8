package dev.basalt.engine.session;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.EngineConfig;
import dev.basalt.engine.api.ColumnInfo;
import dev.basalt.engine.api.PreparedStatementHandle;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.RowCursor;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SessionOptions;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.testkv.TestKvStore;
import dev.basalt.engine.types.TypeKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PreparedStatementTest {
    private Session session;

    @BeforeEach
    void open() {
        BasaltEngine engine = new BasaltEngine(new TestKvStore(), new EngineConfig("8.0.36-basalt", "", 64 << 20));
        session = engine.openSession(new SessionOptions(1, "root", "localhost", null, false));
        run("CREATE DATABASE d");
        session.useDatabase("d");
        run("CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20), price DECIMAL(8,2), born DATE, seen DATETIME, data VARBINARY(10))");
    }

    @AfterEach
    void close() { session.close(); }

    @Test
    void queryReportsParameterCountAndColumnsAtPrepare() {
        PreparedStatementHandle h = session.prepare("SELECT id, name FROM t WHERE id = ? AND name <> ?");
        assertEquals(2, h.parameterCount());
        List<ColumnInfo> cols = h.columns();
        assertEquals(List.of("id", "name"), cols.stream().map(ColumnInfo::name).toList());
        assertEquals(TypeKind.INT, cols.get(0).type().kind());
    }

    @Test
    void nonQueryHasNoColumns() {
        PreparedStatementHandle h = session.prepare("INSERT INTO t (id, name) VALUES (?, ?)");
        assertEquals(2, h.parameterCount());
        assertTrue(h.columns().isEmpty());
    }

    @Test
    void insertAndSelectWithEveryKindOfValue() {
        PreparedStatementHandle ins = session.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)");
        for (int i = 1; i <= 50; i++) {
            Result r = session.executePrepared(ins, new Object[]{(long) i, "n" + i, new BigDecimal("1.50"),
                    LocalDate.of(2000, 1, i % 28 + 1), LocalDateTime.of(2020, 5, 6, 7, 8, 9), new byte[]{1, 2}}).next();
            assertEquals(1, ((Result.Update) r).affectedRows());
        }
        session.executePrepared(ins, new Object[]{51L, null, null, null, null, null}).next();

        PreparedStatementHandle sel = session.prepare("SELECT name, price, born, seen, data FROM t WHERE id = ?");
        List<Object[]> rows = rows(session.executePrepared(sel, new Object[]{7L}).next());
        assertEquals(1, rows.size());
        assertEquals("n7", rows.get(0)[0]);
        assertEquals(new BigDecimal("1.50"), rows.get(0)[1]);
        assertEquals(LocalDate.of(2000, 1, 8), rows.get(0)[2]);
        assertEquals(LocalDateTime.of(2020, 5, 6, 7, 8, 9), rows.get(0)[3]);
        assertArrayEquals(new byte[]{1, 2}, (byte[]) rows.get(0)[4]);

        List<Object[]> nulls = rows(session.executePrepared(sel, new Object[]{51L}).next());
        assertEquals(Arrays.asList(null, null, null, null, null), Arrays.asList(nulls.get(0)));

        // a string where a number is expected compares as MySQL would
        assertEquals("n9", rows(session.executePrepared(sel, new Object[]{"9"}).next()).get(0)[0]);
    }

    @Test
    void rangesAndLimitTakeParameters() {
        PreparedStatementHandle ins = session.prepare("INSERT INTO t (id, name) VALUES (?, ?)");
        for (long i = 1; i <= 20; i++) session.executePrepared(ins, new Object[]{i, "x"}).next();
        PreparedStatementHandle range = session.prepare("SELECT id FROM t WHERE id BETWEEN ? AND ? ORDER BY id LIMIT ?");
        List<Object[]> rows = rows(session.executePrepared(range, new Object[]{5L, 15L, 3L}).next());
        assertEquals(List.of(5L, 6L, 7L), rows.stream().map(r -> ((Number) r[0]).longValue()).toList());
        rows = rows(session.executePrepared(range, new Object[]{18L, 100L, 10L}).next());
        assertEquals(List.of(18L, 19L, 20L), rows.stream().map(r -> ((Number) r[0]).longValue()).toList());
    }

    @Test
    void wrongParameterCountAndClosedHandlesFail() {
        PreparedStatementHandle h = session.prepare("SELECT ?");
        assertThrows(SqlException.class, () -> session.executePrepared(h, new Object[0]));
        session.closePrepared(h);
        assertThrows(SqlException.class, () -> session.executePrepared(h, new Object[]{1L}));
    }

    @Test
    void prepareReportsParseAndNameErrors() {
        assertEquals(1064, assertThrows(SqlException.class, () -> session.prepare("SELEKT 1")).errorCode());
        assertEquals(1146, assertThrows(SqlException.class, () -> session.prepare("SELECT * FROM nope WHERE a = ?")).errorCode());
        assertEquals(1064, assertThrows(SqlException.class, () -> session.prepare("SELECT 1; SELECT 2")).errorCode());
    }

    @Test
    void placeholderOutsidePreparedStatementIsASyntaxError() {
        SqlException e = assertThrows(SqlException.class, () -> session.execute("SELECT ?", false).next());
        assertEquals(1064, e.errorCode());
    }

    private void run(String sql) {
        Result r = session.execute(sql, false).next();
        if (r instanceof Result.Rows rows) rows.cursor().close();
    }

    private static List<Object[]> rows(Result r) {
        List<Object[]> out = new ArrayList<>();
        try (RowCursor c = ((Result.Rows) r).cursor()) {
            for (Object[] row; (row = c.next()) != null; ) out.add(row.clone());
        }
        return out;
    }
}
