package dev.basalt.engine.constraint;

import dev.basalt.engine.catalog.CatalogSnapshot;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.txn.Transaction;

import java.util.HashMap;
import java.util.Map;

/**
 * What the writers of one statement share: the session, the transaction, the catalog as the
 * transaction sees it, foreign_key_checks as it was when the statement started, and one
 * {@link TableWriter} per table (so cascades reuse bound CHECKs and resolved foreign keys).
 */
final class WriteScope {
    final BasaltSession session;
    final Transaction txn;
    final CatalogSnapshot catalog;
    /** foreign_key_checks=0 turns off both the checks and the ON DELETE/UPDATE actions, as in MySQL. */
    final boolean foreignKeyChecks;
    private final Map<Integer, TableWriter> writers = new HashMap<>();

    WriteScope(BasaltSession session, Transaction txn) {
        this.session = session;
        this.txn = txn;
        this.catalog = session.engine().catalog().snapshot(txn);
        this.foreignKeyChecks = session.variables().getBool("foreign_key_checks");
    }

    TableWriter writer(TableDef def) {
        return writers.computeIfAbsent(def.tableId(), id -> new TableWriter(this, def));
    }
}
