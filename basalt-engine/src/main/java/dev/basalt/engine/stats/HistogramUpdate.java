package dev.basalt.engine.stats;

import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.table.RowIterator;
import dev.basalt.engine.table.Tables;
import dev.basalt.engine.txn.Transaction;
import dev.basalt.engine.types.TypeKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * ANALYZE TABLE t UPDATE / DROP HISTOGRAM ON c, ...: the per-column outcome messages MySQL 8
 * reports (one result row each, ordered by column name as MySQL's result map orders them).
 */
public final class HistogramUpdate {
    private HistogramUpdate() {}

    /** Rows read for a histogram; larger tables are sampled evenly (sampling-rate below 1). */
    public static final long SAMPLE_ROWS = 1_000_000;

    /** One outcome: Msg_type ("status" / "Error") and Msg_text. */
    public record Outcome(String type, String text) {}

    /** Builds and stores histograms for the columns; returns the outcome per column name. */
    public static Map<String, Outcome> update(Transaction txn, Tables tables, Statistics stats, TableDef def,
                                              List<String> columns, int buckets) {
        Map<String, Outcome> out = new TreeMap<>();
        Map<String, Histogram> all = new HashMap<>(stats.histograms(txn, def));
        List<Integer> wanted = new ArrayList<>();
        for (String name : columns) {
            int c = column(def, name);
            if (c < 0) {
                out.put(name, new Outcome("Error", "The column '" + name + "' does not exist."));
            } else if (HistogramBuilder.dataType(def.columns().get(c).type()) == null) {
                out.put(name, new Outcome("Error", "The column '" + name + "' has an unsupported data type."));
            } else if (singlePartUnique(def, c)) {
                out.put(name, new Outcome("Error", "The column '" + name + "' is covered by a single-part unique index."));
            } else if (!wanted.contains(c)) {
                wanted.add(c);
            }
        }
        if (wanted.isEmpty()) return out;
        List<List<Object>> values = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) values.add(new ArrayList<>());
        long rows = tables.rowCountEstimate(txn, def);
        long step = Math.max(1, (rows + SAMPLE_ROWS - 1) / SAMPLE_ROWS);
        long n = 0;
        try (RowIterator it = tables.store(def).scan(txn, false)) {
            for (Object[] row = it.next(); row != null; row = it.next()) {
                if (n++ % step != 0) continue;
                for (int i = 0; i < wanted.size(); i++) values.get(i).add(row[wanted.get(i)]);
            }
        }
        for (int i = 0; i < wanted.size(); i++) {
            ColumnDef col = def.columns().get(wanted.get(i));
            Histogram h = HistogramBuilder.build(col.name(), col.type(), values.get(i), buckets, collationId(col),
                    1.0 / step);
            all.put(col.name().toLowerCase(Locale.ROOT), h);
            out.put(col.name(), new Outcome("status", "Histogram statistics created for column '" + col.name() + "'."));
        }
        stats.saveHistograms(txn, def, all);
        return out;
    }

    /** Removes the columns' histograms. */
    public static Map<String, Outcome> drop(Transaction txn, Statistics stats, TableDef def, List<String> columns) {
        Map<String, Outcome> out = new TreeMap<>();
        Map<String, Histogram> all = new HashMap<>(stats.histograms(txn, def));
        for (String name : columns) {
            if (all.remove(name.toLowerCase(Locale.ROOT)) != null) {
                out.put(name, new Outcome("status", "Histogram statistics removed for column '" + name + "'."));
            } else if (!out.containsKey(name)) {
                out.put(name, new Outcome("Error", "No histogram statistics found for column '" + name + "'."));
            }
        }
        stats.saveHistograms(txn, def, all);
        return out;
    }

    private static int column(TableDef def, String name) {
        for (int i = 0; i < def.columns().size(); i++) if (def.columns().get(i).name().equalsIgnoreCase(name)) return i;
        return -1;
    }

    /** MySQL refuses histograms where a single-column unique index already gives exact estimates. */
    private static boolean singlePartUnique(TableDef def, int column) {
        for (IndexDef ix : def.indexes()) {
            if (ix.unique() && ix.parts().size() == 1 && ix.parts().getFirst().column() == column) return true;
        }
        return false;
    }

    /** The collation id MySQL writes: the column's for strings, 8 otherwise (what MySQL 8 shows for numbers). */
    private static int collationId(ColumnDef col) {
        TypeKind k = col.type().kind();
        if (k.isBinary()) return 63;
        if (!k.isString() || col.type().collation() == null) return 8;
        String name = col.type().collation().name();
        return name.endsWith("_bin") ? 46 : 255;
    }
}
