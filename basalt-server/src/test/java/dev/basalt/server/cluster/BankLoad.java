package dev.basalt.server.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The write load of the kill tests: transfers between {@link #ACCOUNTS} accounts through JDBC, a few
 * clients at once. Each transaction moves an amount from one account to another and records itself
 * in {@code bank.tx (id, src, dst, amount)}; it counts as acknowledged once its COMMIT returned. A
 * client that loses its connection (its compute was killed) reconnects and goes on with a new
 * transaction: the outcome of a COMMIT that failed is unknown, and either is allowed.
 *
 * <p>{@link #check} then proves two things from one snapshot: every acknowledged transaction is
 * there, and no transaction is torn: each balance equals its opening balance plus what the visible
 * {@code tx} rows moved in and out (so both updates of every visible transaction are visible, and no
 * update is visible without its row).
 */
final class BankLoad {

    static final int ACCOUNTS = 10;
    static final long OPENING = 1000;

    private final String url;
    private final int clients;
    private final long seed;
    private final AtomicLong nextId = new AtomicLong();
    final Set<Long> acked = new ConcurrentSkipListSet<>();
    final AtomicLong failed = new AtomicLong();
    /** The last failure a client saw, for a test's failure message (what a stall looks like from outside). */
    final java.util.concurrent.atomic.AtomicReference<String> lastError = new java.util.concurrent.atomic.AtomicReference<>("none");
    private volatile boolean running;
    private final List<Thread> threads = new ArrayList<>();

    BankLoad(String url, int clients, long seed) {
        this.url = url;
        this.clients = clients;
        this.seed = seed;
    }

    /**
     * Creates the schema, idempotently and patiently: a cluster just started on a busy machine may fail
     * its first commits (a safekeeper JVM still warming up outlasts the compute's 5 s append timeout), and
     * a failed DDL's outcome is unknown, so every statement may run again.
     */
    static void createSchema(String url) throws SQLException, InterruptedException {
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= ACCOUNTS; i++) rows.append(i == 1 ? "" : ",").append('(').append(i).append(',').append(OPENING).append(')');
        long deadline = System.nanoTime() + TestCluster.READY.toNanos();
        while (true) {
            try (Connection c = DriverManager.getConnection(url, "root", ""); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE IF NOT EXISTS bank");
                s.execute("CREATE TABLE IF NOT EXISTS bank.acc (id INT PRIMARY KEY, bal BIGINT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS bank.tx (id BIGINT PRIMARY KEY, src INT NOT NULL, dst INT NOT NULL, amount BIGINT NOT NULL)");
                s.execute("INSERT IGNORE INTO bank.acc VALUES " + rows);
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) throw e;
                Thread.sleep(500);
            }
        }
    }

    /** Starts the clients; ids continue from the previous round. */
    void start() {
        running = true;
        threads.clear();
        for (int i = 0; i < clients; i++) {
            Random random = new Random(seed * 31 + i + nextId.get());
            threads.add(Thread.ofPlatform().name("bank-client-" + i).daemon().start(() -> run(random)));
        }
    }

    /** Stops the clients, letting each finish (or fail) its current transaction. */
    void stop() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(60_000);
            if (t.isAlive()) throw new IllegalStateException(t.getName() + " still runs 60 s after the stop");
        }
    }

    private void run(Random random) {
        Connection c = null;
        while (running) {
            try {
                if (c == null) {
                    c = DriverManager.getConnection(url, "root", "");
                    c.setAutoCommit(false);
                }
                transfer(c, random);
            } catch (SQLException e) {
                failed.incrementAndGet();
                lastError.set(java.time.LocalTime.now() + " " + e.getErrorCode() + " " + e.getMessage());
                close(c);
                c = null;
                pause(100);
            }
        }
        close(c);
    }

    private void transfer(Connection c, Random random) throws SQLException {
        int src = 1 + random.nextInt(ACCOUNTS), dst = 1 + random.nextInt(ACCOUNTS);
        long amount = 1 + random.nextInt(50);
        long id = nextId.incrementAndGet();
        try (Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE bank.acc SET bal = bal - " + amount + " WHERE id = " + src);
            s.executeUpdate("UPDATE bank.acc SET bal = bal + " + amount + " WHERE id = " + dst);
            s.executeUpdate("INSERT INTO bank.tx VALUES (" + id + ", " + src + ", " + dst + ", " + amount + ")");
            c.commit();
            acked.add(id);
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is gone; the caller reconnects
            }
            throw e;
        }
    }

    /** What {@link #check} saw: acknowledged transactions so far, and transactions present. */
    record Checked(int acked, int present) {}

    /**
     * Verifies the invariants on one snapshot (one statement reads both tables); throws AssertionError
     * naming what broke.
     */
    Checked check(String what) throws SQLException {
        Snapshot first = read();
        if (!first.balances.equals(first.expected)) {
            // tell a torn write from a torn read: a second look a moment later, and which transactions the tx rows lack
            pause(2000);
            Snapshot again = read();
            long highest = nextId.get();
            List<Long> absent = new ArrayList<>();
            for (long id = 1; id <= highest && absent.size() < 40; id++) if (!first.present.contains(id)) absent.add(id);
            List<Long> absentAcked = absent.stream().filter(acked::contains).toList();
            throw new AssertionError(what + ": torn transaction: balances " + first.balances + " but the tx rows give " + first.expected
                    + "; read again 2 s later: " + (again.balances.equals(again.expected) ? "consistent" : "still torn ("
                    + again.balances + " vs " + again.expected + ")") + ", " + again.present.size() + " tx rows (first read "
                    + first.present.size() + "); transaction ids without a tx row (first 40 of " + highest + "): " + absent
                    + ", of them acknowledged: " + absentAcked);
        }
        List<Long> missing = acked.stream().filter(id -> !first.present.contains(id)).limit(20).toList();
        if (!missing.isEmpty()) {
            throw new AssertionError(what + ": acknowledged commits missing (first 20): " + missing + " of " + acked.size());
        }
        return new Checked(acked.size(), first.present.size());
    }

    /** One statement's view of both tables: balances, what the tx rows imply, the tx ids present. */
    private record Snapshot(Map<Integer, Long> balances, Map<Integer, Long> expected, Set<Long> present) {}

    private Snapshot read() throws SQLException {
        Map<Integer, Long> expected = new HashMap<>();
        for (int i = 1; i <= ACCOUNTS; i++) expected.put(i, OPENING);
        Set<Long> present = new java.util.HashSet<>();
        Map<Integer, Long> balances = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url, "root", ""); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT 'tx', id, src, dst, amount FROM bank.tx"
                     + " UNION ALL SELECT 'acc', id, bal, 0, 0 FROM bank.acc")) {
            while (r.next()) {
                if (r.getString(1).equals("acc")) {
                    balances.put(r.getInt(2), r.getLong(3));
                } else {
                    present.add(r.getLong(2));
                    expected.merge(r.getInt(3), -r.getLong(5), Long::sum);
                    expected.merge(r.getInt(4), r.getLong(5), Long::sum);
                }
            }
        }
        return new Snapshot(balances, expected, present);
    }

    private static void close(Connection c) {
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException ignored) {
            // already broken
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
