package dev.basalt.engine.statement;

import dev.basalt.engine.catalog.CatalogSnapshot;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.external.ExternalAccess;
import dev.basalt.engine.external.ExternalDatabase;
import dev.basalt.engine.external.ExternalDatabases;
import dev.basalt.engine.external.ExternalTransaction;
import dev.basalt.engine.session.SessionTransaction;

/**
 * {@link ExternalAccess} for one statement: the catalog it sees and its session's transaction;
 * {@code lockRows}: a locking read (its remote reads must be current).
 */
record StatementExternals(ExternalDatabases externals, CatalogSnapshot catalog, SessionTransaction txn,
                          boolean lockRows) implements ExternalAccess {

    @Override public boolean currentReads() { return lockRows; }

    @Override public ExternalDatabase database(String schema) { return externals.database(catalog, schema); }

    @Override public TableDef table(String schema, ExternalDatabase db, String name) {
        return externals.table(schema, db, name);
    }

    @Override public ExternalTransaction transaction(ExternalDatabase db, boolean write) {
        return txn.external(db, write);
    }
}
