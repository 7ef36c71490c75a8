package dev.basalt.engine.plan;

import dev.basalt.engine.catalog.CatalogSnapshot;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.table.Tables;
import dev.basalt.engine.txn.Transaction;
import dev.basalt.sql.ast.Query;

import java.util.Map;
import java.util.function.Function;

/**
 * Everything planning and execution of one statement needs: the session's evaluation context,
 * the transaction, the catalog as this transaction sees it, table storage, and the resolvers for
 * virtual schemas (information_schema) and view text.
 *
 * @param database    current default database (may be null)
 * @param virtualTables resolves information_schema tables, null result when unknown
 * @param viewParser  parses a view's stored SELECT text
 * @param lockRows    SELECT ... FOR UPDATE / FOR SHARE: add rows read to the conflict set
 * @param externals   reaches external databases (null: none)
 */
public record QueryContext(EvalContext eval, Transaction txn, CatalogSnapshot catalog, Tables tables, String database,
                           VirtualTables virtualTables, Function<String, Query> viewParser, boolean lockRows,
                           Map<String, Object> statementState, dev.basalt.engine.external.ExternalAccess externals) {

    /** Access paths chosen while planning this statement, in planning order (for EXPLAIN). */
    @SuppressWarnings("unchecked")
    public java.util.List<ExplainRow> explain() {
        return (java.util.List<ExplainRow>) statementState.computeIfAbsent("explain", k -> new java.util.ArrayList<ExplainRow>());
    }

}
