package dev.basalt.engine.plan;

import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.expr.ColumnRef;
import dev.basalt.engine.expr.CompareOp;
import dev.basalt.engine.expr.Comparison;
import dev.basalt.engine.expr.Expr;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What EXPLAIN FORMAT=JSON adds to a native table's access in MySQL 8: {@code used_columns} (the
 * table's columns the block reads, in table order: those its text names, or all of them for
 * {@code *}) and {@code attached_condition} (the conditions checked on each row read, columns
 * written {@code `db`.`alias`.`col`}). The equalities an index lookup (ref, eq_ref, const)
 * already applied are not attached, as in MySQL; a range's own bounds stay, as MySQL keeps them.
 */
final class JsonExplainDetails {
    private JsonExplainDetails() {}

    static ExplainRow attach(ExplainRow row, Relations.Native rel, AccessPlanner.Access access, List<Expr> conjuncts) {
        return row.withColumnsAndCondition(usedColumns(rel), condition(rel, access, conjuncts));
    }

    @SuppressWarnings("unchecked")
    private static List<String> usedColumns(Relations.Native rel) {
        Map<Relation, Set<String>> byRelation = rel.state() == null ? null
                : (Map<Relation, Set<String>>) rel.state().get(CoveringScan.KEY);
        Set<String> names = byRelation == null ? null : byRelation.get(rel);
        List<String> out = new ArrayList<>();
        for (ColumnDef c : rel.table().columns()) {
            if (names == null || names.contains(c.name().toLowerCase(Locale.ROOT))) out.add(c.name());
        }
        return out.isEmpty() ? null : out;
    }

    private static String condition(Relations.Native rel, AccessPlanner.Access access, List<Expr> conjuncts) {
        Set<Integer> looked = new HashSet<>();
        boolean lookup = "const".equals(access.type()) || "eq_ref".equals(access.type()) || "ref".equals(access.type());
        if (lookup && access.index() != null) {
            for (int i = 0; i < access.equalityParts() && i < access.index().parts().size(); i++) {
                looked.add(access.index().parts().get(i).column());
            }
        }
        List<String> parts = new ArrayList<>();
        for (Expr c : conjuncts) {
            if (lookupEquality(c, looked)) continue;
            parts.add(text(rel, c));
        }
        if (parts.isEmpty()) return null;
        // MySQL prints a conjunction as ((a) and (b))
        return parts.size() == 1 ? parts.getFirst() : "(" + String.join(" and ", parts) + ")";
    }

    /** Whether the conjunct is an equality on a column the index lookup bound (the lookup applied it). */
    private static boolean lookupEquality(Expr c, Set<Integer> looked) {
        if (looked.isEmpty() || !(c instanceof Comparison cmp) || cmp.op() != CompareOp.EQ) return false;
        return cmp.left() instanceof ColumnRef l && looked.contains(l.index())
                || cmp.right() instanceof ColumnRef r && looked.contains(r.index());
    }

    private static String text(Relations.Native rel, Expr c) {
        String alias = IndexOrder.alias(rel);
        String prefix = "`" + rel.table().database() + "`.`" + alias + "`.";
        return dev.basalt.engine.exec.ExplainText.jsonCondition(c, prefix);
    }
}
