package dev.basalt.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.basalt.it.support.ExternalBasalt;
import dev.basalt.it.support.TempDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server whose data directory is on a small tmpfs (48 MB) the test mounts (as root, or through
 * passwordless {@code sudo -n} as CI runners have; skipped, with the reason, otherwise): INSERT until the disk is full gives 1021 and keeps giving it; reads keep working;
 * DELETE, TRUNCATE and DROP TABLE work on the full disk and give the space back (later inserts
 * fit again), each in its own full-disk episode with no room ever made on the file system (the
 * first one spends the reserve file, the next ones the reserve kept inside data.mdb); the server restarts on a full disk, and writes work again once space is freed (the
 * tmpfs is remounted bigger), without a restart. The tmpfs is always unmounted.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DiskFullTest {

    private static final String ROW = "'" + "x".repeat(900) + "'";

    @Test
    void writesFailWith1021WhileFullAndFreeingStatementsAndRestartWork() throws Exception {
        Path base = Files.createTempDirectory("basalt-diskfull-");
        Path mnt = Files.createDirectories(base.resolve("mnt"));
        try {
            Assumptions.assumeTrue(mount("-t", "tmpfs", "-o", "size=48m", "tmpfs", mnt.toString()),
                    "cannot mount a tmpfs here (needs root or passwordless sudo on Linux): disk-full test skipped");
            try {
                scenario(mnt);
            } catch (Throwable t) {
                Path log = base.resolve("mnt-server.log");
                if (Files.exists(log)) System.err.println("server log:\n" + Files.readString(log));
                throw t;
            } finally {
                if (!asRoot("umount", mnt.toString())) asRoot("umount", "-l", mnt.toString());
            }
        } finally {
            TempDirs.deleteRecursively(base);
        }
    }

    private static void scenario(Path mnt) throws Exception {
        Path data = mnt; // the mount point itself: the server log (a sibling) stays off the full file system
        // A smaller log and reserve than the defaults (32 MB, 8 MB) so that 48 MB hold a useful amount of rows.
        List<String> jvm = List.of("-Xmx256m", "-Dbasalt.lmdb.walSize=8388608", "-Dbasalt.lmdb.reserveSize=4194304");
        ExternalBasalt server = new ExternalBasalt(data, List.of(), jvm);
        try {
            server.start();
            try (Connection c = connect(server); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE df");
                s.execute("CREATE TABLE df.t (id INT PRIMARY KEY AUTO_INCREMENT, v VARCHAR(1000))");
                long rows = fillUntilFull(s, "df.t");
                assertTrue(rows > 1000, "some rows fit before the disk was full: " + rows);
                expectDiskFull(s, "INSERT INTO df.t (v) VALUES (" + ROW + ")");
                assertEquals(rows, count(s, "df.t"), "reads work on a full disk");

                assertEquals(rows / 2, s.executeUpdate("DELETE FROM df.t WHERE id <= " + rows / 2), "DELETE on a full disk");
                // the space comes back: LMDB reuses the freed pages once no snapshot needs them and the
                // background checkpoint has moved on, so allow it a few seconds
                eventually(s, "INSERT INTO df.t (v) SELECT v FROM df.t LIMIT 100");
                fillUntilFull(s, "df.t");

                // The reserve file was spent on the DELETE and the file system never gets room for it again:
                // the next episodes live on the reserve the server keeps inside data.mdb instead.
                s.execute("TRUNCATE TABLE df.t");
                assertEquals(0, count(s, "df.t"));
                eventually(s, "INSERT INTO df.t (v) VALUES (" + ROW + ")");
                eventually(s, "CREATE TABLE df.u (id INT PRIMARY KEY AUTO_INCREMENT, v VARCHAR(1000))");
                fillUntilFull(s, "df.u");
                s.execute("DROP TABLE df.u");
                eventually(s, "INSERT INTO df.t (v) VALUES (" + ROW + ")");
                fillUntilFull(s, "df.t");
            }
            long before;
            try (Connection c = connect(server); Statement s = c.createStatement()) {
                before = count(s, "df.t");
            }
            server.close();
            server.start(); // on the full disk
            try (Connection c = connect(server); Statement s = c.createStatement()) {
                assertEquals(before, count(s, "df.t"), "every acknowledged row is there after the restart");
                // A restart may find some room again (the log checkpointed and restarted, the reserve given
                // up): fill it, every failure being 1021, so the disk is full for what follows.
                long full = fillUntilFull(s, "df.t");
                assertTrue(full >= before, full + " rows after the restart, " + before + " before");
                expectDiskFull(s, "INSERT INTO df.t (v) VALUES (" + ROW + ")");
                // Space freed outside the server (here: the file system grows): writes work again, no restart.
                assertTrue(asRoot("mount", "-o", "remount,size=" + (TMPFS_MEGABYTES + 32) + "m", mnt.toString()),
                        "remount the tmpfs bigger");
                s.execute("INSERT INTO df.t (v) VALUES (" + ROW + ")");
                assertEquals(full + 1, count(s, "df.t"));
            }
        } finally {
            server.close();
        }
    }

    /** The tmpfs size, in MB. */
    private static final int TMPFS_MEGABYTES = 48;

    /** Doubles the table (in steps of at most 500 rows) until an insert fails; returns the rows. */
    private static long fillUntilFull(Statement s, String table) throws SQLException {
        if (count(s, table) == 0) s.execute("INSERT INTO " + table + " (v) VALUES (" + ROW + ")");
        for (int i = 0; i < 1000; i++) {
            try {
                s.execute("INSERT INTO " + table + " (v) SELECT v FROM " + table + " LIMIT 500");
            } catch (SQLException e) {
                assertDiskFull(e);
                return count(s, table);
            }
        }
        return fail("the 48 MB file system never filled up");
    }

    /** Runs {@code sql}, retrying for up to 10 s while it fails with 1021 (any other error fails at once). */
    private static void eventually(Statement s, String sql) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                s.execute(sql);
                return;
            } catch (SQLException e) {
                assertDiskFull(e);
                if (System.nanoTime() > deadline) throw e;
                Thread.sleep(200);
            }
        }
    }

    private static void expectDiskFull(Statement s, String sql) {
        try {
            s.execute(sql);
            fail("expected 1021 for " + sql);
        } catch (SQLException e) {
            assertDiskFull(e);
        }
    }

    private static void assertDiskFull(SQLException e) {
        assertEquals(1021, e.getErrorCode(), e.getMessage());
        assertEquals("HY000", e.getSQLState());
        assertTrue(e.getMessage().startsWith("Disk full ("), e.getMessage());
    }

    private static long count(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection connect(ExternalBasalt server) throws SQLException {
        return DriverManager.getConnection(server.mysqlUrl(""), server.user(), server.password());
    }

    /** How mount and umount are run: directly as root, else through sudo -n (decided by {@link #mount}). */
    private static List<String> rootPrefix = List.of();

    /** Mounts directly when root, else tries passwordless sudo (a tmpfs made by sudo is mode 1777: the server can write). */
    private static boolean mount(String... arguments) throws IOException, InterruptedException {
        for (List<String> prefix : List.of(List.<String>of(), List.of("sudo", "-n"))) {
            rootPrefix = prefix;
            if (asRoot(concat(List.of("mount"), List.of(arguments)))) return true;
        }
        return false;
    }

    private static boolean asRoot(String... command) throws IOException, InterruptedException {
        return asRoot(List.of(command));
    }

    private static boolean asRoot(List<String> command) throws IOException, InterruptedException {
        try {
            return run(concat(rootPrefix, command).toArray(String[]::new));
        } catch (IOException noSuchProgram) { // e.g. no sudo installed
            return false;
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0;
    }
}
