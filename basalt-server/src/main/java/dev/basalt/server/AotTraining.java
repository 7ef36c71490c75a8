package dev.basalt.server;

import dev.basalt.pageserver.PageServer;
import dev.basalt.pageserver.PageServerSettings;
import dev.basalt.pageserver.grpc.PageGrpcServer;
import dev.basalt.pageserver.store.MemoryObjectStore;
import dev.basalt.safekeeper.Safekeeper;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run of the launcher's ahead-of-time class cache ({@code bin/basalt aot-cache}; JDK 25's
 * AOT cache, which keeps the classes a run loaded already parsed and linked, with their profiles).
 * A start of any role then skips most class loading, which is most of a cold start: a fresh compute
 * loads some 7 000 classes (two gRPC stacks, Ratis, the SQL engine, TLS) before its first answer.
 *
 * <p>One run, in this JVM, does what the roles do at start: three safekeepers, a page server (in-memory
 * object store) serving gRPC, and a compute parsed from the command line {@code bin/basalt cluster}
 * gives it, opened on them with a generated certificate; then a few statements through JDBC, plain and
 * over TLS. Everything lives in a temporary directory that is deleted at the end.
 */
public final class AotTraining {

    private AotTraining() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("basalt-aot-training");
        try {
            train(dir);
        } finally {
            deleteTree(dir);
        }
        System.exit(0); // gRPC and Ratis leave non-daemon threads behind
    }

    private static void train(Path dir) throws Exception {
        int[] ports = LoopbackPorts.free(4);
        String peersLine = "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1] + ",127.0.0.1:" + ports[2];
        List<String> peers = List.of(peersLine.split(","));
        List<Safekeeper> safekeepers = new ArrayList<>();
        try {
            for (int id = 1; id <= 3; id++) safekeepers.add(Safekeeper.start(id, peers, dir.resolve("safekeeper-" + id)));
            try (PageServer pages = new PageServer(PageServerSettings.defaults(), new MemoryObjectStore(), dir.resolve("pageserver"),
                    PageServerLogs.connect(peers)).start();
                 PageGrpcServer grpc = new PageGrpcServer(pages, "127.0.0.1", 0).start();
                 BasaltServer compute = startCompute(peersLine, "127.0.0.1:" + grpc.port(), ports[3], dir.resolve("compute"))) {
                statements("jdbc:mariadb://127.0.0.1:" + compute.port() + "/", true);
                statements("jdbc:mariadb://127.0.0.1:" + compute.port() + "/?sslMode=trust", false);
            }
        } finally {
            for (Safekeeper s : safekeepers) s.close();
        }
    }

    /** The compute as {@code basalt server --storage neon ...} starts it: the same parsing and settings. */
    private static BasaltServer startCompute(String peers, String pageserver, int port, Path dataDir) throws IOException {
        ParseResult parsed = CommandLineSpec.build().parseArgs("server", "--storage", "neon", "--safekeepers", peers,
                "--pageserver", pageserver, "--branch", "main", "--port", String.valueOf(port), "--data-dir", dataDir.toString());
        ParseResult server = parsed.subcommand();
        SettingsLoader loader = new SettingsLoader(System.getenv(), Path.of(""));
        NeonSettings neon = loader.loadNeon(Main.flags(server), null);
        OperationsSettings ops = loader.loadOperations(Main.flags(server), null);
        LogSetup.configure("warn", ops.logFormat());
        BasaltServer compute = BasaltServer.start(Main.settingsFrom(server), Main.httpSettingsFrom(server),
                Main.tlsSettingsFrom(server), neon);
        ops.applyTo((dev.basalt.engine.BasaltEngine) compute.engine(), Main.settingsFrom(server));
        return compute;
    }

    private static void statements(String url, boolean create) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "root", ""); Statement s = c.createStatement()) {
            if (create) {
                s.execute("CREATE DATABASE training");
                s.execute("CREATE TABLE training.t (id INT PRIMARY KEY, v VARCHAR(20), n BIGINT NOT NULL)");
            }
            s.execute("SELECT @@version, 1 + 1");
            c.setAutoCommit(false);
            for (int i = 0; i < 20; i++) {
                s.execute("INSERT INTO training.t VALUES (" + (create ? i : 100 + i) + ", 'v" + i + "', " + i + ")");
            }
            s.execute("UPDATE training.t SET n = n + 1 WHERE id < 5");
            c.commit();
            c.setAutoCommit(true);
            try (ResultSet r = s.executeQuery("SELECT COUNT(*), SUM(n) FROM training.t")) {
                while (r.next()) r.getLong(1);
            }
            try (ResultSet r = s.executeQuery("SELECT id, v FROM training.t WHERE id = 3")) {
                while (r.next()) r.getString(2);
            }
            s.execute("SHOW STATUS LIKE 'Neon%'");
            s.execute("SHOW DATABASES");
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
        }
    }
}
