package dev.basalt.engine.external;

import java.util.List;

/**
 * What a statement run on an external database returned: an update count, or a result set of
 * text values (SHOW and DESCRIBE output; values are String, or null); and the warnings the remote
 * raised, which become the statement's own.
 */
public record Outcome(long affectedRows, long lastInsertId, String info, List<String> columns, List<Object[]> rows,
                      List<Warning> warnings) {

    /** A remote warning: level as SHOW WARNINGS spells it (Note, Warning, Error). */
    public record Warning(String level, int code, String message) {}

    public static Outcome update(long affected, long lastInsertId, String info) {
        return new Outcome(affected, lastInsertId, info, null, null, List.of());
    }

    public static Outcome rows(List<String> columns, List<Object[]> rows) {
        return new Outcome(0, 0, null, columns, rows, List.of());
    }

    public Outcome withWarnings(List<Warning> w) {
        return new Outcome(affectedRows, lastInsertId, info, columns, rows, List.copyOf(w));
    }

    public boolean hasRows() { return columns != null; }
}
