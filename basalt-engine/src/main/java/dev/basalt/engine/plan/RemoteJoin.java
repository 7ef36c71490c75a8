package dev.basalt.engine.plan;

import dev.basalt.engine.exec.ExternalBlockOperator;
import dev.basalt.engine.exec.FilterOperator;
import dev.basalt.engine.exec.Operator;
import dev.basalt.engine.exec.ProjectOperator;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.Exprs;
import dev.basalt.engine.external.BlockQuery;
import dev.basalt.engine.external.BlockQuery.Node;
import dev.basalt.engine.types.SqlType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Several tables of one remote server as a single join input: the remote joins them (the
 * conjuncts {@link BlockPushdown.Translator} can translate become its WHERE, join conditions
 * included) and sends the joined rows; the other conjuncts are applied here. Used when a block's
 * tables all live on one server but the block as a whole cannot be sent, and only when the sent
 * conditions connect all the tables (otherwise the tables are joined here, as separate inputs, so
 * the remote never computes a cross product). Only the columns the block names travel (the others
 * come back as NULL, which nothing reads).
 */
final class RemoteJoin implements Relation {
    private final List<Relations.External> tables;
    /** Lower-case names of the columns the block may read, or null for all. */
    private final Set<String> referenced;
    private final QueryContext qc;
    private final List<PlanColumn> columns = new ArrayList<>();

    RemoteJoin(List<Relations.External> tables, Set<String> referenced, QueryContext qc) {
        this.tables = tables;
        this.referenced = referenced;
        this.qc = qc;
        for (Relations.External t : tables) columns.addAll(t.columns());
    }

    @Override public List<PlanColumn> columns() { return columns; }

    /** The biggest table's estimate: the join of key-related tables is rarely bigger. */
    @Override public double estimate(List<Expr> conjuncts) {
        double rows = 1;
        for (Relations.External t : tables) rows = Math.max(rows, t.db().rowEstimate(t.table().name()));
        return rows;
    }

    /** Whether the tables form one group through the pairs {@code linked} records (a closure walk). */
    private static boolean connected(java.util.BitSet[] linked) {
        java.util.BitSet seen = new java.util.BitSet();
        seen.set(0);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (int i = seen.nextSetBit(0); i >= 0; i = seen.nextSetBit(i + 1)) {
                int before = seen.cardinality();
                seen.or(linked[i]);
                grew |= seen.cardinality() > before;
            }
        }
        return seen.cardinality() == linked.length;
    }

    @Override public Operator build(List<Expr> conjuncts) {
        BlockPushdown.Translator t = new BlockPushdown.Translator(tables, null);
        List<Node> where = new ArrayList<>();
        List<Expr> local = new ArrayList<>();
        int[] offset = new int[tables.size() + 1];
        for (int i = 0; i < tables.size(); i++) offset[i + 1] = offset[i] + tables.get(i).columns().size();
        java.util.BitSet[] linked = new java.util.BitSet[tables.size()];
        for (int i = 0; i < linked.length; i++) {
            linked[i] = new java.util.BitSet();
            linked[i].set(i);
        }
        for (Expr c : conjuncts) {
            Node n = t.tryRow(c);
            if (n == null) {
                local.add(c);
                continue;
            }
            where.add(n);
            java.util.BitSet refs = new java.util.BitSet();
            java.util.BitSet cols = ExprUtil.columns(c);
            for (int col = cols.nextSetBit(0); col >= 0; col = cols.nextSetBit(col + 1)) {
                for (int i = 0; i < tables.size(); i++) if (col >= offset[i] && col < offset[i + 1]) refs.set(i);
            }
            for (int i = refs.nextSetBit(0); i >= 0; i = refs.nextSetBit(i + 1)) linked[i].or(refs);
        }
        // only when the sent conditions connect every table: else the remote would send a cross product
        if (!connected(linked)) return new JoinPlanner(qc.eval()).plan(new ArrayList<>(tables), conjuncts);
        // the columns to fetch, and where each lands in the full-width row
        List<Node> select = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        Expr[] widen = new Expr[columns.size()];
        int at = 0;
        for (int s = 0; s < tables.size(); s++) {
            for (PlanColumn c : tables.get(s).columns()) {
                if (referenced == null || referenced.contains(c.name().toLowerCase(Locale.ROOT)) || select.isEmpty() && at == columns.size() - 1) {
                    widen[at] = new PositionRef(select.size());
                    select.add(new BlockQuery.Column(s, c.name()));
                    types.add(c.type());
                } else {
                    widen[at] = Exprs.nullLiteral();
                }
                at++;
            }
        }
        List<BlockQuery.Source> sources = new ArrayList<>();
        StringBuilder aliases = new StringBuilder();
        for (Relations.External e : tables) {
            sources.add(new BlockQuery.Source(e.db(), e.table().name(), BlockPushdown.alias(e)));
            if (!aliases.isEmpty()) aliases.append(',');
            aliases.append(BlockPushdown.alias(e));
        }
        BlockQuery q = new BlockQuery(sources, where, List.of(), false, null, select, false, List.of(), 0, -1, types);
        qc.explain().add(new ExplainRow(aliases.toString(), "ALL", null,
                "Remote: " + tables.getFirst().db().describeQuery(q) + (local.isEmpty() ? "" : "; Using where")));
        var access = qc.externals();
        Operator op = new ExternalBlockOperator(q, t.params, qc.eval(), db -> access.transaction(db, false),
                access.currentReads());
        op = new ProjectOperator(op, widen, qc.eval());
        return local.isEmpty() ? op : new FilterOperator(op, ExprUtil.and(local), qc.eval());
    }
}
