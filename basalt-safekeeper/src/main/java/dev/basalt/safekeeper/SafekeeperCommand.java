package dev.basalt.safekeeper;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code basalt safekeeper --id N --port P --data-dir D --peers h:p,h:p,h:p}: runs one WAL service node
 * until SIGTERM/SIGINT. The server module's {@code basalt} command hands its arguments here.
 */
@Command(name = "safekeeper", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        description = {
                "Runs one safekeeper of Basalt's WAL service: three of them replicate each timeline's log of commits",
                "(Apache Ratis); a commit is acknowledged once two of the three have it fsynced.",
                "%nEvery node and client is given the same --peers list; node N is its N-th address."},
        footer = {"%nExample (three nodes on one machine):",
                "  PEERS=127.0.0.1:7101,127.0.0.1:7102,127.0.0.1:7103",
                "  basalt safekeeper --id 1 --port 7101 --data-dir sk1 --peers $PEERS",
                "  basalt safekeeper --id 2 --port 7102 --data-dir sk2 --peers $PEERS",
                "  basalt safekeeper --id 3 --port 7103 --data-dir sk3 --peers $PEERS",
                "%nRatis' own log goes to stderr at warning level and above."})
public final class SafekeeperCommand {

    @Option(names = "--id", required = true, paramLabel = "N", description = "This node's position in --peers (1, 2, 3).")
    int id;

    @Option(names = "--port", required = true, paramLabel = "P", description = "Port to listen on; must be this node's port in --peers.")
    int port;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "Where the Raft log and snapshots live (created if missing).")
    Path dataDir;

    @Option(names = "--peers", required = true, paramLabel = "H:P,H:P,H:P", description = "All safekeepers, in the same order everywhere.")
    String peers;

    @Option(names = "--snapshot-every", paramLabel = "ENTRIES", defaultValue = "100000",
            description = "Write a snapshot after this many log entries (default: ${DEFAULT-VALUE}).")
    long snapshotEvery;

    @Option(names = "--wal-retain-lsns", paramLabel = "LSNS", defaultValue = "" + Safekeeper.Options.DEFAULT_WAL_RETAIN_LSNS,
            description = "Records kept below the LSN the page server reports uploaded (default: ${DEFAULT-VALUE}).")
    long walRetainLsns;

    @Option(names = "--election-timeout", paramLabel = "MS", defaultValue = "1000",
            description = "A follower that hears nothing from the leader for MS to 2*MS milliseconds starts an election, and a leader"
                    + " without a majority's answer for that long steps down (default: ${DEFAULT-VALUE}). Longer rides out a loaded"
                    + " machine's stalls without an election; shorter fails over sooner when the leader dies.")
    long electionTimeoutMs;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Exit codes as the server's: 0 stopped cleanly, 1 could not start, 2 bad usage. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        SafekeeperCommand command = new SafekeeperCommand();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        try {
            cli.parseArgs(args);
        } catch (ParameterException e) {
            err.println("basalt safekeeper: " + e.getMessage());
            err.println("Try 'basalt safekeeper --help'.");
            return 2;
        }
        if (cli.isUsageHelpRequested()) {
            cli.usage(out);
            return 0;
        }
        if (cli.isVersionHelpRequested()) {
            out.println("basalt safekeeper (Apache Ratis)");
            return 0;
        }
        return command.serve(out, err);
    }

    private int serve(PrintStream out, PrintStream err) {
        RatisLogging.quiet();
        RatisMetricReporters.withoutJmx();
        RatisNettyLeakDetection.offUnlessRequested();
        SafekeeperCluster cluster;
        SafekeeperCluster.HostPort self;
        try {
            cluster = SafekeeperCluster.parse(peers);
            self = SafekeeperCluster.hostPort(cluster.address(id));
        } catch (IllegalArgumentException e) {
            err.println("basalt safekeeper: " + e.getMessage());
            return 2;
        }
        if (self.port() != port) {
            err.println("basalt safekeeper: --port " + port + " is not the port of node " + id + " in --peers (" + cluster.address(id) + ")");
            return 2;
        }
        if (snapshotEvery < 1) {
            err.println("basalt safekeeper: --snapshot-every must be at least 1");
            return 2;
        }
        if (walRetainLsns < 0) {
            err.println("basalt safekeeper: --wal-retain-lsns must not be negative");
            return 2;
        }
        if (electionTimeoutMs < 100) {
            err.println("basalt safekeeper: --election-timeout must be at least 100 (milliseconds)");
            return 2;
        }
        Safekeeper node;
        try {
            node = Safekeeper.start(id, cluster.addresses(), dataDir.toAbsolutePath(),
                    Safekeeper.Options.defaults().withSnapshotEveryEntries(snapshotEvery).withWalRetainLsns(walRetainLsns)
                            .withElectionTimeouts(Duration.ofMillis(electionTimeoutMs), Duration.ofMillis(2 * electionTimeoutMs)));
        } catch (IOException | RuntimeException e) {
            err.println("basalt safekeeper: cannot start node " + id + ": " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("safekeeper-shutdown").unstarted(() -> {
            try {
                node.close();
            } catch (IOException | RuntimeException e) {
                err.println("basalt safekeeper: error while stopping: " + e.getMessage());
            }
            stopped.countDown();
        }));
        out.println("Basalt safekeeper " + id + " ready on " + cluster.address(id) + " (data in " + dataDir.toAbsolutePath()
                + ", peers " + String.join(",", cluster.addresses()) + ")");
        out.flush();
        try {
            stopped.await(); // until a signal runs the shutdown hook, which exits the JVM
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
