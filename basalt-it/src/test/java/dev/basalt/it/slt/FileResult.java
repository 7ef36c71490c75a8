package dev.basalt.it.slt;

import java.nio.file.Path;
import java.util.List;

/** Outcome of one file: counts over records, the first few failures, and a fatal error if the run aborted. */
public record FileResult(Path file, int passed, int failed, int skipped, List<Failure> firstFailures,
                         long millis, String fatal) {

    /** A failed record: where, what ran, what the file expected and what the server gave. */
    public record Failure(int line, String sql, String expected, String got) {}

    public int executed() {
        return passed + failed;
    }
}
