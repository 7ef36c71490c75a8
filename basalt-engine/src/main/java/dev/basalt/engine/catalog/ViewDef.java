package dev.basalt.engine.catalog;

import java.util.List;

/** A view: its SELECT text and optional explicit column names (empty = from the SELECT). */
public record ViewDef(String database, String name, String selectSql, List<String> columnNames) {
    public ViewDef {
        columnNames = columnNames == null ? List.of() : List.copyOf(columnNames);
    }
}
