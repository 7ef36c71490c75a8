package dev.basalt.engine.table;

import dev.basalt.engine.catalog.CatalogSnapshot;
import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.txn.Transaction;

import java.util.List;
import java.util.function.Supplier;

/**
 * Start-up work for data directories written by an older Basalt: a FULLTEXT index created before
 * the store kept its entries has none (see {@link FulltextEntries}), so its MATCHes would scan the
 * table for ever. Building the entries once here, in one transaction per table, makes such an index
 * serve MATCH as if it had been created now, with no DROP / ADD by the user. Each index built is
 * logged; a store opened read-only is left as it is (its MATCHes scan, with the same results).
 */
public final class FulltextUpgrade {
    private FulltextUpgrade() {}

    private static final System.Logger LOG = System.getLogger(FulltextUpgrade.class.getName());

    /** Builds every unbuilt FULLTEXT index of the catalog's tables; returns how many were built. */
    public static int run(CatalogSnapshot catalog, Tables tables, Supplier<Transaction> begin) {
        int count = 0;
        for (TableDef table : catalog.allTables()) {
            if (table.secondaryIndexes().stream().noneMatch(IndexDef::fulltext)) continue;
            if (catalog.database(table.database()).map(d -> d.external() != null).orElse(false)) continue; // not in this store
            Transaction txn = begin.get();
            try {
                List<String> built = tables.store(table).buildUnbuiltFulltext(txn);
                txn.commit();
                for (String name : built) {
                    LOG.log(System.Logger.Level.INFO, "FULLTEXT index " + name + " of " + table.qualifiedName()
                            + " was created by an older Basalt without entries: built them over the table's rows");
                }
                count += built.size();
            } catch (RuntimeException e) {
                txn.rollback();
                // the index keeps working by scanning; the next start tries again
                LOG.log(System.Logger.Level.WARNING, "FULLTEXT entries of " + table.qualifiedName() + " not built: " + e, e);
            }
        }
        return count;
    }
}
