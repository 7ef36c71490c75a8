package dev.basalt.engine.exec.spill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.EngineConfig;
import dev.basalt.engine.api.SessionOptions;
import dev.basalt.engine.exec.MemoryGovernor;
import dev.basalt.engine.exec.QueryMemory;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.testkv.SqlRows;
import dev.basalt.engine.testkv.TestKvStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the spill tests share: an in-process engine whose spill files go to a fresh directory (so a
 * test can see that none is left), sessions on it, and the memory limits put back afterwards.
 */
final class SpillFixture implements AutoCloseable {
    final Path tmp;
    private final Path previousDir = SpillFile.directory();
    private final long previousLimit = QueryMemory.limit();
    private final long previousGlobal = MemoryGovernor.limit();
    private final BasaltEngine engine;
    private final List<BasaltSession> sessions = new ArrayList<>();

    SpillFixture() throws IOException {
        tmp = Files.createTempDirectory("basalt-spill-test-");
        SpillFile.setDirectory(tmp);
        engine = new BasaltEngine(new TestKvStore(), new EngineConfig("8.0.40-test", "", 64 << 20));
    }

    /** A new session (the first one also answers {@link #status}). */
    BasaltSession session() {
        BasaltSession s = (BasaltSession) engine.openSession(new SessionOptions(sessions.size() + 1, "root", "127.0.0.1", null));
        sessions.add(s);
        return s;
    }

    /**
     * A session in a new database {@code d} holding one table ({@code createTable}) filled with
     * {@code n} rows, {@code columnsOfI} giving each row's values from its number i (1 to n).
     */
    BasaltSession sessionWithTable(String createTable, int n, String columnsOfI) {
        BasaltSession s = session();
        rows(s, "CREATE DATABASE d");
        rows(s, "USE d");
        rows(s, createTable);
        rows(s, "SET SESSION cte_max_recursion_depth = " + Math.max(1000, n));
        String table = createTable.split("\\s+")[2];
        rows(s, "INSERT INTO " + table + " WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + n
                + ") SELECT " + columnsOfI + " FROM n");
        return s;
    }

    static List<Object[]> rows(BasaltSession s, String sql) {
        return SqlRows.of(s, sql);
    }

    long status(String name) {
        for (Object[] r : rows(sessions.getFirst(), "SHOW GLOBAL STATUS LIKE '" + name + "'")) {
            return Long.parseLong(r[1].toString());
        }
        throw new AssertionError("no status " + name);
    }

    /** A row of numbers (DECIMAL sums included) as longs. */
    static List<Long> numbers(Object[] row) {
        List<Long> out = new ArrayList<>();
        for (Object v : row) out.add(v instanceof java.math.BigDecimal d ? d.longValueExact() : ((Number) v).longValue());
        return out;
    }

    long spillFiles() {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    void assertNoSpillFiles() {
        assertEquals(0, spillFiles(), "temporary files left in " + tmp);
    }

    @Override public void close() throws IOException {
        QueryMemory.setLimit(previousLimit);
        MemoryGovernor.setLimit(previousGlobal);
        SpillFile.setDirectory(previousDir);
        for (BasaltSession s : sessions) s.close();
        engine.close();
        try (Stream<Path> s = Files.list(tmp)) {
            for (Path p : s.toList()) Files.delete(p);
        }
        Files.delete(tmp);
    }
}
