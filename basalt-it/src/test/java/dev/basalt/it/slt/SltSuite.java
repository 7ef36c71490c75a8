package dev.basalt.it.slt;

import dev.basalt.it.support.Endpoint;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Runs a list of files against one server, printing each file's line as it finishes. */
public final class SltSuite {
    public static final int DEFAULT_TIMEOUT_SECONDS = 30;
    public static final int FAILURES_SHOWN_PER_FILE = 5;

    private SltSuite() {}

    public static SltReport run(Endpoint endpoint, List<Path> files, Path base, PrintStream out) {
        return run(endpoint, files, base, out, SltParser.ENGINE);
    }

    public static SltReport run(Endpoint endpoint, List<Path> files, Path base, PrintStream out, String engine) {
        return run(endpoint, files, base, out, engine, Duration.ofDays(1));
    }

    public static SltReport run(Endpoint endpoint, List<Path> files, Path base, PrintStream out, String engine,
                                int timeoutSeconds) {
        return run(endpoint, files, base, out, engine, Duration.ofDays(1), timeoutSeconds);
    }

    public static SltReport run(Endpoint endpoint, List<Path> files, Path base, PrintStream out, String engine,
                                Duration budget) {
        return run(endpoint, files, base, out, engine, budget, DEFAULT_TIMEOUT_SECONDS);
    }

    /** As above, but stops starting new work after {@code budget}: what is left counts as failed. */
    public static SltReport run(Endpoint endpoint, List<Path> files, Path base, PrintStream out, String engine,
                                Duration budget, int timeoutSeconds) {
        SltReport report = new SltReport(base);
        long deadline = System.nanoTime() + budget.toNanos();
        try (SltFileRunner runner = new SltFileRunner(endpoint, timeoutSeconds, FAILURES_SHOWN_PER_FILE, engine)) {
            for (Path f : files) {
                FileResult r = runner.run(f, null, deadline);
                report.add(r);
                report.printFile(out, r);
                out.flush();
            }
        }
        report.printTotal(out);
        return report;
    }
}
