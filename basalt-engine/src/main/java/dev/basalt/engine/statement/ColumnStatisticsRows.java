package dev.basalt.engine.statement;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.catalog.CatalogSnapshot;
import dev.basalt.engine.catalog.DatabaseDef;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.stats.Histogram;
import dev.basalt.engine.txn.Transaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** information_schema.COLUMN_STATISTICS: one row per column histogram (ANALYZE TABLE ... UPDATE HISTOGRAM). */
final class ColumnStatisticsRows {
    private ColumnStatisticsRows() {}

    static List<Object[]> rows(BasaltEngine engine, BasaltSession session, CatalogSnapshot catalog) {
        Transaction txn = session == null ? null : session.currentTransaction();
        if (txn == null && session != null) return session.transaction().run(tx -> rows(engine, tx, catalog));
        return rows(engine, txn, catalog);
    }

    private static List<Object[]> rows(BasaltEngine engine, Transaction txn, CatalogSnapshot catalog) {
        List<Object[]> rows = new ArrayList<>();
        for (DatabaseDef d : catalog.databases()) {
            for (TableDef t : catalog.tables(d.name())) {
                List<Histogram> hs = new ArrayList<>(engine.tables().statistics().histograms(txn, t).values());
                hs.sort(Comparator.comparing(Histogram::column));
                for (Histogram h : hs) rows.add(new Object[]{t.database(), t.name(), h.column(), h.json()});
            }
        }
        return rows;
    }
}
