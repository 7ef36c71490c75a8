package dev.basalt.server;

import dev.basalt.engine.storage.kv.StorageException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.logging.Logger;

/** {@code basalt} on the command line: parses settings, starts a {@link BasaltServer}, waits for a signal. */
public final class Main {

    /** Exit codes: 0 ok, 1 could not start or failed, 2 bad usage or settings. */
    static final int OK = 0, FAILED = 1, USAGE = 2;

    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        // the terminal client has its own, mysql-style options (-h -P -u -p -D): not a picocli subcommand
        if (args.length > 0 && args[0].equals("shell")) {
            String[] shellArgs = java.util.Arrays.copyOfRange(args, 1, args.length);
            if (EmbeddedShell.wanted(shellArgs)) return EmbeddedShell.run(shellArgs, out, err);
            return dev.basalt.shell.Shell.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.in, out, err);
        }
        // disaggregated storage's page server and its branches: their own picocli commands
        if (args.length > 0 && args[0].equals("pageserver")) return PageServerCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
        if (args.length > 0 && args[0].equals("branch")) return BranchCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
        // a WAL service node of disaggregated storage: its own options, in basalt-safekeeper
        if (args.length > 0 && args[0].equals("safekeeper")) {
            return dev.basalt.safekeeper.SafekeeperCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        if (args.length > 0 && args[0].equals("load")) {
            return dev.basalt.shell.Loader.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        CommandLine cli = CommandLineSpec.build();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        ParseResult parsed;
        try {
            parsed = cli.parseArgs(args);
        } catch (ParameterException e) {
            err.println("basalt: " + e.getMessage());
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return USAGE;
        }
        if (CommandLine.printHelpIfRequested(parsed)) return OK;
        if (!parsed.hasSubcommand()) {
            cli.usage(err);
            return USAGE;
        }
        try {
            ServerSettings settings = settingsFrom(parsed.subcommand());
            HttpSettings http = httpSettingsFrom(parsed.subcommand());
            java.util.OptionalInt pgPort = pgPortFrom(parsed.subcommand());
            dev.basalt.server.tls.TlsSettings tls = tlsSettingsFrom(parsed.subcommand());
            NeonSettings neon = new SettingsLoader(System.getenv(), Path.of(""))
                    .loadNeon(flags(parsed.subcommand()), parsed.subcommand().matchedOptionValue(CommandLineSpec.CONFIG_FLAG, null));
            OperationsSettings ops = new SettingsLoader(System.getenv(), Path.of(""))
                    .loadOperations(flags(parsed.subcommand()), parsed.subcommand().matchedOptionValue(CommandLineSpec.CONFIG_FLAG, null));
            LogSetup.configure(System.getenv(LogSetup.LEVEL_ENV), ops.logFormat());
            new SettingsLoader(System.getenv(), Path.of(""))
                    .loadResources(flags(parsed.subcommand()), parsed.subcommand().matchedOptionValue(CommandLineSpec.CONFIG_FLAG, null))
                    .apply();
            PreLoginSettings preLogin = new SettingsLoader(System.getenv(), Path.of(""))
                    .loadPreLogin(flags(parsed.subcommand()), parsed.subcommand().matchedOptionValue(CommandLineSpec.CONFIG_FLAG, null));
            return serve(settings, http, pgPort, tls, neon, ops, preLogin, out, err);
        } catch (SettingsException e) {
            err.println("basalt: " + e.getMessage());
            return USAGE;
        }
    }

    static ServerSettings settingsFrom(ParseResult server) {
        String config = server.matchedOptionValue(CommandLineSpec.CONFIG_FLAG, null);
        return new SettingsLoader(System.getenv(), Path.of("")).load(flags(server), config);
    }

    static HttpSettings httpSettingsFrom(ParseResult server) {
        String config = server.matchedOptionValue(CommandLineSpec.CONFIG_FLAG, null);
        return new SettingsLoader(System.getenv(), Path.of("")).loadHttp(flags(server), config);
    }

    static dev.basalt.server.tls.TlsSettings tlsSettingsFrom(ParseResult server) {
        String config = server.matchedOptionValue(CommandLineSpec.CONFIG_FLAG, null);
        return new SettingsLoader(System.getenv(), Path.of("")).loadTls(flags(server), config);
    }

    static Map<Setting, String> flags(ParseResult server) {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            if (server.hasMatchedOption(s.flag())) {
                flags.put(s, String.valueOf((Object) server.matchedOptionValue(s.flag(), null)));
            }
        }
        return flags;
    }

    /** --pg-port / BASALT_PG_PORT / pg-port: the PostgreSQL listener's port, empty when off. */
    static java.util.OptionalInt pgPortFrom(ParseResult server) {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        if (server.hasMatchedOption(Setting.PG_PORT.flag())) {
            flags.put(Setting.PG_PORT, String.valueOf((Object) server.matchedOptionValue(Setting.PG_PORT.flag(), null)));
        }
        String config = server.matchedOptionValue(CommandLineSpec.CONFIG_FLAG, null);
        return new SettingsLoader(System.getenv(), Path.of("")).pgPort(flags, config);
    }

    /** What to do about the two storage failures a user causes and can fix, unless the store already said it. */
    static String storageHint(StorageException e, ServerSettings settings) {
        String message = String.valueOf(e.getMessage());
        return switch (e.kind()) {
            case FORMAT -> settings.migrate() || message.contains("--migrate") ? null
                    : "If this data directory was written by an older Basalt, back it up and start once with --migrate.";
            case LOCKED -> message.contains(settings.dataDir().toString()) ? null
                    : "Another Basalt server seems to be using " + settings.dataDir() + "; stop it or choose another --data-dir.";
            default -> null;
        };
    }

    private static int serve(ServerSettings settings, HttpSettings http, java.util.OptionalInt pgPort,
                             dev.basalt.server.tls.TlsSettings tls, NeonSettings neon, OperationsSettings ops,
                             PreLoginSettings preLogin, PrintStream out, PrintStream err) {
        BasaltServer server;
        try {
            boolean lmdb = settings.storage().equals("lmdb");
            if (ops.initFile() != null && lmdb && InitFile.isNew(settings.dataDir())) {
                InitFile.createDataDirectory(settings, ops.initFile());
                LOG.info("created " + settings.dataDir() + " with the init file " + ops.initFile());
            }
            server = BasaltServer.start(settings, http, tls, neon);
            ops.applyTo((dev.basalt.engine.BasaltEngine) server.engine(), settings);
            server.applyPreLogin(preLogin);
            if (ops.initFile() != null && settings.storage().equals("memory")) {
                try {
                    InitFile.run(server.engine(), ops.initFile());
                } catch (IOException | RuntimeException e) {
                    server.close();
                    throw e;
                }
            }
            if (pgPort.isPresent()) {
                try {
                    server.startPostgres(pgPort.getAsInt());
                } catch (IOException | RuntimeException e) {
                    server.close();
                    throw e;
                }
            }
        } catch (StorageException e) {
            err.println("basalt: cannot open the " + settings.storage() + " storage: " + e.getMessage());
            String hint = storageHint(e, settings);
            if (hint != null) err.println(hint);
            return FAILED;
        } catch (IOException e) {
            err.println("basalt: " + e.getMessage());
            return FAILED;
        } catch (InitFile.InitFileException e) {
            err.println("basalt: the init file failed; nothing of it was kept: " + e.getMessage());
            return FAILED;
        }
        ShutdownSignals signals = ShutdownSignals.install();
        if (server.engine() instanceof dev.basalt.engine.BasaltEngine basalt) {
            basalt.shutdownRequest(() -> signals.request("SHUTDOWN statement"));
        }
        // Safety net for exits that bypass the signal path (System.exit elsewhere, SIGHUP): close is idempotent.
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("basalt-shutdown").unstarted(server::close));
        out.println(server.readyLine());
        if (server.pgPort() >= 0) {
            out.println("PostgreSQL protocol on " + BasaltServer.hostPort(settings.bind(), server.pgPort()));
        }
        out.flush();

        String reason = signals.awaitStopRequest();
        LOG.info("received " + reason + ", draining connections (up to " + BasaltServer.DEFAULT_DRAIN.toSeconds() + " s)");
        server.close();
        out.println("Basalt stopped cleanly (" + reason + ").");
        out.flush();
        return OK;
    }
}
