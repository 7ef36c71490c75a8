package dev.basalt.engine.catalog;

import java.util.List;

/**
 * A FOREIGN KEY of a table (the child). Columns are kept by name, as MySQL does: with
 * foreign_key_checks=0 the parent table may not exist yet, and the parent's columns are looked
 * up when a row is checked. {@code refDatabase}/{@code refTable} name the parent.
 */
public record ForeignKeyDef(String name, List<String> columns, String refDatabase, String refTable,
                            List<String> refColumns, Action onDelete, Action onUpdate) {

    /** ON DELETE / ON UPDATE action; NO_ACTION behaves as RESTRICT (InnoDB checks immediately). */
    public enum Action {
        RESTRICT("RESTRICT"), CASCADE("CASCADE"), SET_NULL("SET NULL"), NO_ACTION("NO ACTION"), SET_DEFAULT("SET DEFAULT");

        /** The SQL words, as SHOW CREATE TABLE and information_schema print them. */
        public final String sql;

        Action(String sql) { this.sql = sql; }
    }

    public ForeignKeyDef {
        columns = List.copyOf(columns);
        refColumns = List.copyOf(refColumns);
        if (onDelete == null) onDelete = Action.NO_ACTION;
        if (onUpdate == null) onUpdate = Action.NO_ACTION;
    }

    public boolean references(String database, String table) {
        return refDatabase.equalsIgnoreCase(database) && refTable.equalsIgnoreCase(table);
    }

    public ForeignKeyDef withParent(String database, String table) {
        return new ForeignKeyDef(name, columns, database, table, refColumns, onDelete, onUpdate);
    }
}
