package dev.basalt.it.slt;

import java.util.List;

/** What the server really did for one record; used to (re)generate expected outputs from a reference server. */
public sealed interface Actual {
    record StatementOk() implements Actual {}

    record Error(int errno, String sqlState, String message) implements Actual {}

    /** Formatted values in file order (already sorted per the record's sort mode). */
    record Rows(List<String> values) implements Actual {}
}
