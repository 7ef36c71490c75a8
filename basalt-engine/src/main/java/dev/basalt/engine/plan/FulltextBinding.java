package dev.basalt.engine.plan;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.IndexPart;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.expr.Coercion;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.Exprs;
import dev.basalt.engine.fulltext.Corpus;
import dev.basalt.engine.fulltext.FulltextIndex;
import dev.basalt.engine.fulltext.MatchAgainst;
import dev.basalt.engine.table.RowIterator;
import dev.basalt.engine.table.TableStore;
import dev.basalt.sql.ast.ColumnRef;
import dev.basalt.sql.ast.Expression;
import dev.basalt.sql.ast.FunctionCall;
import dev.basalt.sql.ast.StringLiteral;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Binds MATCH (columns) AGAINST (search [mode]) (the parser's {@code MATCH AGAINST} call): the columns
 * must be exactly the columns of one FULLTEXT index of one base table (InnoDB's rule for both modes,
 * error 1191 otherwise) and the search string a constant (1210). The statistics and the rows that may
 * match come from the index's stored entries (both searches of WITH QUERY EXPANSION too); an index
 * without entries scans the table in the statement's transaction.
 */
final class FulltextBinding {
    /** The scope column holding a row's hidden row id (see FromPlanner.tableColumns). */
    private static final String HIDDEN_ROW_ID = "\0rowid";

    private FulltextBinding() { }

    /**
     * {@code -Dbasalt.fulltextIndex=off}: MATCH scans the table as before the entries were read (they
     * are still written), for measuring them (bench/fulltext.sh) and as an escape hatch.
     */
    private static final boolean USE_ENTRIES = !"off".equalsIgnoreCase(System.getProperty("basalt.fulltextIndex", "on"));

    static Expr bind(ExprBinder binder, QueryContext qc, FunctionCall f) {
        List<Expression> args = f.args();
        String modeName = ((StringLiteral) args.getLast()).value();
        Expr search = binder.bind(args.get(args.size() - 2));
        if (readsRow(search)) throw new SqlException(ErrorCode.ER_WRONG_ARGUMENTS, "AGAINST");
        List<Expression> columnArgs = args.subList(0, args.size() - 2);
        String schema = null, table = null, alias = null;
        int[] positions = new int[columnArgs.size()];
        List<Expr> columns = new ArrayList<>();
        for (int k = 0; k < columnArgs.size(); k++) {
            ColumnRef c = (ColumnRef) columnArgs.get(k);
            columns.add(binder.bind(c)); // reports unknown columns as any reference does
            Scope scope = binder.scope();
            int i = scope.find(c.schema(), c.table(), c.column(), binder.clause());
            if (i < 0 || qc == null) throw ErrorCode.ER_FT_MATCHING_KEY_NOT_FOUND.error();
            PlanColumn pc = scope.columns().get(i);
            // the base table behind the column, also through a derived table or a view
            String orgTable = pc.info() == null ? null : pc.info().orgTable();
            String orgSchema = pc.info() == null ? null : pc.info().schema();
            if (orgTable == null || orgTable.isEmpty() || orgSchema == null || orgSchema.isEmpty()) {
                throw ErrorCode.ER_FT_MATCHING_KEY_NOT_FOUND.error();
            }
            if (table == null) {
                schema = orgSchema;
                table = orgTable;
                alias = pc.table();
            } else if (!alias.equalsIgnoreCase(pc.table())) {
                throw ErrorCode.ER_FT_MATCHING_KEY_NOT_FOUND.error();
            }
            TableDef def = qc.catalog().table(schema, table).orElseThrow(ErrorCode.ER_FT_MATCHING_KEY_NOT_FOUND::error);
            positions[k] = def.columnIndex(pc.info().orgName());
        }
        TableDef def = qc.catalog().table(schema, table).orElseThrow(ErrorCode.ER_FT_MATCHING_KEY_NOT_FOUND::error);
        IndexDef index = fulltextIndex(def, positions);
        if (index == null) throw ErrorCode.ER_FT_MATCHING_KEY_NOT_FOUND.error();
        MatchAgainst.Mode mode = MatchAgainst.Mode.valueOf(modeName);
        String corpusKey = def.tableId() + Arrays.toString(positions) + " " + def.database() + "." + def.name();
        // a binary collation compares words as written; the others case- and accent-insensitively
        dev.basalt.engine.types.Collation collation = def.columns().get(positions[0]).type().collation();
        boolean fold = dev.basalt.engine.fulltext.Tokenizer.folds(collation);
        // the index's stored entries, when they fold words as this MATCH does (see TableStore.invertedIndex)
        FulltextIndex entries = !USE_ENTRIES ? null : new FulltextIndex(def.tableId(), index.name(),
                () -> qc.tables().store(def).invertedIndex(qc.txn(), index, fold));
        return new MatchAgainst(columns, search, mode, corpus(qc, def, positions), entries, qc.statementState(), corpusKey, fold,
                entries == null || binder.grouped() ? null : rowKey(qc, def, binder.scope(), alias, columns));
    }

    /**
     * The searched row's primary key columns, from the row MATCH is evaluated on (the same block's
     * row, as its indexed columns are): MATCH then leaves out the rows the transaction has not
     * committed the words of. A table without a primary key names its rows by the hidden row id its
     * rows carry (the scope's trailing slot). Null when the block's row does not hold every primary
     * key column (a view that leaves one out, a MATCH on an outer or grouped row): such a MATCH
     * still leaves them out where it reads through the index.
     */
    private static MatchAgainst.RowKey rowKey(QueryContext qc, TableDef def, Scope scope, String alias, List<Expr> columns) {
        for (Expr c : columns) if (!(c instanceof dev.basalt.engine.expr.ColumnRef)) return null;
        if (def.hasHiddenRowId()) {
            List<PlanColumn> scoped = scope.columns();
            for (int i = 0; i < scoped.size(); i++) {
                PlanColumn pc = scoped.get(i);
                if (HIDDEN_ROW_ID.equals(pc.name()) && alias.equalsIgnoreCase(pc.table())) {
                    Expr id = Exprs.column(i, pc.type(), pc.nullable(), pc.name());
                    return new MatchAgainst.RowKey(List.of(id), values -> qc.tables().store(def).primaryKeyBytes(values));
                }
            }
            return null;
        }
        IndexDef pk = def.primaryKey().orElse(null);
        if (pk == null) return null;
        List<Expr> parts = new ArrayList<>();
        for (int position : pk.columns()) {
            String name = def.columns().get(position).name();
            Expr part = null;
            List<PlanColumn> scoped = scope.columns();
            for (int i = 0; i < scoped.size() && part == null; i++) {
                PlanColumn pc = scoped.get(i);
                if (pc.info() != null && alias.equalsIgnoreCase(pc.table()) && name.equalsIgnoreCase(pc.info().orgName())
                        && def.name().equalsIgnoreCase(pc.info().orgTable())) {
                    part = Exprs.column(i, pc.type(), pc.nullable(), pc.name());
                }
            }
            if (part == null) return null;
            parts.add(part);
        }
        return new MatchAgainst.RowKey(parts, values -> qc.tables().store(def).primaryKeyBytes(values));
    }

    /** Whether the expression reads a column: the search string must not (user variables are fine). */
    private static boolean readsRow(Expr e) {
        if (e instanceof dev.basalt.engine.expr.ColumnRef || e instanceof OuterRef) return true;
        for (Expr c : e.children()) if (readsRow(c)) return true;
        return false;
    }

    /** The FULLTEXT index on exactly these columns, in any order, or null. */
    static IndexDef fulltextIndex(TableDef def, int[] positions) {
        int[] wanted = positions.clone();
        Arrays.sort(wanted);
        for (IndexDef ix : def.indexes()) {
            if (!ix.fulltext()) continue;
            int[] have = ix.columns();
            Arrays.sort(have);
            if (Arrays.equals(have, wanted)) return ix;
        }
        return null;
    }

    private static Corpus corpus(QueryContext qc, TableDef def, int[] positions) {
        return new Corpus() {
            @Override
            public void forEachDocument(java.util.function.Consumer<String> sink) {
                try (RowIterator it = qc.tables().store(def).scan(qc.txn(), false)) {
                    send(it, sink);
                }
            }

            @Override
            public void forEachDocument(java.util.NavigableSet<byte[]> rows, java.util.function.Consumer<String> sink) {
                try (RowIterator it = qc.tables().store(def).rows(qc.txn(), rows)) {
                    send(it, sink);
                }
            }

            private void send(RowIterator it, java.util.function.Consumer<String> sink) {
                for (Object[] row = it.next(); row != null; row = it.next()) {
                    StringBuilder b = new StringBuilder();
                    for (int p : positions) {
                        Object v = row[p];
                        if (v == null) continue;
                        if (!b.isEmpty()) b.append(' ');
                        b.append(Coercion.toText(v, def.columns().get(p).type()));
                    }
                    sink.accept(b.toString());
                }
            }
        };
    }
}
