package dev.basalt.engine.plan;

import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.exec.FilterOperator;
import dev.basalt.engine.exec.ListOperator;
import dev.basalt.engine.exec.Operator;
import dev.basalt.engine.exec.TableScanOperator;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.table.TableStore;
import dev.basalt.engine.txn.Transaction;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The kinds of join inputs. */
final class Relations {
    private Relations() {}

    /** A table of the native (KV) storage; picks an index from the pushed conjuncts. */
    record Native(TableDef table, TableStore store, Transaction txn, List<PlanColumn> columns, EvalContext ctx,
                  boolean lockRows, java.util.function.LongSupplier rows, List<ExplainRow> explain,
                  java.util.Map<String, Object> state) implements Relation {
        /** Without the statement's planning state: no covering scans (see CoveringScan). */
        Native(TableDef table, TableStore store, Transaction txn, List<PlanColumn> columns, EvalContext ctx,
               boolean lockRows, java.util.function.LongSupplier rows, List<ExplainRow> explain) {
            this(table, store, txn, columns, ctx, lockRows, rows, explain, null);
        }

        /** Not the record's: the planning state refers back to this relation (CoveringScan). */
        @Override public String toString() { return "Native[" + table.qualifiedName() + "]"; }

        /**
         * Only join ordering (and EXPLAIN) asks for estimates, so single-table statements never
         * count rows. A range (or, without statistics, an equality lookup) on constants is
         * counted in the index, as MySQL's index dives do.
         */
        @Override public double estimate(List<Expr> conjuncts) {
            var est = dev.basalt.engine.plan.stats.TableEstimates.of(store, txn, rows);
            AccessPlanner.Access a = AccessPlanner.choose(table, conjuncts, ctx, rows.getAsLong(), est);
            double dived = dive(a, conjuncts, est);
            if (dived < 0) return a.estimate();
            double kept = est == null ? 1 : dev.basalt.engine.plan.stats.Filtered.percent(est, table, a.index(),
                    a.usedParts(), conjuncts, ctx) / 100;
            return Math.max(1, dived * kept);
        }

        @Override public double readCost(List<Expr> conjuncts) {
            var est = dev.basalt.engine.plan.stats.TableEstimates.of(store, txn, rows);
            AccessPlanner.Access a = AccessPlanner.choose(table, conjuncts, ctx, rows.getAsLong(), est);
            if (a.index() == null || a.type().equals("index")) return Math.max(1, rows.getAsLong());
            double dived = dive(a, conjuncts, est);
            return Math.max(1, dived >= 0 ? dived : a.estimate());
        }

        /** The index dive's count for the access (see IndexDive), or -1. */
        private double dive(AccessPlanner.Access a, List<Expr> conjuncts, dev.basalt.engine.plan.stats.TableEstimates est) {
            return IndexDive.rows(store, txn, a, conjuncts, est != null && est.hasIndexStatistics(), rows.getAsLong());
        }

        @Override public double lookupRows(List<Expr> probe) {
            AccessPlanner.Access a = AccessPlanner.choose(table, probe, ctx, rows.getAsLong(),
                    lockRows ? null : dev.basalt.engine.plan.stats.TableEstimates.of(store, txn, rows));
            // a range would be read again in full for every outer row: a hash join reads it once
            if (a.index() == null || a.type().equals("range") || a.type().equals("index")) return -1;
            return a.estimate();
        }

        @Override public double distinct(int column) {
            var est = dev.basalt.engine.plan.stats.TableEstimates.of(store, txn, rows);
            for (IndexDef ix : table.indexes()) {
                var first = ix.parts().getFirst();
                if (ix.keyless() || first.column() != column || first.prefixLength() > 0) continue;
                if (ix.unique() && ix.parts().size() == 1) return Math.max(1, rows.getAsLong());
                double perKey = est == null ? -1 : est.rowsPerKey(ix, 1);
                if (perKey > 0) return Math.max(1, (est.hasIndexStatistics() ? est.rows() : rows.getAsLong()) / perKey);
            }
            return -1;
        }

        @Override public Operator build(List<Expr> conjuncts) {
            // statistics choose the index without counting rows (ANALYZE's count is as good for a choice);
            // locking reads keep the structural choice, whose index lookups lock fewer rows than a scan
            AccessPlanner.Access access = AccessPlanner.choose(table, conjuncts, ctx, 1000,
                    lockRows ? null : dev.basalt.engine.plan.stats.TableEstimates.of(store, txn, null));
            String alias = columns.isEmpty() ? table.name() : columns.get(0).table();
            // a MATCH in WHERE reads through its FULLTEXT index, unless a unique key finds the one row (as MySQL)
            var match = FulltextAccess.find(table, conjuncts, lockRows);
            if (match != null && !access.type().equals("const") && !access.type().equals("eq_ref")) {
                return FulltextAccess.build(this, conjuncts, match, alias);
            }
            // a spatial relation with a constant geometry reads the rows whose bounding rectangle meets it
            SpatialAccess.Found near = access.index() == null ? SpatialAccess.find(table, conjuncts, lockRows) : null;
            if (near != null) return SpatialAccess.build(this, conjuncts, near, alias);
            String extra = IndexOrder.usingWhere(access, conjuncts);
            IndexDef coveringAll = access.index() == null ? CoveringScan.fullScanIndex(this) : null;
            if (coveringAll != null) access = CoveringScan.indexScan(coveringAll, access);
            boolean covering = CoveringScan.covers(this, access.index());
            if (covering) extra = CoveringScan.usingIndex(extra);
            var est = dev.basalt.engine.plan.stats.TableEstimates.of(store, txn, rows);
            boolean fullRead = access.index() == null || access.type().equals("index");
            // with statistics, a scan shows the rows it reads and the share kept in filtered, as MySQL does
            java.util.function.LongSupplier shown = est != null && fullRead ? () -> Math.max(1, est.rows())
                    : fullRead ? () -> Math.max(1, Math.round(estimate(conjuncts)))
                    : () -> Math.max(1, Math.round(readCost(conjuncts)));
            ExplainRow row = ExplainRow.of(alias, table, access, extra, PartitionPruning.explain(table, conjuncts, ctx), shown);
            if (est != null) {
                AccessPlanner.Access used = access;
                row = row.withFiltered(() -> dev.basalt.engine.plan.stats.Filtered.percent(est, table, used.index(),
                        used.usedParts(), conjuncts, ctx));
            }
            explain.add(JsonExplainDetails.attach(row, this, access, conjuncts));
            TableScanOperator scan = new TableScanOperator(store, txn, access.index(), access.ranges(), false, lockRows)
                    .describedAs(alias, access.type());
            if (covering) scan.indexOnly();
            else scan.decodeOnly(CoveringScan.neededColumns(this));
            return conjuncts.isEmpty() ? scan : new FilterOperator(scan, ExprUtil.and(conjuncts), ctx);
        }
    }

