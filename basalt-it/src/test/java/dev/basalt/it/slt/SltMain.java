package dev.basalt.it.slt;

import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.TestServer;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Command-line runner for development: {@code bin/slt [--basalt|--mariadb|--server host:port[:user[:pw]]]
 * [--engine mysql|mariadb] [--timeout seconds] [--complete] <files or dirs...>}. Default target: Basalt in-process with memory storage.
 * {@code --complete} rewrites the files' expectations from the target's actual results (use with --mariadb).
 */
public final class SltMain {
    private SltMain() {}

    private static final String USAGE =
            "usage: slt [--basalt|--mariadb|--server host:port[:user[:password]]] [--engine mysql|mariadb] [--timeout seconds] [--complete] <files or dirs...>";

    public static void main(String[] args) throws Exception {
        String target = "basalt";
        String server = null;
        boolean complete = false;
        String engine = SltParser.ENGINE;
        int timeout = SltSuite.DEFAULT_TIMEOUT_SECONDS;
        List<Path> roots = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--basalt" -> target = "basalt";
                case "--mariadb" -> target = "mariadb";
                case "--server" -> {
                    target = "server";
                    server = args[++i];
                }
                case "--complete" -> complete = true;
                case "--engine" -> engine = args[++i];
                case "--timeout" -> timeout = Integer.parseInt(args[++i]);
                case "--help", "-h" -> {
                    System.out.println(USAGE);
                    System.out.println("Default target: Basalt in-process with memory storage. --complete rewrites the files' expectations"
                            + " from the target's results (use with --mariadb --engine mariadb).");
                    System.exit(0);
                }
                default -> {
                    if (args[i].startsWith("--")) {
                        System.err.println("slt: unknown option " + args[i]);
                        System.err.println(USAGE);
                        System.exit(2);
                    }
                    roots.add(Path.of(args[i]).toAbsolutePath().normalize());
                }
            }
        }
        if (roots.isEmpty()) {
            System.err.println(USAGE);
            System.exit(2);
        }
        List<Path> files = SltFiles.expand(roots);
        PrintStream out = System.out;
        int failed;
        switch (target) {
            case "mariadb" -> {
                try (MariaDbServer m = MariaDbServer.start()) {
                    failed = complete ? completeAll(m, files, out, engine) : SltSuite.run(m, files, null, out, engine, timeout).failed();
                }
            }
            case "server" -> {
                String[] p = server.split(":", 4);
                Endpoint e = new Endpoint.Fixed(p[0], Integer.parseInt(p[1]), p.length > 2 ? p[2] : "root", p.length > 3 ? p[3] : "");
                failed = complete ? completeAll(e, files, out, engine) : SltSuite.run(e, files, null, out, engine, timeout).failed();
            }
            default -> {
                try (TestServer b = TestServer.memory()) {
                    failed = complete ? completeAll(b, files, out, engine) : SltSuite.run(b, files, null, out, engine, timeout).failed();
                }
            }
        }
        System.exit(failed == 0 ? 0 : 1);
    }

    private static int completeAll(Endpoint e, List<Path> files, PrintStream out, String engine) throws Exception {
        try (SltFileRunner runner = new SltFileRunner(e, SltSuite.DEFAULT_TIMEOUT_SECONDS, 100, engine)) {
            for (Path f : files) {
                Map<Integer, Actual> actuals = SltFileRunner.newActuals();
                runner.run(f, actuals);
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                List<String> done = SltCompleter.complete(lines, actuals, out);
                Files.write(f, done, StandardCharsets.UTF_8);
                out.println("completed " + f + " (" + actuals.size() + " records)");
            }
        }
        return 0;
    }
}
