package dev.basalt.engine.plan;

import dev.basalt.engine.catalog.TableDef;
import dev.basalt.sql.ast.AllColumns;
import dev.basalt.sql.ast.ColumnRef;
import dev.basalt.sql.ast.DefaultExpr;
import dev.basalt.sql.ast.Select;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What the planner lets an external table's scan leave out, decided from the whole query block
 * when the table is its only input: the LIMIT (see {@code QueryPlanner.externalLimit}) and the
 * columns no part of the block (subqueries included) can name. Both default to "everything".
 */
final class ExternalHints {
    /** LIMIT + OFFSET to push, or -1. */
    long limit = -1;
    /** Lower-case names of the columns the block may read, or null for all. */
    Set<String> columns;
    /** ORDER BY to send with the limit (empty: none). */
    java.util.List<dev.basalt.engine.external.ScanRequest.SortKey> order = java.util.List.of();

    /**
     * The ORDER BY of the block as sort keys on the table's columns, or null when it cannot be
     * sent: every key must be a plain column of a type ordered the same way by MySQL and by us
     * (numbers, temporals; not strings, whose collations may differ), and not a select alias.
     */
    static java.util.List<dev.basalt.engine.external.ScanRequest.SortKey> order(Select s, TableDef table) {
        java.util.List<dev.basalt.engine.external.ScanRequest.SortKey> keys = new java.util.ArrayList<>();
        for (dev.basalt.sql.ast.OrderItem o : s.orderBy()) {
            if (!(o.expression() instanceof ColumnRef c)) return null;
            for (dev.basalt.sql.ast.SelectItem item : s.items()) {
                if (item instanceof dev.basalt.sql.ast.SelectExpr se && se.alias() != null
                        && se.alias().equalsIgnoreCase(c.column())) {
                    return null;
                }
            }
            int i = table.columnIndex(c.column());
            if (i < 0) return null;
            var k = table.columns().get(i).type().kind();
            if (!(k.isNumeric() || k.isTemporal()) || k == dev.basalt.engine.types.TypeKind.BIT) return null;
            keys.add(new dev.basalt.engine.external.ScanRequest.SortKey(i, o.descending()));
        }
        return keys;
    }

    /** Which columns of {@code table} to read, or null for all. */
    boolean[] fetch(TableDef table) {
        if (columns == null) return null;
        boolean[] f = new boolean[table.columns().size()];
        for (int i = 0; i < f.length; i++) f[i] = columns.contains(table.columns().get(i).name().toLowerCase(Locale.ROOT));
        return f;
    }

    /**
     * Every column name the block mentions, whatever its qualifier (a name that only matches by
     * accident costs a column, never a wrong result); null when it has {@code *} or DEFAULT(col)
     * anywhere, which reach columns without naming them.
     */
    static Set<String> referencedColumns(Select s) {
        Set<String> names = new HashSet<>();
        boolean all = AstWalker.any(s, n -> {
            if (n instanceof AllColumns || n instanceof DefaultExpr) return true;
            if (n instanceof ColumnRef c) names.add(c.column().toLowerCase(Locale.ROOT));
            return false;
        });
        return all ? null : names;
    }
}
