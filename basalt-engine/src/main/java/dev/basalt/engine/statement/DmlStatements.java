package dev.basalt.engine.statement;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.catalog.DefaultValue;
import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.IndexPart;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.constraint.TableWriter;
import dev.basalt.engine.exec.Rows;
import dev.basalt.engine.expr.Coercion;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.SqlMode;
import dev.basalt.engine.plan.ExprBinder;
import dev.basalt.engine.plan.FromColumns;
import dev.basalt.engine.plan.PlanColumn;
import dev.basalt.engine.plan.PlannedQuery;
import dev.basalt.engine.plan.QueryPlanner;
import dev.basalt.engine.plan.Scope;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.table.KeyRange;
import dev.basalt.engine.table.RowIterator;
import dev.basalt.engine.routine.Triggers;
import dev.basalt.engine.table.TableStore;
import dev.basalt.engine.txn.Transaction;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.Values;
import dev.basalt.sql.ast.*;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * INSERT / REPLACE / UPDATE / DELETE on native tables. Statement atomicity comes from
 * {@link dev.basalt.engine.session.SessionTransaction#run}; in autocommit mode a write-write
 * conflict (1213) is retried transparently, since nothing of the statement reached the client.
 */
final class DmlStatements {
    private DmlStatements() {}

    private static final int AUTOCOMMIT_RETRIES = 100;

    /** Runs a write statement, retrying autocommit conflicts. */
    static Result write(BasaltSession s, java.util.function.Function<Transaction, Result> body) {
        for (int attempt = 0; ; attempt++) {
            boolean single = s.transaction().nextStatementIsSingle();
            int warningsBefore = s.currentWarnings().size();
            try {
                Result r = s.transaction().run(t -> {
                    if (t.isReadOnly()) throw new SqlException(ErrorCode.ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION);
                    s.transaction().checkLocalWrite();
                    return body.apply(t);
                });
                return r;
            } catch (SqlException e) {
                if (!single || e.errorCode() != ErrorCode.ER_LOCK_DEADLOCK.code() || attempt >= AUTOCOMMIT_RETRIES) throw e;
                s.currentWarnings().subList(warningsBefore, s.currentWarnings().size()).clear();
                backoff(attempt);
            }
        }
    }

    /**
     * Whether UPDATE / DELETE lock the target rows as they read them and work on their latest
     * committed versions (InnoDB's current read), so a row a concurrent transaction committed is
     * updated from its new value instead of failing with 1213. Autocommit statements keep their
     * optimistic path (no locks; a conflict retries the whole statement, which rereads).
     */
    static boolean currentRead(Transaction t) {
        if (t.optimisticWrites()) return false;
        t.setReadLockMode(true, Transaction.LockWait.WAIT);
        return true;
    }

    /**
     * Whether INSERT ... SELECT and CREATE TABLE ... SELECT lock the rows they read: under
     * REPEATABLE READ and SERIALIZABLE InnoDB reads the source with shared next-key locks (a
     * locking read: the latest committed rows), so a concurrent change of a source row waits until
     * the statement's transaction ends; READ COMMITTED reads it as a consistent read. Sets the
     * transaction's read lock mode to shared when it answers true.
     */
    static boolean sourceReadsLock(Transaction t) {
        if (!t.gapLocking()) return false;
        t.setReadLockMode(false, Transaction.LockWait.WAIT);
        return true;
    }

    private static void backoff(int attempt) {
        try {
            Thread.sleep(Math.min(20, 1 + attempt / 4));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SqlException(ErrorCode.ER_QUERY_INTERRUPTED);
        }
    }

    // ---- INSERT / REPLACE ----------------------------------------------------------------------

    static Result insert(BasaltSession s, StatementRunner runner, Insert ins) {
        Result external = ExternalInsert.run(s, runner, ins);
        if (external != null) return external;
        ViewWrites.Rewritten<Insert> v = ViewWrites.insert(s, runner, ins);
        if (v != null) return write(s, t -> new InsertRun(s, runner, t, v.statement(), v).run());
        return write(s, t -> new InsertRun(s, runner, t, ins, null).run());
    }

    /** One INSERT execution. */
    private static final class InsertRun {
        final BasaltSession s;
        final StatementRunner runner;
        final Transaction t;
        final Insert ins;
        final TableDef def;
        final TableStore store;
        /** Writes rows with CHECK and FOREIGN KEY constraints applied. */
        final TableWriter writer;
        final QueryPlanner planner;
        final EvalContext ctx;
        long affected, duplicates, records;
        long firstGenerated;
        List<Expr> updateExprs;
        int[] updateTargets;
        /** Where the proposed row starts in the rows ON DUPLICATE KEY UPDATE expressions read. */
        int newRowOffset;
        /** The CHECK OPTION of the view written through, or null. */
        final ViewCheck viewCheck;

        InsertRun(BasaltSession s, StatementRunner runner, Transaction t, Insert ins, ViewWrites.Rewritten<Insert> view) {
            this.s = s;
            this.runner = runner;
            this.t = t;
            this.ins = ins;
            this.def = runner.table(t, ins.table());
            Triggers.checkNotInUse(def);
            this.writer = TableWriter.open(s, t, def);
            this.store = writer.store();
            this.planner = new QueryPlanner(runner.queryContext(t, false));
            // IGNORE turns conversion errors into warnings, as MySQL does
            this.ctx = ins.ignore() ? StrictnessContext.lenient(s) : dev.basalt.engine.expr.StrictDmlContext.of(s);
            this.viewCheck = ViewCheck.of(view, planner, s, def, null);
        }

        Result run() {
            int n = def.columns().size();
            int[] targets;
            List<List<Expression>> valueRows = null;
            List<Object[]> selected = null;
            List<SqlType> selectedTypes = null;
            switch (ins.source()) {
                case InsertValues v -> {
                    targets = targets(ins.columns());
                    valueRows = v.rows();
                }
                case InsertSet set -> {
                    List<String> names = new ArrayList<>();
                    List<Expression> values = new ArrayList<>();
                    for (Assignment a : set.assignments()) {
                        names.add(a.column().column());
                        values.add(a.value());
                    }
                    targets = targets(names);
                    valueRows = List.of(values);
                }
                case InsertSelect sel -> {
                    targets = targets(ins.columns());
                    QueryPlanner source = sourceReadsLock(t) ? new QueryPlanner(runner.queryContext(t, true)) : planner;
                    PlannedQuery p = source.plan(sel.query(), null);
                    if (p.columns().size() != targets.length) throw new SqlException(ErrorCode.ER_WRONG_VALUE_COUNT_ON_ROW, 1);
                    selected = Rows.drain(p.root()); // may read the target table: materialize first
                    selectedTypes = new ArrayList<>();
                    for (PlanColumn c : p.columns()) selectedTypes.add(c.type());
                }
            }
            if (ins.onDuplicateKeyUpdate() != null && !ins.onDuplicateKeyUpdate().isEmpty()) bindUpdates();
            ExprBinder binder = new ExprBinder(Scope.empty(null), planner, s.database(), "field list").withDefaultsOf(def);
            // non-strict multi-row INSERT and INSERT ... SELECT store the implicit default for a NULL
            // into NOT NULL, with warning 1048; a single-row INSERT fails (as in MySQL)
            nullToDefault = !s.strictMode() && (valueRows == null || valueRows.size() > 1);
            long rowNumber = 0;
            if (valueRows != null) {
                for (List<Expression> exprs : valueRows) {
                    rowNumber++;
                    if (exprs.size() != targets.length && !(exprs.isEmpty() && ins.columns().isEmpty())) {
                        throw new SqlException(ErrorCode.ER_WRONG_VALUE_COUNT_ON_ROW, rowNumber);
                    }
                    Object[] row = new Object[n];
                    boolean[] given = new boolean[n];
                    for (int i = 0; i < exprs.size(); i++) {
                        int col = targets[i];
                        Expression e = exprs.get(i);
                        if (e instanceof DefaultExpr d && d.column() == null) continue;
                        if (ignoredGenerated(s, def, col)) continue;
                        Expr x = binder.bind(e);
                        row[col] = assign(x.eval(ctx, null), x.type(), col, rowNumber);
                        given[col] = true;
                    }
                    insertRow(row, given, rowNumber);
                }
            } else {
                for (Object[] r : selected) {
                    rowNumber++;
                    Object[] row = new Object[n];
                    boolean[] given = new boolean[n];
                    for (int i = 0; i < targets.length; i++) {
                        if (ignoredGenerated(s, def, targets[i])) continue;
                        row[targets[i]] = assign(r[i], selectedTypes.get(i), targets[i], rowNumber);
                        given[targets[i]] = true;
                    }
                    insertRow(row, given, rowNumber);
                }
            }
            if (firstGenerated != 0) s.setLastInsertId(firstGenerated);
            int warnings = s.currentWarnings().size();
            String info = rowNumber > 1 || ins.source() instanceof InsertSelect
                    ? "Records: " + records + "  Duplicates: " + duplicates + "  Warnings: " + warnings : null;
            return new Result.Update(affected, firstGenerated, warnings, info);
        }

        /** Column positions for the column list (all columns when empty); 1054 unknown, 1110 twice. */
        int[] targets(List<String> names) {
            if (names == null || names.isEmpty()) {
                int[] all = new int[def.columns().size()];
                for (int i = 0; i < all.length; i++) all[i] = i;
                return all;
            }
            int[] out = new int[names.size()];
            boolean[] seen = new boolean[def.columns().size()];
            for (int i = 0; i < out.length; i++) {
                int c = def.columnIndex(names.get(i));
                if (c < 0) throw new SqlException(ErrorCode.ER_BAD_FIELD, names.get(i), "field list");
                if (seen[c]) throw new SqlException(ErrorCode.ER_FIELD_SPECIFIED_TWICE, names.get(i));
                seen[c] = true;
                out[i] = c;
            }
            return out;
        }

        Object assign(Object value, SqlType type, int col, long rowNumber) {
            ColumnDef c = def.columns().get(col);
            if (value == null) return null;
            return Coercion.toColumn(ctx, value, type, c.type(), c.name(), rowNumber);
        }

        /** See where it is set: NULL into NOT NULL becomes the implicit default with a warning. */
        boolean nullToDefault;

        /** The statement's expression defaults, bound on first use. */
        dev.basalt.engine.constraint.DefaultExpressions.Statement defaults;

        void insertRow(Object[] row, boolean[] given, long rowNumber) {
            if (defaults == null) defaults = new dev.basalt.engine.constraint.DefaultExpressions.Statement(def);
            fillDefaults(s, def, row, given, ins.ignore() || nullToDefault, defaults);
            records++;
            Triggers.beforeInsert(s, runner, def, row);
            if (viewCheck != null && !viewCheck.passes(ctx, row, ins.ignore())) return;
            Object[] attempt = row.clone();
            try {
                long generated = writer.insert(attempt);
                if (generated != 0 && firstGenerated == 0) firstGenerated = generated;
                affected++;
                s.insertedRow(def, attempt);
                Triggers.afterInsert(s, runner, def, attempt);
                return;
            } catch (SqlException e) {
                if (ins.ignore() && ignorableConstraint(e)) {
                    s.warn(EvalContext.Level.WARNING, e.errorCode(), e.getMessage());
                    return;
                }
                if (e.errorCode() != ErrorCode.ER_DUP_ENTRY.code()) throw e;
                if (ins.replace()) {
                    replace(row, given, rowNumber);
                    return;
                }
                if (updateExprs != null) {
                    onDuplicate(row);
                    return;
                }
                if (ins.ignore()) {
                    duplicates++;
                    s.warn(EvalContext.Level.WARNING, e.errorCode(), e.getMessage());
                    return;
                }
                throw e;
            }
        }

        /** REPLACE: delete every row that conflicts on a unique key, then insert. */
        void replace(Object[] row, boolean[] given, long rowNumber) {
            for (int guard = 0; guard < 64; guard++) {
                Object[] existing = conflicting(row);
                if (existing == null) break;
                Triggers.beforeDelete(s, runner, def, existing);
                writer.delete(existing); // REPLACE deletes: ON DELETE actions apply, as in InnoDB
                Triggers.afterDelete(s, runner, def, existing);
                affected++;
                duplicates++;
            }
            Object[] inserted = row.clone();
            long generated = writer.insert(inserted);
            if (generated != 0 && firstGenerated == 0) firstGenerated = generated;
            affected++;
            Triggers.afterInsert(s, runner, def, inserted);
        }

        void bindUpdates() {
            // scope: the existing row, then the row that would have been inserted (VALUES(col) / row alias)
            List<PlanColumn> cols = new ArrayList<>(FromColumns.of(def, def.name()));
            String alias = ins.rowAlias() != null ? ins.rowAlias() : "\0new";
            int width = cols.size();
            for (PlanColumn c : FromColumns.of(def, alias)) cols.add(c);
            Scope scope = new Scope(cols, null);
            scope.setQualifiedOnlyFrom(width);
            ExprBinder b = new ExprBinder(scope, planner, s.database(), "field list");
            updateExprs = new ArrayList<>();
            updateTargets = new int[ins.onDuplicateKeyUpdate().size()];
            int i = 0;
            for (Assignment a : ins.onDuplicateKeyUpdate()) {
                int col = def.columnIndex(a.column().column());
                if (col < 0) throw new SqlException(ErrorCode.ER_BAD_FIELD, a.column().column(), "field list");
                if (!DefaultExpr.isKeyword(a.value())) refuseGenerated(def, col);
                updateTargets[i++] = col;
                Expression v = dev.basalt.engine.plan.AstRewriter.valuesToColumns(rowColumnAliases(a.value(), alias), alias);
                updateExprs.add(b.bind(v));
            }
            this.newRowOffset = width;
        }

        /**
         * {@code VALUES (...) AS new(m, n, p)}: m, n and p (bare or as new.m) name the proposed
         * values of the insert's columns in order, as in MySQL 8.0.19's own example
         * {@code ON DUPLICATE KEY UPDATE c = m + n}. A bare name that is also a column of the table
         * stays the existing row's column.
         */
        private Expression rowColumnAliases(Expression value, String alias) {
            List<String> aliases = ins.rowColumnAliases();
            if (aliases == null || aliases.isEmpty() || value == null || DefaultExpr.isKeyword(value)) return value;
            List<String> targets = new ArrayList<>();
            if (ins.columns().isEmpty()) for (ColumnDef c : def.columns()) targets.add(c.name());
            else targets.addAll(ins.columns());
            java.util.Map<String, String> byAlias = new java.util.HashMap<>();
            for (int i = 0; i < aliases.size() && i < targets.size(); i++) {
                byAlias.put(aliases.get(i).toLowerCase(java.util.Locale.ROOT), targets.get(i));
            }
            return dev.basalt.engine.plan.AstRewriter.rewriteNodes(value, n -> {
                if (!(n instanceof ColumnRef c) || c.schema() != null) return null;
                String target = byAlias.get(c.column().toLowerCase(java.util.Locale.ROOT));
                if (target == null) return null;
                if (c.table() == null && def.columnIndex(c.column()) >= 0) return null;
                if (c.table() != null && !c.table().equalsIgnoreCase(alias)) return null;
                return new ColumnRef(null, alias, target);
            });
        }

        void onDuplicate(Object[] row) {
            Object[] existing = conflicting(row);
            if (existing == null) { // deleted by a commit between the duplicate check and this search: retry
                t.rollback();
                throw ErrorCode.ER_LOCK_DEADLOCK.error();
            }
            int w = existing.length;
            Object[] combined = new Object[newRowOffset * 2];
            System.arraycopy(existing, 0, combined, 0, Math.min(w, newRowOffset));
            System.arraycopy(row, 0, combined, newRowOffset, Math.min(row.length, newRowOffset));
            Object[] updated = existing.clone();
            for (int i = 0; i < updateExprs.size(); i++) {
                int col = updateTargets[i];
                Expr e = updateExprs.get(i);
                Object v = e.eval(ctx, combined);
                ColumnDef c = def.columns().get(col);
                if (v == null && !c.nullable()) throw new SqlException(ErrorCode.ER_BAD_NULL, c.name());
                updated[col] = v == null ? null : Coercion.toColumn(ctx, v, e.type(), c.type(), c.name(), records);
                combined[col] = updated[col];
            }
            // through a view WITH CHECK OPTION the updated row is checked too (MySQL's write_record)
            if (viewCheck != null && !viewCheck.passes(ctx, updated, ins.ignore())) return;
            if (sameRow(existing, updated, def.columns().size())) {
                if (s.clientFoundRows()) affected++; // else MySQL counts an unchanged row as 0 affected
                return;
            }
            Triggers.beforeUpdate(s, runner, def, existing, updated);
            touchOnUpdate(s, def, updated, null);
            writer.update(existing, updated);
            Triggers.afterUpdate(s, runner, def, existing, updated);
            affected += 2;
            int auto = def.autoIncrementColumn();
            if (auto >= 0 && updated[auto] instanceof Long id && firstGenerated == 0) firstGenerated = id;
        }

        /** {@link #latest}'s answer when the row changed while its lock was waited for. */
        private static final Object[] STALE = new Object[0];

        /**
         * The existing row that conflicts with {@code row} on the primary key or a unique index, or
         * null. A multi-statement transaction looks in the latest committed state, as the insert's
         * duplicate check did (InnoDB's current read), and locks the row it finds.
         */
        Object[] conflicting(Object[] row) {
            boolean current = !t.optimisticWrites();
            boolean was = current && t.readLatest(true);
            try {
                for (int attempt = 0; ; attempt++) {
                    Object[] found = findConflicting(row);
                    if (found != STALE) return found;
                    if (attempt >= 3) {
                        t.rollback();
                        throw ErrorCode.ER_LOCK_DEADLOCK.error();
                    }
                }
            } finally {
                if (current) t.readLatest(was);
            }
        }

        private Object[] findConflicting(Object[] row) {
            for (IndexDef ix : def.indexes()) {
                if (!ix.unique()) continue;
                List<Object> key = new ArrayList<>();
                boolean hasNull = false;
                for (IndexPart p : ix.parts()) {
                    Object v = row[p.column()];
                    if (v == null) hasNull = true;
                    key.add(v);
                }
                if (hasNull) continue;
                try (RowIterator it = store.scanIndex(t, ix, KeyRange.point(key), false)) {
                    Object[] r;
                    while ((r = it.next()) != null) {
                        if (matches(ix, r, row)) return latest(ix, r, row);
                    }
                }
            }
            return null;
        }

        /**
         * InnoDB's current read of the row a REPLACE or ON DUPLICATE KEY UPDATE of a multi-statement
         * transaction is about to change: locked, at its latest committed version, so a concurrent
         * commit is built on instead of failing at COMMIT. A row deleted, or changed so that it no
         * longer conflicts, while this transaction waited for its lock gives {@link #STALE}: look again.
         */
        private Object[] latest(IndexDef ix, Object[] existing, Object[] row) {
            if (!currentRead(t)) return existing; // autocommit: the commit check and the server's retry settle races
            Object[] r = store.lockCurrentRow(t, existing);
            return r != null && matches(ix, r, row) ? r : STALE;
        }

        private boolean matches(IndexDef ix, Object[] existing, Object[] row) {
            for (IndexPart p : ix.parts()) {
                SqlType t = def.columns().get(p.column()).type();
                if (existing[p.column()] == null || Values.compare(existing[p.column()], t, row[p.column()], t) != 0) return false;
            }
            return true;
        }
    }

    /**
     * An INSERT value for a generated column: 3105 in strict mode (MySQL 8 refuses it in every mode).
     * In non-strict mode the value is dropped with a 3105 warning, as MariaDB does (its warning 1906),
     * because mariadb-dump writes generated columns' values and sets a non-strict sql_mode to reload
     * them: without this no dump of a table with a generated column would load.
     */
    static boolean ignoredGenerated(BasaltSession s, TableDef def, int column) {
        ColumnDef c = def.columns().get(column);
        if (!c.isGenerated()) return false;
        if (s.strictMode()) refuseGenerated(def, column);
        s.warn(EvalContext.Level.WARNING, ErrorCode.ER_NON_DEFAULT_VALUE_FOR_GENERATED_COLUMN.code(),
                ErrorCode.ER_NON_DEFAULT_VALUE_FOR_GENERATED_COLUMN.format(c.name(), def.name()));
        return true;
    }

    /** 3105: a generated column takes no value but DEFAULT. */
    static void refuseGenerated(TableDef def, int column) {
        ColumnDef c = def.columns().get(column);
        if (c.isGenerated()) throw ErrorCode.ER_NON_DEFAULT_VALUE_FOR_GENERATED_COLUMN.error(c.name(), def.name());
    }

    /** Constraint failures that INSERT/UPDATE IGNORE turn into a warning and a skipped row. */
    static boolean ignorableConstraint(SqlException e) {
        int c = e.errorCode();
        return c == ErrorCode.ER_CHECK_CONSTRAINT_VIOLATED.code() || c == ErrorCode.ER_NO_REFERENCED_ROW_2.code()
                || c == ErrorCode.ER_ROW_IS_REFERENCED_2.code();
    }

    static boolean sameRow(Object[] a, Object[] b, int n) {
        for (int i = 0; i < n; i++) {
            Object x = a[i], y = b[i];
            if (x == null || y == null) {
                if (x != y) return false;
                continue;
            }
            if (x instanceof byte[] bx && y instanceof byte[] by) {
                if (!java.util.Arrays.equals(bx, by)) return false;
            } else if (x instanceof java.math.BigDecimal dx && y instanceof java.math.BigDecimal dy) {
                if (dx.compareTo(dy) != 0 || dx.scale() != dy.scale()) return false;
            } else if (!x.equals(y)) {
                return false;
            }
        }
        return true;
    }

    /** Fills columns not given: defaults, CURRENT_TIMESTAMP, NULL for AUTO_INCREMENT (to be generated). */
    static void fillDefaults(BasaltSession s, TableDef def, Object[] row, boolean[] given, boolean ignore,
                             dev.basalt.engine.constraint.DefaultExpressions.Statement defaults) {
        boolean noAutoOnZero = s.sqlMode(SqlMode.NO_AUTO_VALUE_ON_ZERO);
        for (int i = 0; i < row.length; i++) {
            ColumnDef c = def.columns().get(i);
            if (c.isGenerated()) {
                row[i] = null; // computed by the TableWriter
                continue;
            }
            if (!given[i]) {
                row[i] = switch (c.defaultValue()) {
                    case DefaultValue.Literal l -> l.value();
                    case DefaultValue.CurrentTimestamp ts -> now(s, ts.fsp());
                    case DefaultValue.Expression e -> defaults.evaluate(s, i, row);
                    case DefaultValue.None none -> {
                        if (c.autoIncrement() || c.nullable()) yield null;
                        if (s.strictMode() && !ignore) throw new SqlException(ErrorCode.ER_NO_DEFAULT_FOR_FIELD, c.name());
                        s.warn(EvalContext.Level.WARNING, ErrorCode.ER_NO_DEFAULT_FOR_FIELD.code(),
                                ErrorCode.ER_NO_DEFAULT_FOR_FIELD.format(c.name()));
                        yield implicitDefault(c.type());
                    }
                };
            }
            if (c.autoIncrement() && row[i] instanceof Long v && v == 0 && !noAutoOnZero) row[i] = null;
            if (row[i] == null && !c.nullable() && !c.autoIncrement()) {
                if (given[i] || !(c.defaultValue() instanceof DefaultValue.None)) {
                    if (!ignore) throw new SqlException(ErrorCode.ER_BAD_NULL, c.name());
                    s.warn(EvalContext.Level.WARNING, ErrorCode.ER_BAD_NULL.code(), ErrorCode.ER_BAD_NULL.format(c.name()));
                    row[i] = implicitDefault(c.type());
                }
            }
        }
    }

    static Object now(BasaltSession s, int fsp) {
        LocalDateTime n = s.statementStart();
        if (fsp <= 0) return n.truncatedTo(ChronoUnit.SECONDS);
        long unit = (long) Math.pow(10, 9 - fsp);
        return n.withNano((int) (n.getNano() / unit * unit));
    }

    /** MySQL's implicit default for a NOT NULL column without DEFAULT (non-strict mode). */
    static Object implicitDefault(SqlType t) {
        if (t.kind().isInteger()) return 0L;
        if (t.kind() == dev.basalt.engine.types.TypeKind.DECIMAL) return java.math.BigDecimal.ZERO.setScale(t.scale());
        if (t.kind().isApproximate()) return 0.0;
        if (t.kind().isBinary()) return new byte[0];
        if (t.kind() == dev.basalt.engine.types.TypeKind.ENUM) return t.values().isEmpty() ? "" : t.values().get(0);
        if (t.kind().isString()) return "";
        return null;
    }

    /** Sets ON UPDATE CURRENT_TIMESTAMP columns of a changed row that the statement didn't assign. */
    static void touchOnUpdate(BasaltSession s, TableDef def, Object[] updated, boolean[] assigned) {
        for (int i = 0; i < def.columns().size(); i++) {
            ColumnDef c = def.columns().get(i);
            if (c.onUpdateCurrentTimestamp() && (assigned == null || !assigned[i])) updated[i] = now(s, c.type().scale());
        }
    }

    /**
     * MySQL refuses to read the table an UPDATE/DELETE changes from a subquery of the same
     * statement (1093), since the result would depend on the order rows change in.
     */
    private static void checkNotReadInSubquery(BasaltSession s, QualifiedName target, Object... parts) {
        String db = target.schema() != null ? target.schema() : s.database();
        for (Object part : parts) {
            if (SubqueryFreeExpressions.surely(part)) continue;
            // a derived table is materialized first, so reading the target there is allowed (MySQL's workaround)
            boolean reads = dev.basalt.engine.plan.AstWalker.any(part, n -> n instanceof Query q
                    && dev.basalt.engine.plan.AstWalker.any(q, m -> m instanceof BaseTable bt && bt.name().name().equals(target.name())
                    && java.util.Objects.equals(bt.name().schema() != null ? bt.name().schema() : s.database(), db),
                    m -> m instanceof DerivedTable), n -> n instanceof DerivedTable);
            if (reads) throw new SqlException(ErrorCode.ER_UPDATE_TABLE_USED, target.name());
        }
    }

    // ---- UPDATE ------------------------------------------------------------------------------

    static Result update(BasaltSession s, StatementRunner runner, Update u) {
        ViewWrites.Rewritten<Update> view = ViewWrites.update(s, runner, u);
        if (view != null) return update(s, runner, view.statement(), view);
        return update(s, runner, u, null);
    }

    private static Result update(BasaltSession s, StatementRunner runner, Update u, ViewWrites.Rewritten<Update> view) {
        if (!(u.table() instanceof BaseTable bt)) return MultiTableDml.update(s, runner, u);
        checkNotReadInSubquery(s, bt.name(), u.where(), u.assignments());
        return write(s, t -> {
            QueryPlanner[] made = new QueryPlanner[1];
            QueryPlanner.TableRows tr = PlanReuse.target(s, runner, u, bt, u.where(), u.orderBy(), u.limit(),
                    u.assignments(), t, currentRead(t), made);
            QueryPlanner planner = made[0];
            TableDef def = tr.table();
            Triggers.checkNotInUse(def);
            TableWriter writer = TableWriter.open(s, t, def);
            ExprBinder b = new ExprBinder(tr.scope(), planner, s.database(), "field list");
            EvalContext ctx = u.ignore() ? StrictnessContext.lenient(s) : dev.basalt.engine.expr.StrictDmlContext.of(s);
            ViewCheck viewCheck = ViewCheck.of(view, planner, s, def, tr.scope());
            int[] targets = new int[u.assignments().size()];
            List<Expr> values = new ArrayList<>();
            boolean[] assigned = new boolean[def.columns().size()];
            for (int i = 0; i < targets.length; i++) {
                Assignment a = u.assignments().get(i);
                ColumnRef c = a.column();
                if (c.table() != null && !c.table().equals(bt.alias() != null ? bt.alias() : def.name())) {
                    throw new SqlException(ErrorCode.ER_BAD_FIELD, c.table() + "." + c.column(), "field list");
                }
                int col = def.columnIndex(c.column());
                if (col < 0) throw new SqlException(ErrorCode.ER_BAD_FIELD, c.column(), "field list");
                if (!DefaultExpr.isKeyword(a.value())) refuseGenerated(def, col);
                targets[i] = col;
                assigned[col] = true;
                values.add(DefaultExpr.isKeyword(a.value()) ? null : b.bind(a.value()));
            }
            List<Object[]> rows = Rows.drain(tr.rows()); // materialize: updates may move rows within the scan
            long matched = 0, changed = 0;
            for (Object[] old : rows) {
                matched++;
                Object[] row = old.clone();
                for (int i = 0; i < targets.length; i++) {
                    ColumnDef c = def.columns().get(targets[i]);
                    Object v;
                    SqlType vt;
                    if (values.get(i) == null) {
                        v = switch (c.defaultValue()) {
                            case DefaultValue.Expression e -> dev.basalt.engine.constraint.DefaultExpressions.evaluate(s, def, targets[i], row);
                            case DefaultValue.CurrentTimestamp ts -> now(s, ts.fsp());
                            default -> c.storedDefault();
                        };
                        vt = c.type();
                    } else {
                        v = values.get(i).eval(ctx, row);
                        vt = values.get(i).type();
                    }
                    if (v == null) {
                        if (!c.nullable()) {
                            if (s.strictMode() && !u.ignore()) throw new SqlException(ErrorCode.ER_BAD_NULL, c.name());
                            s.warn(EvalContext.Level.WARNING, ErrorCode.ER_BAD_NULL.code(), ErrorCode.ER_BAD_NULL.format(c.name()));
                            v = implicitDefault(c.type());
                        }
                        row[targets[i]] = v;
                    } else {
                        row[targets[i]] = Coercion.toColumn(ctx, v, vt, c.type(), c.name(), matched);
                    }
                }
                Triggers.beforeUpdate(s, runner, def, old, row);
                if (sameRow(old, row, def.columns().size())) continue;
                if (viewCheck != null && !viewCheck.passes(ctx, row, u.ignore())) continue;
                touchOnUpdate(s, def, row, assigned);
                try {
                    writer.update(old, row);
                } catch (SqlException e) {
                    if (!u.ignore() || e.errorCode() != ErrorCode.ER_DUP_ENTRY.code() && !ignorableConstraint(e)) throw e;
                    s.warn(EvalContext.Level.WARNING, e.errorCode(), e.getMessage());
                    continue;
                }
                changed++;
                Triggers.afterUpdate(s, runner, def, old, row);
            }
            int warnings = s.currentWarnings().size();
            return new Result.Update(s.clientFoundRows() ? matched : changed, 0, warnings,
                    "Rows matched: " + matched + "  Changed: " + changed + "  Warnings: " + warnings);
        });
    }

    // ---- DELETE ------------------------------------------------------------------------------

    static Result delete(BasaltSession s, StatementRunner runner, Delete d) {
        ViewWrites.Rewritten<Delete> view = ViewWrites.delete(s, runner, d);
        if (view != null) d = view.statement();
        return deleteRows(s, runner, d);
    }

    private static Result deleteRows(BasaltSession s, StatementRunner runner, Delete d) {
        if (!(d.from() instanceof BaseTable bt) || (d.targets() != null && !d.targets().isEmpty())) {
            return MultiTableDml.delete(s, runner, d);
        }
        checkNotReadInSubquery(s, bt.name(), d.where());
        return write(s, t -> {
            QueryPlanner.TableRows tr = PlanReuse.target(s, runner, d, bt, d.where(), d.orderBy(), d.limit(), null,
                    t, currentRead(t), new QueryPlanner[1]);
            Triggers.checkNotInUse(tr.table());
            TableWriter writer = TableWriter.open(s, t, tr.table());
            List<Object[]> rows = Rows.drain(tr.rows());
            for (Object[] r : rows) {
                Triggers.beforeDelete(s, runner, tr.table(), r);
                writer.delete(r);
                Triggers.afterDelete(s, runner, tr.table(), r);
            }
            return new Result.Update(rows.size(), 0, s.currentWarnings().size(), null);
        });
    }
}
