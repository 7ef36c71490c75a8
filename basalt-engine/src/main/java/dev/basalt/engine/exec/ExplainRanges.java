package dev.basalt.engine.exec;

import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.table.KeyRange;
import dev.basalt.engine.types.ValueText;

import java.util.ArrayList;
import java.util.List;

/** An index key range in MySQL 8's TREE words: {@code (id=1)}, {@code (1 < id <= 5)}, {@code (a = 1 AND b > 3)}. */
final class ExplainRanges {
    private ExplainRanges() {}

    /** @param rangeScan true for "Index range scan ... over", false for lookups ({@code (k=5)}) */
    static String describe(KeyRange r, int[] columns, TableDef table, boolean rangeScan) {
        List<Object> lo = r.lower();
        List<Object> hi = r.upper();
        int n = Math.max(lo == null ? 0 : lo.size(), hi == null ? 0 : hi.size());
        int eq = 0;
        while (lo != null && hi != null && eq < lo.size() && eq < hi.size()
                && java.util.Objects.equals(lo.get(eq), hi.get(eq)) && (eq < n - 1 || r.lowerInclusive() && r.upperInclusive())) {
            eq++;
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < eq; i++) {
            parts.add(column(table, columns, i) + (rangeScan ? " = " : "=") + value(table, columns, i, lo.get(i)));
        }
        if (eq < n) {
            String c = column(table, columns, eq);
            String low = lo != null && eq < lo.size() ? value(table, columns, eq, lo.get(eq)) : null;
            String high = hi != null && eq < hi.size() ? value(table, columns, eq, hi.get(eq)) : null;
            if (low != null && high != null) {
                parts.add(low + (r.lowerInclusive() ? " <= " : " < ") + c + (r.upperInclusive() ? " <= " : " < ") + high);
            } else if (low != null) {
                parts.add(c + (r.lowerInclusive() ? " >= " : " > ") + low);
            } else if (high != null) {
                parts.add(c + (r.upperInclusive() ? " <= " : " < ") + high);
            }
        }
        return "(" + String.join(rangeScan ? " AND " : ", ", parts) + ")";
    }

    private static String column(TableDef table, int[] columns, int part) {
        return part < columns.length ? table.columns().get(columns[part]).name() : "?";
    }

    private static String value(TableDef table, int[] columns, int part, Object v) {
        if (v == null) return "NULL";
        if (part >= columns.length) return String.valueOf(v);
        var type = table.columns().get(columns[part]).type();
        String t = ValueText.toText(v, type);
        return type.kind().isNumeric() ? t : "'" + t.replace("'", "''") + "'";
    }
}
