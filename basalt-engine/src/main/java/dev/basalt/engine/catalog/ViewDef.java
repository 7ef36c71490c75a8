package dev.basalt.engine.catalog;

import java.util.List;

/**
 * A view: its SELECT text and optional explicit column names (empty = from the SELECT).
 * @param checkOption NONE, CASCADED or LOCAL (WITH [CASCADED|LOCAL] CHECK OPTION)
 */
public record ViewDef(String database, String name, String selectSql, List<String> columnNames, String checkOption) {
    public ViewDef {
        columnNames = columnNames == null ? List.of() : List.copyOf(columnNames);
        checkOption = checkOption == null ? "NONE" : checkOption;
    }

    /** A view without CHECK OPTION. */
    public ViewDef(String database, String name, String selectSql, List<String> columnNames) {
        this(database, name, selectSql, columnNames, "NONE");
    }
}
