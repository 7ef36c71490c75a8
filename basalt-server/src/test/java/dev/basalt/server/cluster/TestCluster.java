package dev.basalt.server.cluster;

import dev.basalt.server.Main;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A complete disaggregated-storage cluster of separate processes, as {@code bin/basalt cluster start}
 * makes: s3proxy (bin/s3proxy-local), three safekeepers, the page server and one compute, on loopback
 * ports the OS handed out, each logging to {@code DIR/logs/ID.log}. The roles run this build's classes
 * (the test class path). {@link #close} SIGKILLs whatever still runs.
 */
final class TestCluster implements AutoCloseable {

    /** A loaded two-core machine can take most of a minute to start a JVM service. */
    static final Duration READY = Duration.ofSeconds(180);
    private static final String ACCESS = "basalt", SECRET = "basalt-secret";

    final Path dir;
    final ClusterProcess s3proxy, pageserver, compute;
    final List<ClusterProcess> safekeepers = new ArrayList<>();
    private final List<ClusterProcess> all = new ArrayList<>();

    TestCluster(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir.resolve("logs"));
        int[] ports = dev.basalt.server.LoopbackPorts.free(6);
        String peers = "127.0.0.1:" + ports[1] + ",127.0.0.1:" + ports[2] + ",127.0.0.1:" + ports[3];
        Path root = repositoryRoot();
        s3proxy = add("s3proxy", ports[0], List.of(root.resolve("bin/s3proxy-local").toString(), dir.resolve("s3").toString(),
                String.valueOf(ports[0])), Map.of("S3PROXY_PROPERTIES_FILE", dir.resolve("s3proxy.properties").toString()));
        for (int i = 1; i <= 3; i++) {
            Path data = dir.resolve("safekeeper-" + i);
            // elections after 3-6 s without the leader, not the default 1-2 s: at load average 60-75 these JVMs stall for
            // 0.4-3 s at a time (Ratis: "Unexpected long sleep"), and with the default they elected leader after leader
            // (terms 5 to 11 in 40 s) while a new compute's take-over waited (the kill trials still fail over, later)
            safekeepers.add(add("safekeeper-" + i, ports[i], java("safekeeper", "--id", String.valueOf(i),
                    "--port", String.valueOf(ports[i]), "--data-dir", data.toString(), "--peers", peers,
                    "--election-timeout", "3000"), Map.of()));
        }
        pageserver = add("pageserver", ports[4], java("pageserver", "--port", String.valueOf(ports[4]),
                "--data-dir", dir.resolve("pageserver").toString(), "--safekeepers", peers,
                "--s3-endpoint", "http://127.0.0.1:" + ports[0], "--s3-bucket", "basalt"), Map.of());
        // the compute may wait long for its take-over: at load average 60 the safekeepers' JVMs stall for
        // seconds and a take-over outlasted the 30 s default (a slow start is reported, not a failure)
        // no TLS: a compute with an empty data dir generates its certificate (two 2048-bit RSA key pairs) at every
        // start, and at load average 45 a new compute's thread dump showed it still at that after 41 s (2 s of CPU,
        // C1 only) while the test waited for its first answer; the clients here do not use TLS
        compute = add("compute-1", ports[5], java("-Dbasalt.neon.startWaitSeconds=150", "server", "--storage", "neon", "--safekeepers", peers,
                "--pageserver", "127.0.0.1:" + ports[4], "--branch", "main", "--port", String.valueOf(ports[5]),
                "--data-dir", dir.resolve("compute-1").toString(), "--ssl", "off"), Map.of());
    }

    /** Starts everything in dependency order, waiting for each to listen. */
    TestCluster start() throws IOException, InterruptedException {
        s3proxy.start();
        for (ClusterProcess s : safekeepers) s.start();
        s3proxy.awaitListening(READY);
        for (ClusterProcess s : safekeepers) s.awaitListening(READY);
        pageserver.start();
        pageserver.awaitListening(READY);
        compute.start();
        compute.awaitListening(READY);
        return this;
    }

    String jdbcUrl() {
        return "jdbc:mariadb://127.0.0.1:" + compute.port + "/?connectTimeout=3000&socketTimeout=30000";
    }

    private ClusterProcess add(String id, int port, List<String> command, Map<String, String> extraEnv) {
        Map<String, String> env = new java.util.HashMap<>(extraEnv);
        env.put("BASALT_S3_ACCESS_KEY", ACCESS);
        env.put("BASALT_S3_SECRET_KEY", SECRET);
        ClusterProcess p = new ClusterProcess(id, port, dir.resolve(id), dir.resolve("logs").resolve(id + ".log"), command, env);
        all.add(p);
        return p;
    }

    /** A role run like bin/basalt runs it, on this build's class path; small heaps and C1 only: six JVMs share two cores. */
    private static List<String> java(String... args) {
        List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path")));
        int i = 0;
        while (i < args.length && args[i].startsWith("-D")) c.add(args[i++]); // JVM properties before the main class
        c.add(Main.class.getName());
        c.addAll(List.of(args).subList(i, args.length));
        return c;
    }

    /** The checkout: surefire runs in the module directory, bin/ is beside it. */
    private static Path repositoryRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isExecutable(p.resolve("bin/s3proxy-local"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("bin/s3proxy-local not found above " + Path.of("").toAbsolutePath());
        return p;
    }

    /** Thread dumps of every running JVM of the cluster (not s3proxy's launcher), to logs/ID.threads-LABEL.txt. */
    void dumpThreads(String label) {
        for (ClusterProcess p : all) if (p != s3proxy) p.dumpThreads(label);
        System.out.println("TestCluster: thread dumps '" + label + "' in " + dir.resolve("logs"));
    }

    @Override
    public void close() {
        for (ClusterProcess p : all.reversed()) {
            try {
                p.kill();
            } catch (RuntimeException | InterruptedException e) {
                System.err.println("could not kill " + p + ": " + e);
            }
        }
    }
}
