package dev.basalt.server;

import dev.basalt.pageserver.PageServer;
import dev.basalt.pageserver.PageServerSettings;
import dev.basalt.pageserver.grpc.PageGrpcServer;
import dev.basalt.pageserver.store.S3ObjectStore;
import dev.basalt.pageserver.store.S3Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;

/**
 * {@code basalt pageserver}: runs the page server of disaggregated storage (docs/disaggregated.md):
 * tails each timeline's log on the safekeepers, keeps layer files in S3-compatible storage, serves
 * versioned reads over gRPC until SIGTERM/SIGINT.
 */
@Command(name = "pageserver", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a Basalt page server: versioned key-value reads at a log position, over gRPC.",
                "S3 credentials: BASALT_S3_ACCESS_KEY and BASALT_S3_SECRET_KEY, else the AWS SDK's default chain."})
final class PageServerCommand {

    private static final Logger LOG = Logger.getLogger(PageServerCommand.class.getName());

    @Option(names = "--port", paramLabel = "P", description = "gRPC port (default: ${DEFAULT-VALUE}).")
    int port = 6400;

    @Option(names = "--bind", paramLabel = "HOST", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind = "127.0.0.1";

    @Option(names = "--data-dir", paramLabel = "D", required = true, description = "Local cache of layer files.")
    Path dataDir;

    @Option(names = "--safekeepers", paramLabel = "H:P,...", split = ",", required = true, description = "The WAL service nodes.")
    List<String> safekeepers;

    @Option(names = "--s3-endpoint", paramLabel = "URL", description = "S3-compatible endpoint (default: the provider's).")
    URI s3Endpoint;

    @Option(names = "--s3-bucket", paramLabel = "B", required = true, description = "Bucket for layer files and indexes.")
    String s3Bucket;

    @Option(names = "--s3-region", paramLabel = "R", description = "Region (default: ${DEFAULT-VALUE}).")
    String s3Region = "us-east-1";

    @Option(names = "--s3-prefix", paramLabel = "P", description = "Key prefix inside the bucket (default: none).")
    String s3Prefix = "";

    @Option(names = "--gc-retention-lsns", paramLabel = "N",
            description = "Keep history for reads at the newest N LSNs of each timeline (default: ${DEFAULT-VALUE}).")
    long retentionLsns = PageServerSettings.defaults().gcRetentionLsns();

    static int run(String[] args, PrintStream out, PrintStream err) {
        PageServerCommand cmd = new PageServerCommand();
        CommandLine cli = new CommandLine(cmd);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        try {
            cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println("basalt pageserver: " + e.getMessage());
            err.println("Try 'basalt pageserver --help'.");
            return Main.USAGE;
        }
        if (cli.isUsageHelpRequested()) {
            cli.usage(out);
            return Main.OK;
        }
        if (cli.isVersionHelpRequested()) {
            out.println(BasaltVersion.current().banner());
            return Main.OK;
        }
        LogSetup.configure(System.getenv(LogSetup.LEVEL_ENV));
        return cmd.serve(out, err);
    }

    private int serve(PrintStream out, PrintStream err) {
        PageServerSettings settings = PageServerSettings.defaults().withGcRetentionLsns(retentionLsns);
        S3ObjectStore store;
        PageServer pageServer;
        PageGrpcServer grpc;
        try {
            store = new S3ObjectStore(S3Settings.fromEnv(s3Endpoint, s3Region, s3Bucket, s3Prefix, System.getenv())).ensureBucket();
            pageServer = new PageServer(settings, store, dataDir, PageServerLogs.connect(safekeepers)).start();
            grpc = new PageGrpcServer(pageServer, bind, port).start();
        } catch (RuntimeException e) {
            err.println("basalt pageserver: cannot start: " + e.getMessage());
            return Main.FAILED;
        }
        ShutdownSignals signals = ShutdownSignals.install();
        out.println("Basalt page server ready: gRPC on " + BasaltServer.hostPort(bind, grpc.port())
                + ", layers in s3 bucket " + s3Bucket + (s3Endpoint == null ? "" : " at " + s3Endpoint));
        out.flush();
        String reason = signals.awaitStopRequest();
        LOG.info("received " + reason + ", stopping the page server");
        grpc.close();
        pageServer.close();
        store.close();
        out.println("Basalt page server stopped (" + reason + ").");
        return Main.OK;
    }
}
