package dev.basalt.remote.vdb;

import dev.basalt.engine.external.Predicate;
import dev.basalt.engine.external.ScanRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * The SELECT a scan sends: the columns the query reads, in table order, the pushed filters as a WHERE with
 * {@code ?} for every value, and the LIMIT. Values are bound separately ({@link #parameters}).
 */
final class ScanSql {
    private ScanSql() {}

    static String render(ScanRequest r) {
        StringBuilder sb = new StringBuilder("SELECT ");
        int selected = 0;
        for (int i = 0; i < r.columns().size(); i++) {
            if (!r.fetches(i)) continue;
            if (selected++ > 0) sb.append(", ");
            sb.append(quote(r.columns().get(i)));
        }
        if (selected == 0) sb.append('1'); // COUNT(*) and the like: rows, no columns
        sb.append(" FROM ").append(quote(r.table()));
        String sep = " WHERE ";
        for (Predicate p : r.filters()) {
            sb.append(sep);
            sep = " AND ";
            String c = quote(r.columns().get(p.column()));
            switch (p.op()) {
                case EQ -> sb.append(c).append(" = ?");
                case NE -> sb.append(c).append(" <> ?");
                case LT -> sb.append(c).append(" < ?");
                case LE -> sb.append(c).append(" <= ?");
                case GT -> sb.append(c).append(" > ?");
                case GE -> sb.append(c).append(" >= ?");
                case BETWEEN -> sb.append(c).append(" BETWEEN ? AND ?");
                case IS_NULL -> sb.append(c).append(" IS NULL");
                case IS_NOT_NULL -> sb.append(c).append(" IS NOT NULL");
                case IN -> {
                    sb.append(c).append(" IN (");
                    for (int i = 0; i < p.values().size(); i++) sb.append(i == 0 ? "?" : ", ?");
                    sb.append(')');
                }
            }
        }
        if (r.order() != null && !r.order().isEmpty()) {
            sb.append(" ORDER BY ");
            for (int i = 0; i < r.order().size(); i++) {
                ScanRequest.SortKey k = r.order().get(i);
                sb.append(i == 0 ? "" : ", ").append(quote(r.columns().get(k.column()))).append(k.descending() ? " DESC" : "");
            }
        }
        if (r.limit() >= 0) sb.append(" LIMIT ").append(r.limit());
        return sb.toString();
    }

    static List<Object> parameters(ScanRequest r) {
        List<Object> out = new ArrayList<>();
        for (Predicate p : r.filters()) out.addAll(p.values());
        return out;
    }

    static String quote(String identifier) { return "`" + identifier.replace("`", "``") + "`"; }
}
