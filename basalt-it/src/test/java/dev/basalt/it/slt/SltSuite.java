package dev.basalt.it.slt;

import dev.basalt.it.support.Endpoint;
import java.io.PrintStream;
import java.nio.file.Path;
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
        SltReport report = new SltReport(base);
        try (SltFileRunner runner = new SltFileRunner(endpoint, DEFAULT_TIMEOUT_SECONDS, FAILURES_SHOWN_PER_FILE, engine)) {
            for (Path f : files) {
                FileResult r = runner.run(f);
                report.add(r);
                report.printFile(out, r);
                out.flush();
            }
        }
        report.printTotal(out);
        return report;
    }
}
