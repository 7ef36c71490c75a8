package dev.basalt.engine.stats;

import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.table.TableStore;
import dev.basalt.engine.table.Tables;
import dev.basalt.engine.txn.Transaction;

import java.util.HashMap;
import java.util.Map;

/**
 * ANALYZE TABLE's collection: for every index a key-only pass over at most
 * {@link #SAMPLE_ENTRIES} entries counting distinct prefixes. Indexes within the sample are
 * measured exactly; beyond it, the distinct counts of the entries read are scaled to the table's
 * rows (InnoDB likewise scales what its sampled pages show).
 */
public final class TableAnalyzer {
    private TableAnalyzer() {}

    /** Entries read per index; tables up to this size are measured exactly. */
    public static final long SAMPLE_ENTRIES = 1_000_000;

    public static TableStats analyze(Transaction txn, Tables tables, TableDef def) {
        TableStore store = tables.store(def);
        Map<Integer, long[]> read = new HashMap<>();
        long rows = -1;
        for (IndexDef ix : def.indexes()) {
            if (ix.keyless()) continue; // word or MBR entries, not one key per row
            long[] r = store.distinctPrefixes(txn, ix, SAMPLE_ENTRIES);
            read.put(ix.indexId(), r);
            // every row has one entry in each index: a complete pass counts the rows
            if (r[0] < SAMPLE_ENTRIES) rows = r[0];
        }
        if (rows < 0) rows = tables.rowCountEstimate(txn, def);
        Map<Integer, long[]> cardinality = new HashMap<>();
        for (Map.Entry<Integer, long[]> e : read.entrySet()) {
            long[] r = e.getValue();
            long[] d = new long[r.length - 1];
            double scale = r[0] == 0 || r[0] >= rows ? 1 : (double) rows / r[0];
            for (int i = 0; i < d.length; i++) d[i] = Math.min(rows, Math.round(r[i + 1] * scale));
            cardinality.put(e.getKey(), d);
        }
        return new TableStats(rows, Map.copyOf(cardinality));
    }
}
