package dev.basalt.engine.plan;

import dev.basalt.engine.exec.ExternalBlockOperator;
import dev.basalt.engine.exec.Operator;
import dev.basalt.engine.expr.And;
import dev.basalt.engine.expr.Arithmetic;
import dev.basalt.engine.expr.Between;
import dev.basalt.engine.expr.ColumnRef;
import dev.basalt.engine.expr.Comparison;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.InList;
import dev.basalt.engine.expr.IsNull;
import dev.basalt.engine.expr.Like;
import dev.basalt.engine.expr.Negate;
import dev.basalt.engine.expr.Not;
import dev.basalt.engine.expr.Or;
import dev.basalt.engine.external.BlockQuery;
import dev.basalt.engine.external.BlockQuery.Node;
import dev.basalt.engine.external.ExternalDatabase;
import dev.basalt.engine.function.AggregateFunction;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import dev.basalt.sql.ast.Select;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Hands a whole SELECT block to a remote server when every table it reads lives there (the same
 * {@link ExternalDatabase#blockServer}: one or more virtual databases on one server) and every part
 * of it computes on the remote exactly what our engine computes. Then only the result rows travel
 * (a point query moves one row, an aggregate over a big table one row), instead of each table being
 * scanned as a join input with only its own filters pushed.
 *
 * <p>What "exactly" allows: inner joins; comparisons, IN, BETWEEN, IS NULL, AND/OR/NOT and
 * + - * and unary minus on exact numbers; COUNT, SUM, AVG (exact numbers), MIN, MAX; GROUP BY, HAVING, DISTINCT,
 * ORDER BY, LIMIT. Values compared, grouped or sorted must be numbers (not FLOAT, BIT, YEAR), DATE,
 * DATETIME, TIME, binary strings, or strings in a {@code _bin} collation: other collations may
 * compare differently on the remote than here, so such blocks stay local. TIMESTAMP stays local (its
 * value depends on each side's time zone). Functions, subqueries, outer joins, ROLLUP and window
 * functions are not translated and keep the block local; anything unknown does.
 *
 * <p>Off with {@code -Dbasalt.remote.blockPushdown=false} (to measure against).
 */
final class BlockPushdown {
    static final String SWITCH = "basalt.remote.blockPushdown";

    private BlockPushdown() {}

    static boolean enabled() { return !"false".equalsIgnoreCase(System.getProperty(SWITCH)); }

    /** Thrown (without a stack) when some part of the block cannot be sent. */
    private static final class Local extends RuntimeException {
        Local() { super(null, null, false, false); }
    }

    private static final Local LOCAL = new Local();

    /**
     * The block as one remote query, or null to keep the local plan. Arguments are the parts of the
     * block as {@code QueryPlanner.planSelect} bound them.
     *
     * @param projection  the select items followed by hidden ORDER BY expressions
     * @param orderSlots  {projection index, descending} per ORDER BY key
     * @param limit       {offset, count} or null
     * @param explainMark size of the EXPLAIN list before this block's tables were planned
     */
    static Operator plan(QueryContext qc, Select s, FromPlanner.From from, List<Expr> conjuncts, List<Expr> items,
                         Grouper grouper, Expr having, List<Expr> projection, List<int[]> orderSlots, long[] limit,
                         int explainMark) {
        if (!enabled() || from == null || qc.externals() == null || s.withRollup() || s.calcFoundRows()) return null;
        if (having != null && grouper == null) return null;
        // window functions run here, over the block's rows (their slots would also fail translation)
        if (!s.windows().isEmpty() || WindowPlanner.containsWindowFunction(s.items())
                || s.orderBy() != null && WindowPlanner.containsWindowFunction(s.orderBy())) {
            return null;
        }
        List<Relations.External> rels = sameServer(from.relations());
        if (rels == null) return null;
        int width = 0;
        for (Relations.External e : rels) width += e.columns().size();
        if (width != from.columns().size()) return null;

        Translator t = new Translator(rels, grouper);
        BlockQuery q;
        try {
            List<Node> where = new ArrayList<>();
            for (Expr c : conjuncts) {
                // a condition that is a bare value (WHERE @flag) is sent only when it is a number
                if (ExprUtil.rowIndependent(c) && !exact(c.type())) throw LOCAL;
                where.add(t.row(c));
            }
            List<Node> groupBy = new ArrayList<>();
            if (grouper != null) {
                for (Expr g : grouper.groupExprs()) {
                    if (ExprUtil.rowIndependent(g)) throw LOCAL;
                    orderable(g.type());
                    groupBy.add(t.row(g));
                }
            }
            Node havingNode = having == null ? null : t.out(having);
            List<Node> select = new ArrayList<>();
            List<SqlType> types = new ArrayList<>();
            for (Expr e : items) {
                if (s.distinct()) orderable(e.type());
                select.add(t.out(e));
                types.add(e.type());
            }
            List<BlockQuery.Order> order = new ArrayList<>();
            for (int[] slot : orderSlots) {
                Expr k = projection.get(slot[0]);
                if (ExprUtil.rowIndependent(k)) continue; // a constant key orders nothing (and ? would be a position)
                // DISTINCT ordered by something not selected: MySQL refuses it, MariaDB picks a row; we differ
                if (s.distinct() && slot[0] >= items.size()) return null;
                orderable(k.type());
                order.add(new BlockQuery.Order(t.out(k), slot[1] == 1));
            }
            List<BlockQuery.Source> sources = new ArrayList<>();
            for (Relations.External e : rels) sources.add(new BlockQuery.Source(e.db(), e.table().name(), alias(e)));
            q = new BlockQuery(sources, where, groupBy, grouper != null, havingNode, select, s.distinct(), order,
                    limit == null ? 0 : limit[0], limit == null ? -1 : limit[1], types);
        } catch (Local notPushable) {
            return null;
        }

        // EXPLAIN: one row with the remote SQL instead of one per table scan
        List<ExplainRow> explain = qc.explain();
        while (explain.size() > explainMark) explain.removeLast();
        StringBuilder tables = new StringBuilder();
        for (Relations.External e : rels) {
            if (!tables.isEmpty()) tables.append(',');
            tables.append(alias(e));
        }
        explain.add(new ExplainRow(tables.toString(), "ALL", null, "Remote: " + rels.getFirst().db().describeQuery(q)));
        var access = qc.externals();
        return new ExternalBlockOperator(q, t.params, qc.eval(), db -> access.transaction(db, false),
                access.currentReads());
    }

    static String alias(Relations.External e) {
        return e.columns().isEmpty() ? e.table().name() : e.columns().getFirst().table();
    }

    /**
     * The join inputs for the block: when every table of the block lives on one server (two or
     * more tables), one {@link RemoteJoin} that joins them there, in case the whole block cannot be
     * sent (say a LIKE, or a GROUP BY on a case-insensitive string: those then run here on the
     * joined rows); else the relations unchanged. When the whole block can be sent, {@link #plan}
     * replaces the plan built from these anyway.
     */
    static List<Relation> joinInputs(QueryContext qc, Select s, FromPlanner.From from) {
        List<Relation> rels = from.relations();
        if (!enabled() || qc.externals() == null || rels.size() < 2) return rels;
        List<Relations.External> ext = sameServer(rels);
        return ext == null ? rels : List.of(new RemoteJoin(ext, ExternalHints.referencedColumns(s), qc));
    }

    /** The relations as external tables of one block server, or null when any is not one. */
    private static List<Relations.External> sameServer(List<Relation> rels) {
        List<Relations.External> out = new ArrayList<>();
        String server = null;
        for (Relation r : rels) {
            if (!(r instanceof Relations.External e)) return null;
            String key = e.db().blockServer();
            if (key == null || server != null && !server.equals(key)) return null;
            server = key;
            out.add(e);
        }
        return out.isEmpty() ? null : out;
    }

    /** Bound expressions to {@link Node}s, collecting the row-independent parts as parameters. */
    static final class Translator {
        private final List<Relations.External> rels;
        private final Grouper grouper;
        final List<Expr> params = new ArrayList<>();

        Translator(List<Relations.External> rels, Grouper grouper) {
            this.rels = rels;
            this.grouper = grouper;
        }

        /** The conjunct as a node, or null (and no parameters added) when it must stay local. */
        Node tryRow(Expr e) {
            int mark = params.size();
            try {
                return row(e);
            } catch (Local notPushable) {
                while (params.size() > mark) params.removeLast();
                return null;
            }
        }

        /** An expression over the joined row (WHERE, ON, GROUP BY keys, aggregate arguments). */
        Node row(Expr e) {
            if (e instanceof ColumnRef c) return column(c.index());
            if (ExprUtil.rowIndependent(e)) return param(e);
            return structure(e, false);
        }

        /** An expression over the block's output row (select items, HAVING, ORDER BY). */
        Node out(Expr e) {
            if (grouper == null) return row(e);
            if (e instanceof ColumnRef c) {
                int groups = grouper.groupExprs().size();
                if (c.index() < groups) return row(grouper.groupExprs().get(c.index()));
                // beyond the aggregates: a slot some later stage adds (window functions): not ours
                if (c.index() - groups >= grouper.aggregates().size()) throw LOCAL;
                return aggregate(grouper.aggregates().get(c.index() - groups));
            }
            if (ExprUtil.rowIndependent(e)) return param(e);
            return structure(e, true);
        }

        private Node sub(Expr e, boolean output) { return output ? out(e) : row(e); }

        private Node column(int index) {
            int at = index;
            for (int i = 0; i < rels.size(); i++) {
                List<PlanColumn> cols = rels.get(i).columns();
                if (at < cols.size()) return new BlockQuery.Column(i, cols.get(at).name());
                at -= cols.size();
            }
            throw LOCAL;
        }

        private Node param(Expr e) {
            if (ExprUtil.hasSubquery(e)) throw LOCAL;
            TypeKind k = e.type().kind();
            if (k == TypeKind.BIT || k == TypeKind.ENUM || k == TypeKind.SET || k == TypeKind.JSON) throw LOCAL;
            params.add(e);
            return new BlockQuery.Param(params.size() - 1);
        }

        private Node structure(Expr e, boolean output) {
            switch (e) {
                case And a -> {
                    return call(BlockQuery.Op.AND, sub(a.left(), output), sub(a.right(), output));
                }
                case Or o -> {
                    return call(BlockQuery.Op.OR, sub(o.left(), output), sub(o.right(), output));
                }
                case Not n -> {
                    return call(BlockQuery.Op.NOT, sub(n.operand(), output));
                }
                case IsNull n -> {
                    return call(n.negated() ? BlockQuery.Op.IS_NOT_NULL : BlockQuery.Op.IS_NULL, sub(n.operand(), output));
                }
                case Comparison c -> {
                    comparable(c.left(), c.right());
                    return call(op(c), sub(c.left(), output), sub(c.right(), output));
                }
                case InList in -> {
                    List<Node> args = new ArrayList<>();
                    args.add(sub(in.operand(), output));
                    for (Expr v : in.list()) {
                        comparable(in.operand(), v);
                        args.add(sub(v, output));
                    }
                    return new BlockQuery.Call(in.negated() ? BlockQuery.Op.NOT_IN : BlockQuery.Op.IN, args);
                }
                case Between b -> {
                    comparable(b.operand(), b.low());
                    comparable(b.operand(), b.high());
                    return call(b.negated() ? BlockQuery.Op.NOT_BETWEEN : BlockQuery.Op.BETWEEN,
                            sub(b.operand(), output), sub(b.low(), output), sub(b.high(), output));
                }
                case Arithmetic a -> {
                    if (!exact(a.left().type()) || !exact(a.right().type()) || !exact(a.type())) throw LOCAL;
                    BlockQuery.Op op = switch (a.op()) {
                        case ADD -> BlockQuery.Op.ADD;
                        case SUBTRACT -> BlockQuery.Op.SUBTRACT;
                        case MULTIPLY -> BlockQuery.Op.MULTIPLY;
                        default -> throw LOCAL; // division: result scales follow settings
                    };
                    return call(op, sub(a.left(), output), sub(a.right(), output));
                }
                case Negate n -> {
                    if (!exact(n.operand().type()) || n.operand().type().unsigned() || !exact(n.type())) throw LOCAL;
                    return call(BlockQuery.Op.NEGATE, sub(n.operand(), output));
                }
                case Like l -> {
                    likeable(l);
                    List<Node> args = new ArrayList<>();
                    args.add(sub(l.operand(), output));
                    args.add(sub(l.pattern(), output));
                    if (l.escape() != null) args.add(sub(l.escape(), output));
                    return new BlockQuery.Call(l.negated() ? BlockQuery.Op.NOT_LIKE : BlockQuery.Op.LIKE, args);
                }
                default -> throw LOCAL;
            }
        }

        private Node aggregate(AggregateFunction f) {
            String name = f.name().toUpperCase(Locale.ROOT);
            List<Expr> args = f.args();
            if (name.equals("COUNT") && args.isEmpty()) return new BlockQuery.Aggregate("COUNT", false, null);
            if (args.size() != 1) throw LOCAL;
            Expr a = args.getFirst();
            switch (name) {
                case "COUNT" -> {
                    if (f.distinct()) orderable(a.type());
                }
                case "SUM", "AVG" -> {
                    if (!exact(a.type())) throw LOCAL;
                }
                case "MIN", "MAX" -> orderable(a.type());
                default -> throw LOCAL; // ANY_VALUE, GROUP_CONCAT, BIT_*, STD...: may differ or not exist remotely
            }
            return new BlockQuery.Aggregate(name, f.distinct(), row(a));
        }

        private static BlockQuery.Op op(Comparison c) {
            return switch (c.op()) {
                case EQ -> BlockQuery.Op.EQ;
                case NULL_SAFE_EQ -> BlockQuery.Op.NULL_SAFE_EQ;
                case NE -> BlockQuery.Op.NE;
                case LT -> BlockQuery.Op.LT;
                case LE -> BlockQuery.Op.LE;
                case GT -> BlockQuery.Op.GT;
                case GE -> BlockQuery.Op.GE;
            };
        }

        private static Node call(BlockQuery.Op op, Node... args) { return new BlockQuery.Call(op, List.of(args)); }
    }

    /** Integers (not BIT, YEAR) and DECIMAL: the same exact values and arithmetic on both sides. */
    static boolean exact(SqlType t) {
        TypeKind k = t.kind();
        return k == TypeKind.DECIMAL || k.isInteger() && k != TypeKind.BIT && k != TypeKind.YEAR;
    }

    /** Whether values of this type are equal and ordered the same way on the remote as here; else stay local. */
    static void orderable(SqlType t) {
        TypeKind k = t.kind();
        boolean ok = exact(t) || k == TypeKind.DOUBLE || k == TypeKind.DATE || k == TypeKind.DATETIME
                || k == TypeKind.TIME || k.isBinary() || k.isString() && binCollation(t);
        if (!ok) throw LOCAL;
    }

    /**
     * Whether MySQL compares these two as we do. Strings: every side that is not a row-independent
     * value (whose collation yields to the column's) must be in a {@code _bin} collation.
     */
    static void comparable(Expr a, Expr b) {
        SqlType x = a.type(), y = b.type();
        TypeKind p = x.kind(), q = y.kind();
        boolean ok;
        if (p == TypeKind.NULL_TYPE || q == TypeKind.NULL_TYPE) {
            ok = true; // NULL compares as unknown (and <=> as IS NULL) everywhere
        } else if (exact(x) || exact(y)) {
            ok = exact(x) && exact(y);
        } else if (p == TypeKind.DOUBLE || q == TypeKind.DOUBLE) {
            ok = p == q;
        } else if (p.isString() || q.isString()) {
            ok = p.isString() && q.isString() && plainString(p) && plainString(q)
                    && (ExprUtil.rowIndependent(a) || binCollation(x)) && (ExprUtil.rowIndependent(b) || binCollation(y));
        } else if (p.isBinary() || q.isBinary()) {
            ok = p.isBinary() && q.isBinary();
        } else {
            ok = p == q && (p == TypeKind.DATE || p == TypeKind.DATETIME || p == TypeKind.TIME);
        }
        if (!ok) throw LOCAL;
    }

    /**
     * Whether MySQL matches this LIKE as we do: a binary string, or a string in a {@code _bin}
     * collation (no case or accent folding, no pad space in LIKE on either side), matched against a
     * pattern (and escape) that do not depend on the row, so the column decides the collation.
     */
    static void likeable(Like l) {
        SqlType t = l.operand().type();
        if (ExprUtil.rowIndependent(l.operand()) || !(t.kind().isBinary() || t.kind().isString() && binCollation(t))) {
            throw LOCAL;
        }
        if (!ExprUtil.rowIndependent(l.pattern()) || l.escape() != null && !ExprUtil.rowIndependent(l.escape())) {
            throw LOCAL;
        }
        TypeKind p = l.pattern().type().kind();
        if (!(p.isBinary() || p.isString() && plainString(p) || p == TypeKind.NULL_TYPE)) throw LOCAL;
    }

    private static boolean plainString(TypeKind k) {
        return k != TypeKind.ENUM && k != TypeKind.SET && k != TypeKind.JSON;
    }

    private static boolean binCollation(SqlType t) {
        return plainString(t.kind()) && t.collation() != null
                && t.collation().name().toLowerCase(Locale.ROOT).endsWith("_bin");
    }
}
