package dev.basalt.engine.external;

import java.util.List;

/**
 * What a statement run on an external database returned: an update count, or a result set of
 * text values (SHOW and DESCRIBE output; values are String, or null).
 */
public record Outcome(long affectedRows, long lastInsertId, String info, List<String> columns, List<Object[]> rows) {

    public static Outcome update(long affected, long lastInsertId, String info) {
        return new Outcome(affected, lastInsertId, info, null, null);
    }

    public boolean hasRows() { return columns != null; }
}
