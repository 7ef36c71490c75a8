package dev.basalt.server;

import dev.basalt.disagg.WalException;
import dev.basalt.pageserver.BranchInfo;
import dev.basalt.pageserver.GrpcPageReader;
import dev.basalt.pageserver.PageServerException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code basalt branch create NAME --from PARENT [--at TIMESTAMP|LSN] --pageserver H:P} and
 * {@code basalt branch list --pageserver H:P}, {@code basalt branch delete NAME --pageserver H:P}: branches of
 * disaggregated storage, on the page server.
 */
@Command(name = "branch", mixinStandardHelpOptions = true,
        description = "Creates, lists or deletes branches (copy-on-write timelines) on a page server.",
        subcommands = {BranchCommand.Create.class, BranchCommand.ListBranches.class, BranchCommand.Delete.class})
final class BranchCommand {

    static final String PAGESERVER_ENV = "BASALT_PAGESERVER";

    abstract static class Target {
        @Option(names = "--pageserver", paramLabel = "H:P",
                description = "The page server (default: $" + PAGESERVER_ENV + ", else 127.0.0.1:6400).")
        String pageserver;

        String target() {
            if (pageserver != null) return pageserver;
            String env = System.getenv(PAGESERVER_ENV);
            return env != null && !env.isBlank() ? env : "127.0.0.1:6400";
        }

        abstract void run(GrpcPageReader client, PrintStream out);
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Creates branch NAME of PARENT, instantly (nothing is copied).",
                    "--at takes an LSN of the parent (digits) or a timestamp: the branch starts at the newest LSN "
                            + "committed at or before it. Timestamps: 2026-12-06T22:00:00Z, or '2026-12-06 22:00:00[.ffffff]' in UTC."})
    static final class Create extends Target {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--from", paramLabel = "PARENT", description = "Parent branch (default: ${DEFAULT-VALUE}).")
        String parent = "main";

        @Option(names = "--at", paramLabel = "TIMESTAMP|LSN", description = "Branch point (default: the parent's newest applied LSN).")
        String at;

        @Override
        void run(GrpcPageReader client, PrintStream out) {
            OptionalLong lsn = OptionalLong.empty(), time = OptionalLong.empty();
            if (at != null) {
                if (at.matches("\\d+")) lsn = OptionalLong.of(Long.parseLong(at));
                else time = OptionalLong.of(timestampMicros(at));
            }
            BranchInfo b = client.createBranch(name, parent, lsn, time);
            out.println("Created branch " + b.name() + " from " + b.parent() + " at LSN " + b.branchLsn() + ".");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the page server's branches.")
    static final class ListBranches extends Target {
        @Override
        void run(GrpcPageReader client, PrintStream out) {
            List<BranchInfo> branches = client.listBranches();
            String format = "%-24s %-24s %12s %12s %12s %12s%n";
            out.printf(format, "NAME", "PARENT", "BRANCH_LSN", "APPLIED_LSN", "UPLOADED_LSN", "GC_HORIZON");
            for (BranchInfo b : branches) {
                out.printf(format, b.name(), b.parent() == null ? "-" : b.parent(), b.parent() == null ? "-" : b.branchLsn(),
                        b.appliedLsn(), b.diskConsistentLsn(), b.gcHorizon());
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = {"Deletes branch NAME and its data (its log on the safekeepers, its layers in object storage).",
                    "Refused while child branches depend on it or a compute is attached to it (one that read it in the "
                            + "last 30 s), and for the root timeline."})
    static final class Delete extends Target {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        void run(GrpcPageReader client, PrintStream out) {
            BranchInfo b = client.deleteBranch(name);
            out.println("Deleted branch " + b.name() + " (from " + b.parent() + " at LSN " + b.branchLsn() + ").");
        }
    }

    /** Microseconds since the epoch of an ISO instant, or of a 'yyyy-MM-dd HH:mm:ss[.f]' taken as UTC. */
    static long timestampMicros(String text) {
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                instant = LocalDateTime.parse(text.trim().replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new CommandLine.ParameterException(new CommandLine(new BranchCommand()),
                        "--at: '" + text + "' is neither an LSN nor a timestamp like 2026-12-06T22:00:00Z");
            }
        }
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    /** Kept referenced: java.util.logging holds loggers weakly, and a collected one forgets its level. */
    private static final java.util.logging.Logger GRPC_LOG = java.util.logging.Logger.getLogger("io.grpc");

    static int run(String[] args, PrintStream out, PrintStream err) {
        // a one-shot client: grpc's start-up INFO lines (epoll detection) are noise on the user's terminal
        GRPC_LOG.setLevel(java.util.logging.Level.WARNING);
        CommandLine cli = new CommandLine(new BranchCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        CommandLine.ParseResult parsed;
        try {
            parsed = cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println("basalt branch: " + e.getMessage());
            err.println("Try 'basalt branch --help'.");
            return Main.USAGE;
        }
        if (CommandLine.printHelpIfRequested(parsed)) return Main.OK;
        if (!parsed.hasSubcommand()) {
            cli.usage(err);
            return Main.USAGE;
        }
        Target target = (Target) parsed.subcommand().commandSpec().userObject();
        try (GrpcPageReader client = new GrpcPageReader(target.target(), Duration.ofSeconds(30), Duration.ofSeconds(30))) {
            target.run(client, out);
            return Main.OK;
        } catch (CommandLine.ParameterException e) {
            err.println("basalt branch: " + e.getMessage());
            return Main.USAGE;
        } catch (PageServerException e) {
            err.println("basalt branch: " + e.getMessage());
            return Main.FAILED;
        } catch (WalException e) {
            err.println("basalt branch: cannot reach the page server at " + target.target() + ": " + e.getMessage());
            return Main.FAILED;
        }
    }
}