    /**
     * A table of an external database: translatable conjuncts go to the remote as filters, and all
     * conjuncts are applied again locally (cheap, and it keeps results right whatever the remote did).
     * {@code hints} (set by the planner before building, see {@link ExternalHints}) may push the
     * query's LIMIT, which is applied only if every conjunct is pushed too, and trim the columns read.
     */
    record External(TableDef table, dev.basalt.engine.external.ExternalDatabase db,
                    dev.basalt.engine.external.ExternalAccess access, List<PlanColumn> columns, EvalContext ctx,
                    List<ExplainRow> explain, ExternalHints hints) implements Relation {
        @Override public double estimate(List<Expr> conjuncts) {
            double rows = Math.max(1, db.rowEstimate(table.name()));
            List<ExternalPushdown.Pushed> pushed = ExternalPushdown.translate(table, conjuncts);
            for (ExternalPushdown.Pushed p : pushed) {
                if (p != null && p.op() == dev.basalt.engine.external.Predicate.Op.EQ) rows = Math.max(1, rows / 100);
                else if (p != null) rows = Math.max(1, rows / 3);
            }
            return rows;
        }

        /**
         * A point query per outer row when an equality of the probe goes to a remotely indexed
         * column (JoinPlanner.remoteNestedLoop then joins so): its rows as the pushed conditions
         * leave them. Without that, -1: the remote table is read once for a hash join.
         */
        @Override public double lookupRows(List<Expr> probe) {
            boolean indexedKey = false;
            for (Expr e : probe) {
                if (!(e instanceof dev.basalt.engine.expr.Comparison c) || c.op() != dev.basalt.engine.expr.CompareOp.EQ
                        || !(c.left() instanceof dev.basalt.engine.expr.ColumnRef col) || c.right().isConstant()) continue;
                for (var ix : table.indexes()) indexedKey |= ix.parts().getFirst().column() == col.index();
            }
            return indexedKey ? estimate(probe) : -1;
        }

        @Override public Operator build(List<Expr> conjuncts) {
            List<ExternalPushdown.Pushed> pushed = new ArrayList<>();
            boolean allPushed = true;
            for (ExternalPushdown.Pushed p : ExternalPushdown.translate(table, conjuncts)) {
                if (p == null) allPushed = false;
                else pushed.add(p);
            }
            List<String> names = new ArrayList<>();
            List<dev.basalt.engine.types.SqlType> types = new ArrayList<>();
            for (var c : table.columns()) {
                names.add(c.name());
                types.add(c.type());
            }
            boolean limitOk = allPushed;
            List<dev.basalt.engine.external.Predicate> shown = new ArrayList<>();
            for (ExternalPushdown.Pushed p : pushed) shown.add(p.placeholder());
            long shownLimit = limitOk ? hints.limit : -1;
            boolean[] fetch = hints.fetch(table);
            String alias = columns.isEmpty() ? table.name() : columns.get(0).table();
            explain.add(new ExplainRow(alias, "ALL", null, "Remote: " + db.describeScan(
                    new dev.basalt.engine.external.ScanRequest(table.name(), names, types, shown, shownLimit, fetch,
                            shownLimit >= 0 ? hints.order : List.of()))));
            Supplier<dev.basalt.engine.external.ScanRequest> request = () -> {
                List<dev.basalt.engine.external.Predicate> filters = new ArrayList<>();
                for (ExternalPushdown.Pushed p : pushed) filters.add(p.evaluate(ctx));
                long l = limitOk ? hints.limit : -1;
                return new dev.basalt.engine.external.ScanRequest(table.name(), names, types, filters, l, fetch,
                        l >= 0 ? hints.order : List.of());
            };
            Operator scan = new dev.basalt.engine.exec.ExternalScanOperator(db, request, () -> access.transaction(db, false),
                    access.currentReads());
            return conjuncts.isEmpty() ? scan : new FilterOperator(scan, ExprUtil.and(conjuncts), ctx);
        }
    }

