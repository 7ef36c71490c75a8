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
 * {@code lockRows}: a locking read; {@code text}: the statement's text (null if unknown).
 */
record StatementExternals(ExternalDatabases externals, CatalogSnapshot catalog, SessionTransaction txn,
                          boolean lockRows, String text) implements ExternalAccess {

    /** Asked only when a remote table is planned: local statements never pay for the text scan. */
    @Override public boolean currentReads() { return lockRows || asksNoCache(text); }

    private static final java.util.regex.Pattern NO_CACHE =
            java.util.regex.Pattern.compile("\\bSQL_NO_CACHE\\b", java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * True when the statement text says SQL_NO_CACHE (the parser accepts and drops the keyword; a
     * match inside a string literal only costs a cache hit).
     */
    static boolean asksNoCache(String statementText) {
        return statementText != null && NO_CACHE.matcher(statementText).find();
    }

    @Override public ExternalDatabase database(String schema) { return externals.database(catalog, schema); }

    @Override public TableDef table(String schema, ExternalDatabase db, String name) {
        return externals.table(schema, db, name);
    }

    @Override public ExternalTransaction transaction(ExternalDatabase db, boolean write) {
        return txn.external(db, write);
    }
}
