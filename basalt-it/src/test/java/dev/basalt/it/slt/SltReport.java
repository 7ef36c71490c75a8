package dev.basalt.it.slt;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Aggregates file results and prints them: one line per file, its first failures, and a closing total. */
public final class SltReport {
    private final List<FileResult> files = new ArrayList<>();
    private final Path base;

    public SltReport(Path base) {
        this.base = base;
    }

    public void add(FileResult r) {
        files.add(r);
    }

    public List<FileResult> files() {
        return files;
    }

    public int passed() {
        return files.stream().mapToInt(FileResult::passed).sum();
    }

    public int failed() {
        return files.stream().mapToInt(FileResult::failed).sum();
    }

    public int skipped() {
        return files.stream().mapToInt(FileResult::skipped).sum();
    }

    /** Passed over executed records, 0 when nothing ran. */
    public double passRate() {
        int executed = passed() + failed();
        return executed == 0 ? 0.0 : (double) passed() / executed;
    }

    public void printFile(PrintStream out, FileResult r) {
        out.printf("%-45s %7d passed / %6d failed / %6d skipped  (%d ms)%s%n", name(r.file()), r.passed(), r.failed(),
                r.skipped(), r.millis(), r.fatal() == null ? "" : "  FATAL " + r.fatal());
        for (FileResult.Failure f : r.firstFailures()) {
            out.printf("    line %d: %s%n      expected: %s%n      got:      %s%n", f.line(), oneLine(f.sql()),
                    f.expected(), f.got());
        }
    }

    public void printTotal(PrintStream out) {
        out.printf("TOTAL: %d passed / %d failed / %d skipped over %d files; pass rate %.2f%%%n", passed(), failed(),
                skipped(), files.size(), 100.0 * passRate());
        out.printf("%d passed, %d failed%n", passed(), failed());
    }

    private String name(Path file) {
        try {
            return base == null ? file.toString() : base.relativize(file).toString();
        } catch (IllegalArgumentException e) {
            return file.toString();
        }
    }

    private static String oneLine(String sql) {
        String s = sql.replace('\n', ' ');
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
