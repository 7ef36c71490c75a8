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
