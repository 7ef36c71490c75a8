package dev.basalt.server.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guarantees of disaggregated storage under SIGKILL (issue 12), on a real cluster of separate
 * processes ({@link TestCluster}): while JDBC clients run transfers ({@link BankLoad}), the compute,
 * one safekeeper and the page server are each SIGKILLed in turn at a seeded random moment and started
 * again: the compute on an empty data directory (a fresh compute must serve every acknowledged
 * commit), the page server in odd trials (so in the default build's one) without its local data
 * (rebuilt from object storage and the safekeepers). After every trial no acknowledged commit is missing and no transaction is torn.
 *
 * <p>The default build runs one trial for each: the compute, one safekeeper and the page server (six JVMs, one to
 * three minutes on a busy two-core machine). The long loop is opt-in: {@code -Dbasalt.cluster.kill=on} runs two trials per
 * role, {@code -Dbasalt.cluster.trials=N} any number, {@code -Dbasalt.cluster.roles=safekeeper} (a comma
 * list) only some roles ({@code none}: the load alone, no kill; {@code quorum}: two safekeepers at once, opt-in only), {@code -Dbasalt.cluster.seed=N} picks the kill moments and victims. Each
 * process logs to {@code logs/ID.log} in the temporary directory, which is kept when the test fails;
 * its path is printed first. After 30 s without a commit the JVMs' thread dumps are written beside
 * the logs.
 */
class ClusterKillTest {

    private static final long SEED = Long.getLong("basalt.cluster.seed", 20261207L);
    /** The long loop, opt-in; the default build runs one trial per role it kills. */
    private static final boolean LONG = "on".equals(System.getProperty("basalt.cluster.kill"));
    private static final int TRIALS = Integer.getInteger("basalt.cluster.trials", LONG ? 2 : 1);
    private static final Duration RECOVERY = Duration.ofSeconds(Long.getLong("basalt.cluster.recoverySeconds", 180));
    /** Roles to kill, comma-separated: the three roles, once each in the default build, twice in the long loop. */
    private static final String ROLES = System.getProperty("basalt.cluster.roles", "compute,safekeeper,pageserver");
    /** No commit for this long: the JVMs' threads are dumped once (to logs/) while the stall lasts. */
    private static final Duration STALL_DUMP = Duration.ofSeconds(30);
    /** How long the quorum role keeps two safekeepers down: past the compute's 5 s append timeout. */
    private static final Duration QUORUM_DOWN = Duration.ofSeconds(8);

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path dir;

    private final Random random = new Random(SEED);
    private final List<String> report = new ArrayList<>();

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void noAcknowledgedCommitLostAndNothingTornWhenAnyProcessIsKilled() throws Exception {
        System.out.println("ClusterKillTest: seed " + SEED + ", " + TRIALS + " trials per role, cluster in " + dir);
        try (TestCluster cluster = new TestCluster(dir)) {
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close)); // a killed test run leaves no processes
            cluster.start();
            BankLoad.createSchema(cluster.jdbcUrl());
            BankLoad load = new BankLoad(cluster.jdbcUrl(), 3, SEED);
            List<String> roles = List.of(ROLES.split(","));
            for (int t = 1; t <= TRIALS; t++) {
                if (roles.contains("compute")) killCompute(cluster, load, t);
                if (roles.contains("safekeeper")) killSafekeeper(cluster, load, t);
                if (roles.contains("pageserver")) killPageServer(cluster, load, t);
                if (roles.contains("quorum")) killQuorum(cluster, load, t);
                if (roles.contains("none")) loadOnly(load, t);
            }
            BankLoad.Checked end = load.check("end");
            report.add("total: " + end.acked() + " acknowledged commits, " + end.present() + " transactions present, "
                    + load.failed.get() + " failed or unknown");
            assertTrue(end.acked() > 0, "no commit was acknowledged at all");
        } finally {
            report.forEach(line -> System.out.println("ClusterKillTest: " + line));
        }
    }

    /** The compute: SIGKILL, delete its data dir, start a new one; time from its process start to its first answer. */
    private void killCompute(TestCluster cluster, BankLoad load, int trial) throws Exception {
        int before = load.acked.size();
        load.start();
        long waited = underLoad();
        cluster.compute.kill();
        deleteTree(cluster.compute.dataDir);
        cluster.compute.start();
        long firstAnswerMs = awaitFirstAnswer(cluster, "compute-start-" + trial);
        settle(cluster, load, before, "compute-" + trial);
        BankLoad.Checked c = load.check("compute trial " + trial);
        report.add("compute trial " + trial + ": SIGKILL after " + waited + " ms of load; new compute (empty data dir) answered "
                + firstAnswerMs + " ms after its process started; " + (c.acked() - before) + " commits acknowledged in the trial, all present");
    }

    /** One safekeeper: SIGKILL; commits must go on with two; start it again. */
    private void killSafekeeper(TestCluster cluster, BankLoad load, int trial) throws Exception {
        ClusterProcess victim = cluster.safekeepers.get(random.nextInt(3));
        int before = load.acked.size();
        load.start();
        long waited = underLoad();
        victim.kill();
        int atKill = load.acked.size();
        awaitCommit(cluster, load, atKill, "safekeeper-down-" + trial, "with " + victim.id + " down"); // two of three are a quorum

        int whileDown = load.acked.size() - atKill;
        victim.start();
        victim.awaitListening(TestCluster.READY);
        settle(cluster, load, before, "safekeeper-" + trial);
        BankLoad.Checked c = load.check("safekeeper trial " + trial);
        report.add("safekeeper trial " + trial + ": SIGKILL " + victim.id + " after " + waited + " ms of load; commits went on while it was down ("
                + whileDown + "+); " + (c.acked() - before) + " acknowledged in the trial, all present");
    }

    /**
     * Two safekeepers at once (opt-in role {@code quorum}): SIGKILL both and keep them down past the compute's
     * append timeout, so commits in flight learn nothing and the compute cannot fence; start them again: the
     * same compute process, not restarted, settles the waiting commits and takes commits again by itself.
     */
    private void killQuorum(TestCluster cluster, BankLoad load, int trial) throws Exception {
        int first = random.nextInt(3);
        List<ClusterProcess> victims = List.of(cluster.safekeepers.get(first), cluster.safekeepers.get((first + 1 + random.nextInt(2)) % 3));
        long computeStarted = cluster.compute.startedNanos();
        int before = load.acked.size();
        load.start();
        long waited = underLoad();
        for (ClusterProcess v : victims) v.kill();
        int atKill = load.acked.size();
        Thread.sleep(QUORUM_DOWN.toMillis());
        int whileDown = load.acked.size() - atKill; // only commits a quorum had before the kill may still be answered
        for (ClusterProcess v : victims) v.start();
        for (ClusterProcess v : victims) v.awaitListening(TestCluster.READY);
        settle(cluster, load, before, "quorum-" + trial);
        assertTrue(cluster.compute.alive() && cluster.compute.startedNanos() == computeStarted, "the compute was restarted");
        BankLoad.Checked c = load.check("quorum trial " + trial);
        report.add("quorum trial " + trial + ": SIGKILL " + victims.get(0).id + " and " + victims.get(1).id + " after " + waited
                + " ms of load, down for " + QUORUM_DOWN.toSeconds() + " s (" + whileDown + " answered after the kill); the same compute"
                + " committed again by itself; " + (c.acked() - before) + " acknowledged in the trial, all present");
    }

    /**
     * The page server: SIGKILL and restart, deleting its local data in odd trials (the harder case, so the
     * default build's single trial has it) and keeping it in even ones.
     */
    private void killPageServer(TestCluster cluster, BankLoad load, int trial) throws Exception {
        boolean wipe = trial % 2 == 1;
        int before = load.acked.size();
        load.start();
        long waited = underLoad();
        cluster.pageserver.kill();
        if (wipe) deleteTree(cluster.pageserver.dataDir);
        cluster.pageserver.start();
        cluster.pageserver.awaitListening(TestCluster.READY);
        settle(cluster, load, before, "pageserver-" + trial);
        BankLoad.Checked c = load.check("page server trial " + trial);
        report.add("page server trial " + trial + ": SIGKILL after " + waited + " ms of load, restarted " + (wipe ? "without" : "with")
                + " its local data; " + (c.acked() - before) + " acknowledged in the trial, all present");
    }

    /** No kill: the load alone for a while, then the same checks (tells a kill's effect from the load's own). */
    private void loadOnly(BankLoad load, int trial) throws Exception {
        int before = load.acked.size();
        load.start();
        long waited = underLoad() + underLoad();
        load.stop();
        BankLoad.Checked c = load.check("load-only trial " + trial);
        report.add("load-only trial " + trial + ": " + waited + " ms of load; " + (c.acked() - before) + " acknowledged, all present");
    }

    /** Lets the load run for a seeded random 0.5-2.5 s; returns how long. */
    private long underLoad() throws InterruptedException {
        long ms = 500 + random.nextInt(2000);
        Thread.sleep(ms);
        return ms;
    }

    /** After a restart: the load goes on until a commit lands again (recovery proven), then stops. */
    private static void settle(TestCluster cluster, BankLoad load, int before, String label) throws InterruptedException {
        awaitCommit(cluster, load, Math.max(load.acked.size(), before), label, "after the restart");
        load.stop();
    }

    /**
     * Waits until more than {@code after} commits are acknowledged. A stall of {@link #STALL_DUMP} gets
     * the cluster's thread dumps (taken while it lasts, which is when they tell something); one of
     * {@link #RECOVERY} fails the test.
     */
    private static void awaitCommit(TestCluster cluster, BankLoad load, int after, String label, String when)
            throws InterruptedException {
        long start = System.nanoTime();
        boolean dumped = false;
        while (load.acked.size() <= after) {
            long waited = System.nanoTime() - start;
            if (!dumped && waited > STALL_DUMP.toNanos()) {
                dumped = true;
                System.out.println("ClusterKillTest: no commit for " + STALL_DUMP.toSeconds() + " s " + when + " (" + label
                        + "); compute: " + neonStatus(cluster) + "; last client error: " + load.lastError.get());
                cluster.dumpThreads(label);
            }
            if (waited > RECOVERY.toNanos()) {
                throw new AssertionError("no commit within " + RECOVERY + " " + when + "; compute: " + neonStatus(cluster)
                        + "; failed or unknown transactions so far: " + load.failed.get() + "; last client error: "
                        + load.lastError.get());
            }
            Thread.sleep(50);
        }
    }

    /** The compute's Neon_* status (its LSN, the page server's floor, the overlay), for a failure message. */
    private static String neonStatus(TestCluster cluster) {
        StringBuilder out = new StringBuilder();
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(), "root", ""); Statement s = c.createStatement();
             java.sql.ResultSet r = s.executeQuery("SHOW STATUS LIKE 'Neon%'")) {
            while (r.next()) out.append(r.getString(1)).append('=').append(r.getString(2)).append(' ');
        } catch (SQLException e) {
            out.append("status not readable: ").append(e.getMessage());
        }
        return out.toString().trim();
    }

    /** Waits for the new compute's first answer; a wait of {@link #STALL_DUMP} gets the cluster's thread dumps (a CI run's compute never answered, and nothing said why). */
    private static long awaitFirstAnswer(TestCluster cluster, String label) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        long dumpAt = System.nanoTime() + STALL_DUMP.toNanos();
        boolean dumped = false;
        while (true) {
            if (!dumped && System.nanoTime() > dumpAt) {
                dumped = true;
                System.out.println("ClusterKillTest: the new compute has not answered for " + STALL_DUMP.toSeconds() + " s (" + label + ")");
                cluster.dumpThreads(label);
            }
            try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(), "root", ""); Statement s = c.createStatement()) {
                s.executeQuery("SELECT COUNT(*) FROM bank.tx").close();
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cluster.compute.startedNanos());
            } catch (SQLException e) {
                if (!cluster.compute.alive()) throw new AssertionError("the new compute exited (see its log in " + cluster.dir + ")");
                if (System.nanoTime() > deadline) throw new AssertionError("the new compute did not answer within " + RECOVERY, e);
                Thread.sleep(20);
            }
        }
    }

    private static void deleteTree(Path p) throws java.io.IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(f);
        }
    }
}