    /** A derived table, view or CTE: a planned subquery. */
    record Derived(Operator plan, List<PlanColumn> columns, EvalContext ctx) implements Relation {
        @Override public double estimate(List<Expr> conjuncts) { return 500; }

        @Override public Operator build(List<Expr> conjuncts) {
            return conjuncts.isEmpty() ? plan : new FilterOperator(plan, ExprUtil.and(conjuncts), ctx);
        }
    }

    /** information_schema and other computed tables. */
    record Virtual(Supplier<List<Object[]>> rows, List<PlanColumn> columns, EvalContext ctx) implements Relation {
        @Override public double estimate(List<Expr> conjuncts) { return 100; }

        @Override public Operator build(List<Expr> conjuncts) {
            Operator op = new ListOperator(rows);
            return conjuncts.isEmpty() ? op : new FilterOperator(op, ExprUtil.and(conjuncts), ctx);
        }
    }

    /**
     * An outer join planned as one unit that takes WHERE conjuncts on its preserved side's columns
     * (columns {@code [preservedFrom, preservedFrom + preservedWidth)}) into that side, where they
     * may pick an index: valid because a preserved column is never NULL-extended. {@code plan}
     * receives them in the preserved side's own numbering; the rest filter the joined rows.
     */
    record OuterJoin(java.util.function.Function<List<Expr>, Operator> plan, int preservedFrom, int preservedWidth,
                     List<PlanColumn> columns, EvalContext ctx) implements Relation {
        @Override public double estimate(List<Expr> conjuncts) { return 1000; }

        @Override public Operator build(List<Expr> conjuncts) {
            List<Expr> pushed = new ArrayList<>();
            List<Expr> rest = new ArrayList<>();
            for (Expr c : conjuncts) {
                java.util.BitSet cols = ExprUtil.columns(c);
                boolean preservedOnly = !cols.isEmpty() && !ExprUtil.hasSubquery(c) && cols.nextSetBit(0) >= preservedFrom
                        && cols.length() <= preservedFrom + preservedWidth;
                if (preservedOnly) pushed.add(ExprUtil.shift(c, preservedFrom, preservedWidth));
                else rest.add(c);
            }
            Operator op = plan.apply(pushed);
            return rest.isEmpty() ? op : new FilterOperator(op, ExprUtil.and(rest), ctx);
        }
    }

    /** An outer join (or any join subtree with its own ON semantics), planned as one unit. */
    record Subtree(Supplier<Operator> plan, List<PlanColumn> columns, EvalContext ctx) implements Relation {
        @Override public double estimate(List<Expr> conjuncts) { return 1000; }

        @Override public Operator build(List<Expr> conjuncts) {
            Operator op = plan.get();
            return conjuncts.isEmpty() ? op : new FilterOperator(op, ExprUtil.and(conjuncts), ctx);
        }
    }
}
