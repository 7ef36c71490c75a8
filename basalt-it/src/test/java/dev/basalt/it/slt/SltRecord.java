package dev.basalt.it.slt;

import java.util.List;

/** One record of a sqllogictest file, already filtered by skipif/onlyif for our engine. */
public sealed interface SltRecord {
    /** 1-based line of the record's first line (after its conditions), for reports. */
    int line();

    /** {@code statement ok} / {@code statement error [errno]}; {@code expectedErrno} 0 means any error. */
    record Statement(int line, String sql, boolean expectError, int expectedErrno) implements SltRecord {}

    /**
     * {@code query <types> <sort> [label]}: either explicit {@code expectedValues} or, when the file gives
     * {@code N values hashing to <md5>}, {@code hashCount}/{@code hash} (expectedValues is then null).
     */
    record Query(int line, String sql, String types, SortMode sort, String label,
                 List<String> expectedValues, int hashCount, String hash) implements SltRecord {
        public boolean hashed() {
            return hash != null;
        }
    }

    /** A record whose conditions exclude our engine; counted as skipped. */
    record Skipped(int line, String firstLine) implements SltRecord {}

    record HashThreshold(int line, int threshold) implements SltRecord {}

    /** {@code halt}: stop running the file here. */
    record Halt(int line) implements SltRecord {}

    enum SortMode {
        NOSORT, ROWSORT, VALUESORT;

        static SortMode parse(String s) {
            return switch (s) {
                case "nosort" -> NOSORT;
                case "rowsort" -> ROWSORT;
                case "valuesort" -> VALUESORT;
                default -> throw new IllegalArgumentException("unknown sort mode: " + s);
            };
        }

        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
