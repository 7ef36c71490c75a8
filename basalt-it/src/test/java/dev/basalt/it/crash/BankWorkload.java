package dev.basalt.it.crash;

import dev.basalt.it.support.Endpoint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Money transfers between accounts, each in one explicit transaction that also writes a journal row
 * keyed by a unique transfer id. A transfer whose COMMIT returned OK is "acknowledged" and must survive
 * any crash; one whose COMMIT was cut off by the crash is in doubt (may or may not be there).
 */
public final class BankWorkload {
    public static final String DB = "crashbank";
    public static final int ACCOUNTS = 20;
    public static final long INITIAL = 1000;

    public final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    public final AtomicLong nextId = new AtomicLong(1);
    public final AtomicLong retries = new AtomicLong();
    /** Errors that are neither conflicts nor a lost connection: engine bugs worth reporting. */
    public final List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());

    static Connection connect(Endpoint e, String db) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", e.user());
        p.setProperty("password", e.password());
        p.setProperty("socketTimeout", "20000");
        p.setProperty("connectTimeout", "10000");
        return DriverManager.getConnection(e.mariadbUrl(db), p);
    }

    public void setup(Endpoint e) throws SQLException {
        try (Connection c = connect(e, ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DB);
            s.execute("CREATE DATABASE " + DB);
            s.execute("USE " + DB);
            s.execute("CREATE TABLE accounts (id INT PRIMARY KEY, bal BIGINT NOT NULL)");
            s.execute("CREATE TABLE journal (id BIGINT PRIMARY KEY, src INT NOT NULL, dst INT NOT NULL, amount BIGINT NOT NULL)");
            StringBuilder sb = new StringBuilder("INSERT INTO accounts VALUES ");
            for (int i = 1; i <= ACCOUNTS; i++) sb.append(i > 1 ? "," : "").append('(').append(i).append(',').append(INITIAL).append(')');
            s.execute(sb.toString());
        }
    }

    /** Runs {@code threads} clients until {@code stop} is set or their connection dies. */
    public List<Thread> startClients(Endpoint e, int threads, AtomicBoolean stop) {
        List<Thread> list = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            list.add(Thread.ofPlatform().name("bank-client-" + t).start(() -> clientLoop(e, stop)));
        }
        return list;
    }

    private void clientLoop(Endpoint e, AtomicBoolean stop) {
        try (Connection c = connect(e, DB)) {
            c.setAutoCommit(false);
            try (PreparedStatement debit = c.prepareStatement("UPDATE accounts SET bal = bal - ? WHERE id = ?");
                 PreparedStatement credit = c.prepareStatement("UPDATE accounts SET bal = bal + ? WHERE id = ?");
                 PreparedStatement journal = c.prepareStatement("INSERT INTO journal VALUES (?, ?, ?, ?)")) {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                while (!stop.get()) {
                    long id = nextId.getAndIncrement();
                    int src = 1 + rnd.nextInt(ACCOUNTS);
                    int dst = 1 + (src + rnd.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                    long amount = 1 + rnd.nextInt(100);
                    transfer(c, debit, credit, journal, id, src, dst, amount, stop);
                }
            }
        } catch (SQLException connectionGone) {
            // expected when the server is killed under us
        }
    }

    private void transfer(Connection c, PreparedStatement debit, PreparedStatement credit, PreparedStatement journal,
                          long id, int src, int dst, long amount, AtomicBoolean stop) throws SQLException {
        while (true) {
            try {
                debit.setLong(1, amount);
                debit.setInt(2, src);
                debit.executeUpdate();
                credit.setLong(1, amount);
                credit.setInt(2, dst);
                credit.executeUpdate();
                journal.setLong(1, id);
                journal.setInt(2, src);
                journal.setInt(3, dst);
                journal.setLong(4, amount);
                journal.executeUpdate();
                c.commit();
                acknowledged.add(id);
                return;
            } catch (SQLException ex) {
                if (isConnectionLoss(ex)) throw ex;
                rollbackQuietly(c);
                if (ex.getErrorCode() == 1213 || "40001".equals(ex.getSQLState()) || ex.getErrorCode() == 1205) {
                    retries.incrementAndGet();
                    if (stop.get()) return;
                    continue;
                }
                if (unexpected.size() < 20) unexpected.add("transfer " + id + ": " + ex.getErrorCode() + " " + ex.getMessage());
                return;
            }
        }
    }

    static boolean isConnectionLoss(SQLException ex) {
        String state = ex.getSQLState();
        return (state != null && state.startsWith("08")) || ex instanceof java.sql.SQLNonTransientConnectionException
                || ex instanceof java.sql.SQLTransientConnectionException;
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // a broken connection is detected by the next statement
        }
    }

    /** Checks the invariants after a restart; returns human-readable problems (empty when all hold). */
    public List<String> verify(Endpoint e) throws SQLException {
        List<String> problems = new ArrayList<>();
        long[] expected = new long[ACCOUNTS + 1];
        java.util.Arrays.fill(expected, INITIAL);
        Set<Long> present = new java.util.HashSet<>();
        try (Connection c = connect(e, DB); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT id, src, dst, amount FROM journal")) {
                while (rs.next()) {
                    present.add(rs.getLong(1));
                    expected[rs.getInt(2)] -= rs.getLong(4);
                    expected[rs.getInt(3)] += rs.getLong(4);
                }
            }
            long total = 0;
            int rows = 0;
            try (ResultSet rs = s.executeQuery("SELECT id, bal FROM accounts ORDER BY id")) {
                while (rs.next()) {
                    rows++;
                    int id = rs.getInt(1);
                    long bal = rs.getLong(2);
                    total += bal;
                    if (bal != expected[id]) {
                        problems.add("account " + id + " has " + bal + " but its journal implies " + expected[id]
                                + " (half-applied or lost transfer)");
                    }
                }
            }
            if (rows != ACCOUNTS) problems.add("expected " + ACCOUNTS + " accounts, found " + rows);
            if (total != ACCOUNTS * INITIAL) problems.add("total balance " + total + " != " + ACCOUNTS * INITIAL);
        }
        long missing = acknowledged.stream().filter(id -> !present.contains(id)).count();
        if (missing > 0) {
            problems.add(missing + " acknowledged transfers are missing after restart, e.g. "
                    + acknowledged.stream().filter(id -> !present.contains(id)).limit(5).toList());
        }
        return problems;
    }
}
