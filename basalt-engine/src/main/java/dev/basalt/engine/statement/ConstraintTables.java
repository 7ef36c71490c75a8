package dev.basalt.engine.statement;

import dev.basalt.engine.catalog.CatalogSnapshot;
import dev.basalt.engine.catalog.CheckDef;
import dev.basalt.engine.catalog.DatabaseDef;
import dev.basalt.engine.catalog.ForeignKeyDef;
import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.TableDef;

import java.util.List;

/**
 * The information_schema rows of FOREIGN KEY and CHECK constraints: REFERENTIAL_CONSTRAINTS,
 * CHECK_CONSTRAINTS, and their rows in TABLE_CONSTRAINTS and KEY_COLUMN_USAGE (with the
 * REFERENCED_* columns Connector/J's getImportedKeys reads).
 */
final class ConstraintTables {
    private ConstraintTables() {}

    static final String[] REFERENTIAL_CONSTRAINTS = {"CONSTRAINT_CATALOG", "CONSTRAINT_SCHEMA", "CONSTRAINT_NAME",
            "UNIQUE_CONSTRAINT_CATALOG", "UNIQUE_CONSTRAINT_SCHEMA", "UNIQUE_CONSTRAINT_NAME", "MATCH_OPTION",
            "UPDATE_RULE", "DELETE_RULE", "TABLE_NAME", "REFERENCED_TABLE_NAME"};

    static final String[] CHECK_CONSTRAINTS = {"CONSTRAINT_CATALOG", "CONSTRAINT_SCHEMA", "CONSTRAINT_NAME", "CHECK_CLAUSE"};

    static void referentialConstraints(CatalogSnapshot catalog, List<Object[]> rows) {
        for (DatabaseDef d : catalog.databases()) {
            for (TableDef t : catalog.tables(d.name())) {
                for (ForeignKeyDef fk : t.foreignKeys()) {
                    rows.add(new Object[]{"def", t.database(), fk.name(), "def", fk.refDatabase(), parentIndexName(catalog, fk),
                            "NONE", fk.onUpdate().sql, fk.onDelete().sql, t.name(), fk.refTable()});
                }
            }
        }
    }

    static void checkConstraints(CatalogSnapshot catalog, List<Object[]> rows) {
        for (DatabaseDef d : catalog.databases()) {
            for (TableDef t : catalog.tables(d.name())) {
                for (CheckDef c : t.checks()) {
                    rows.add(new Object[]{"def", t.database(), c.name(), dev.basalt.engine.constraint.ExpressionText.display(c.sql(), t)});
                }
            }
        }
    }

    /** TABLE_CONSTRAINTS rows of one table: CONSTRAINT_CATALOG .. ENFORCED. */
    static void tableConstraints(TableDef t, List<Object[]> rows) {
        for (ForeignKeyDef fk : t.foreignKeys()) {
            rows.add(new Object[]{"def", t.database(), fk.name(), t.database(), t.name(), "FOREIGN KEY", "YES"});
        }
        for (CheckDef c : t.checks()) {
            rows.add(new Object[]{"def", t.database(), c.name(), t.database(), t.name(), "CHECK", c.enforced() ? "YES" : "NO"});
        }
    }

    /** KEY_COLUMN_USAGE rows of one table's foreign keys. */
    static void keyColumnUsage(TableDef t, List<Object[]> rows) {
        for (ForeignKeyDef fk : t.foreignKeys()) {
            for (int i = 0; i < fk.columns().size(); i++) {
                rows.add(new Object[]{"def", t.database(), fk.name(), "def", t.database(), t.name(), fk.columns().get(i),
                        (long) i + 1, (long) i + 1, fk.refDatabase(), fk.refTable(),
                        i < fk.refColumns().size() ? fk.refColumns().get(i) : null});
            }
        }
    }

    /** The parent's index that serves the key (MySQL's UNIQUE_CONSTRAINT_NAME), or null. */
    private static String parentIndexName(CatalogSnapshot catalog, ForeignKeyDef fk) {
        TableDef parent = catalog.table(fk.refDatabase(), fk.refTable()).orElse(null);
        if (parent == null) return null;
        int[] cols = new int[fk.refColumns().size()];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = parent.columnIndex(fk.refColumns().get(i));
            if (cols[i] < 0) return null;
        }
        IndexDef ix = parent.indexLeadingWith(cols);
        return ix == null ? null : ix.name();
    }
}
