package dev.basalt.sql.ast;

import java.util.List;

/** A column of {@link JsonTable}: FOR ORDINALITY, a value at a PATH, EXISTS PATH, or NESTED PATH. */
public sealed interface JsonTableColumn {

    /** {@code name FOR ORDINALITY}: 1, 2, ... per row of its level. */
    record Ordinality(String name) implements JsonTableColumn {}

    /**
     * {@code name type [EXISTS] PATH 'path' [on_empty] [on_error]}.
     * @param onEmpty what a path that selects nothing gives (null: NULL ON EMPTY)
     * @param onError what a value that cannot be converted gives (null: NULL ON ERROR)
     */
    record Value(String name, DataType type, boolean exists, String path, OnResponse onEmpty, OnResponse onError)
            implements JsonTableColumn {}

    /** {@code NESTED [PATH] 'path' COLUMNS (...)}: joins the nested rows to their parent row. */
    record Nested(String path, List<JsonTableColumn> columns) implements JsonTableColumn {}

    /** {@code NULL | ERROR | DEFAULT 'json'} before ON EMPTY / ON ERROR. */
    record OnResponse(Kind kind, String defaultJson) {
        public enum Kind { NULL, ERROR, DEFAULT }
    }
}
