package dev.basalt.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway real MariaDB server (Debian's mariadbd) in a temporary data directory, used as the
 * reference implementation: it proves the test machinery before Basalt exists and generates expected
 * outputs. Start once per JVM via {@link #shared()}; stopped by PID at JVM exit.
 */
public final class MariaDbServer implements Endpoint, AutoCloseable {
    private static final String[] DAEMON_CANDIDATES = {"/usr/sbin/mariadbd", "/usr/bin/mariadbd", "/usr/sbin/mysqld"};
    private static final String[] INSTALL_DB_CANDIDATES = {"/usr/bin/mariadb-install-db", "/usr/bin/mysql_install_db"};
    private static MariaDbServer shared;

    private final Path baseDir;
    private final int port;
    private final List<String> command;
    /** Connector/J options the readiness check needs (TLS when the server requires it). */
    private final String readyOptions;
    private Process process;

    private MariaDbServer(Path baseDir, int port, List<String> command, Process process, String readyOptions) {
        this.baseDir = baseDir;
        this.port = port;
        this.command = command;
        this.process = process;
        this.readyOptions = readyOptions;
    }

    /** True when the mariadbd and mariadb-install-db binaries exist on this machine. */
    public static boolean isInstalled() {
        return find(DAEMON_CANDIDATES) != null && find(INSTALL_DB_CANDIDATES) != null;
    }

    /** One server per JVM, started lazily; later tests reuse it (each creates its own databases). */
    public static synchronized MariaDbServer shared() throws IOException {
        if (shared == null || !shared.process.isAlive()) {
            shared = start();
            MariaDbServer s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close));
        }
        return shared;
    }

    public static MariaDbServer start() throws IOException {
        return start(false, false);
    }

    /**
     * A private server that writes a row-based binary log (server id 1), for tests of Basalt
     * following it as a replica.
     */
    public static MariaDbServer startWithBinlog() throws IOException {
        return start(true, false);
    }

    /**
     * As {@link #startWithBinlog()}, with privileges checked (no --skip-grant-tables): root logs in
     * without a password; tests create the accounts whose grants they need.
     */
    public static MariaDbServer startWithBinlogAndGrants() throws IOException {
        return start(true, true);
    }

    /**
     * A private server with TLS ({@code --ssl-cert}, {@code --ssl-key}) and
     * {@code --require-secure-transport}, writing a row binlog: plain TCP logins are refused (privileges are checked:
     * MariaDB skips that check with --skip-grant-tables; root logs in without a password).
     */
    public static MariaDbServer startWithTls(Path cert, Path key) throws IOException {
        return start(true, true, List.of("--ssl-cert=" + cert, "--ssl-key=" + key, "--require-secure-transport=ON"),
                "?sslMode=trust");
    }

    /**
     * As {@link #startWithTls(Path, Path)}, verifying client certificates against {@code ca}: for
     * accounts created with REQUIRE X509.
     */
    public static MariaDbServer startWithTls(Path cert, Path key, Path ca) throws IOException {
        return start(true, true, List.of("--ssl-cert=" + cert, "--ssl-key=" + key, "--ssl-ca=" + ca,
                "--require-secure-transport=ON"), "?sslMode=trust");
    }

    private static MariaDbServer start(boolean binlog, boolean grants) throws IOException {
        return start(binlog, grants, List.of(), "");
    }

    private static MariaDbServer start(boolean binlog, boolean grants, List<String> extra, String readyOptions)
            throws IOException {
        String daemon = find(DAEMON_CANDIDATES);
        String installDb = find(INSTALL_DB_CANDIDATES);
        if (daemon == null || installDb == null) throw new IOException("mariadbd / mariadb-install-db not installed");
        Path base = Files.createTempDirectory("basalt-mariadb-");
        Path data = base.resolve("data");
        Files.createDirectories(data);
        List<String> install = new ArrayList<>(List.of(installDb, "--no-defaults", "--datadir=" + data,
                "--auth-root-authentication-method=normal", "--skip-test-db"));
        if (runningAsRoot()) install.add("--user=root");
        try {
            run(install, base.resolve("install.log"), 120);
        } catch (IOException firstAttempt) {
            // seen once on a loaded machine; a clean second attempt has always worked
            TempDirs.deleteRecursively(data);
            Files.createDirectories(data);
            run(install, base.resolve("install.log"), 120);
        }

        int port = FreePort.pick();
        List<String> cmd = new ArrayList<>(List.of(daemon, "--no-defaults", "--datadir=" + data,
                "--socket=" + base.resolve("sock"), "--port=" + port, "--bind-address=127.0.0.1",
                "--pid-file=" + base.resolve("pid"), "--log-error=" + base.resolve("error.log"),
                "--innodb-buffer-pool-size=64M", "--character-set-server=utf8mb4", "--collation-server=utf8mb4_general_ci", "--max-connections=200"));
        if (!grants) cmd.add("--skip-grant-tables");
        if (binlog) cmd.addAll(List.of("--log-bin=" + base.resolve("binlog"), "--binlog-format=ROW", "--server-id=1"));
        else cmd.add("--skip-log-bin");
        if (runningAsRoot()) cmd.add("--user=root");
        cmd.addAll(extra);
        MariaDbServer server = new MariaDbServer(base, port, List.copyOf(cmd), launch(cmd, base), readyOptions);
        server.awaitReady();
        return server;
    }

    private static Process launch(List<String> cmd, Path base) throws IOException {
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("stdout.log").toFile())).start();
    }

    /** SIGKILLs the daemon (no clean shutdown), for crash-recovery tests; data stays on disk. */
    public synchronized void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts the daemon again on the same data directory and port (after {@link #kill()}). */
    public synchronized void restart() throws IOException {
        if (process.isAlive()) throw new IllegalStateException("still running");
        process = launch(command, baseDir);
        awaitReady();
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) break;
            try (Connection c = java.sql.DriverManager.getConnection(mariadbUrl("") + readyOptions, user(), password())) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            sleep(100);
        }
        String log = Files.exists(baseDir.resolve("error.log")) ? Files.readString(baseDir.resolve("error.log")) : "";
        close();
        throw new IOException("MariaDB did not become ready on port " + port + ": " + last + "\n" + log);
    }

    /** Its Unix socket (for passthrough's --mysql-socket). */
    public Path socket() { return baseDir.resolve("sock"); }

    @Override public String host() { return "127.0.0.1"; }
    @Override public int port() { return port; }
    @Override public String user() { return "root"; }
    @Override public String password() { return ""; }

    /** Stops the daemon by its own PID (never by name) and removes the data directory. */
    @Override
    public synchronized void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        TempDirs.deleteRecursively(baseDir);
    }

    private static void run(List<String> cmd, Path log, int timeoutSeconds) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + cmd);
            }
            if (p.exitValue() != 0) throw new IOException("failed (" + p.exitValue() + "): " + cmd + "\n" + Files.readString(log));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + cmd, e);
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String find(String[] candidates) {
        for (String c : candidates) if (Files.isExecutable(Path.of(c))) return c;
        return null;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
