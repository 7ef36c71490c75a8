package dev.basalt.engine.plan;

import dev.basalt.engine.exec.FilterOperator;
import dev.basalt.engine.exec.HashJoinOperator;
import dev.basalt.engine.exec.Operator;
import dev.basalt.engine.exec.ProjectOperator;
import dev.basalt.engine.expr.CompareOp;
import dev.basalt.engine.expr.Comparison;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.Exprs;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Function;

/**
 * Orders and joins a list of relations (a flattened inner/cross join) under a set of conjuncts:
 * single-relation conjuncts are pushed into the relations (where they can pick an index), the
 * rest become join keys (index lookups or hash joins) or residual filters as soon as their
 * relations are joined. The order is chosen by cost (see JoinOrder). The result has the
 * relations' columns in their original order.
 */
final class JoinPlanner {
    private final EvalContext ctx;

    JoinPlanner(EvalContext ctx) {
        this.ctx = ctx;
    }

    /** A conjunct with the set of relations it references. */
    private record Conjunct(Expr expr, BitSet relations, boolean late) {}

    Operator plan(List<Relation> rels, List<Expr> conjuncts) {
        int n = rels.size();
        int[] offset = new int[n + 1];
        for (int i = 0; i < n; i++) offset[i + 1] = offset[i] + rels.get(i).columns().size();
        int width = offset[n];

        List<List<Expr>> local = new ArrayList<>();
        for (int i = 0; i < n; i++) local.add(new ArrayList<>());
        List<Conjunct> joinConds = new ArrayList<>();
        List<Expr> late = new ArrayList<>();
        for (Expr c : conjuncts) {
            // column IN (uncorrelated SELECT) stays with its table, whose index may read the values
            if (ExprUtil.hasSubquery(c) && !(c instanceof SubqueryExprs.In in && in.semiJoinValues() != null
                    && in.operand() instanceof dev.basalt.engine.expr.ColumnRef)) {
                late.add(c);
                continue;
            }
            BitSet cols = ExprUtil.columns(c);
            BitSet relSet = new BitSet();
            for (int col = cols.nextSetBit(0); col >= 0; col = cols.nextSetBit(col + 1)) relSet.set(relationOf(offset, col));
            if (relSet.cardinality() == 1) {
                int r = relSet.nextSetBit(0);
                local.get(r).add(ExprUtil.shift(c, offset[r], rels.get(r).columns().size()));
            } else if (relSet.isEmpty()) {
                late.add(c);
            } else {
                joinConds.add(new Conjunct(c, relSet, false));
            }
        }
        if (n == 1) {
            Operator op = rels.get(0).build(local.get(0));
            return late.isEmpty() ? op : new FilterOperator(op, ExprUtil.and(late), ctx);
        }

        double[] est = new double[n];
        for (int i = 0; i < n; i++) est[i] = rels.get(i).estimate(local.get(i));
        JoinCosts costs = new JoinCosts(rels, local, joinConds, offset, est);
        List<JoinOrder.Condition> conditions = new ArrayList<>();
        for (Conjunct c : joinConds) conditions.add(new JoinOrder.Condition(c.relations(), costs.selectivity(c.expr())));
        List<Integer> chosen = JoinOrder.choose(n, costs, conditions);

        BitSet joined = new BitSet();
        List<Integer> order = new ArrayList<>();
        int first = chosen.getFirst();
        joined.set(first);
        order.add(first);
        Operator current = rels.get(first).build(local.get(first));
        List<Conjunct> pending = new ArrayList<>(joinConds);

        for (int step = 1; step < n; step++) {
            int next = chosen.get(step);
            double currentEstimate = JoinOrder.rows(costs, conditions, joined);
            boolean lookup = JoinOrder.lookupWins(costs, next, joined, currentEstimate);
            // layout of the joined rows so far: canonical column -> position
            int[] leftMap = layout(order, offset, rels, width);
            int leftWidth = 0;
            for (int r : order) leftWidth += rels.get(r).columns().size();
            BitSet after = (BitSet) joined.clone();
            after.set(next);
            int[] joinedMap = layoutWith(leftMap, leftWidth, offset[next], rels.get(next).columns().size());

            List<Expr> leftKeys = new ArrayList<>();
            List<Expr> rightKeys = new ArrayList<>();
            List<Function<Object, Object>> norms = new ArrayList<>();
            List<Expr> residual = new ArrayList<>();
            for (var it = pending.iterator(); it.hasNext(); ) {
                Conjunct c = it.next();
                BitSet rest = (BitSet) c.relations().clone();
                rest.andNot(after);
                if (!rest.isEmpty()) continue;
                it.remove();
                if (c.relations().get(next) && equiKey(c.expr(), joined, next, offset, rels, leftMap, leftKeys, rightKeys, norms)) {
                    continue;
                }
                residual.add(ExprUtil.remap(c.expr(), joinedMap));
            }
            Relation rel = rels.get(next);
            int rightWidth = rel.columns().size();
            Expr res = residual.isEmpty() ? null : ExprUtil.and(residual);
            Operator indexed = leftKeys.isEmpty() ? null
                    : indexNestedLoop(current, columns(order, rels), rel, local.get(next), leftKeys, rightKeys, res,
                            currentEstimate, est[next], lookup);
            if (indexed != null) {
                current = indexed;
                joined.set(next);
                order.add(next);
                continue;
            }
            Operator right = rel.build(local.get(next));
            if (!leftKeys.isEmpty()) {
                current = new HashJoinOperator(current, right, JoinKeys.extractor(leftKeys, norms, ctx),
                        JoinKeys.extractor(rightKeys, norms, ctx), res, false, rightWidth, ctx)
                    .describedAs(leftKeys, rightKeys);
            } else {
                current = HashJoinOperator.nestedLoop(current, right, res, false, rightWidth, ctx);
            }
            joined.set(next);
            order.add(next);
        }
        // back to the canonical column order
        int[] finalMap = layout(order, offset, rels, width);
        boolean identity = true;
        for (int i = 0; i < width; i++) identity &= finalMap[i] == i;
        if (!identity) {
            Expr[] proj = new Expr[width];
            for (int i = 0; i < width; i++) proj[i] = new PositionRef(finalMap[i]);
            current = new ProjectOperator(current, proj, ctx);
        }
        return late.isEmpty() ? current : new FilterOperator(current, ExprUtil.and(late), ctx);
    }

    /**
     * An index nested-loop join when the new relation is a native table whose index the join keys
     * can seek (each left row then costs one lookup instead of a scan of the whole table), and the
     * left side is small next to it; else null (hash join).
     */
    private Operator indexNestedLoop(Operator left, List<PlanColumn> leftColumns, Relation rel, List<Expr> localConjuncts,
                                     List<Expr> leftKeys, List<Expr> rightKeys, Expr residual, double leftEstimate, double rightEstimate,
                                     boolean lookupWins) {
        if (rel instanceof Relations.External ext) {
            return remoteNestedLoop(left, ext, localConjuncts, leftKeys, rightKeys, residual, leftEstimate, rightEstimate);
        }
        if (!(rel instanceof Relations.Native nat) || !lookupWins) return null;
        Scope.RowHolder holder = new Scope.RowHolder();
        List<Expr> probe = new ArrayList<>(localConjuncts);
        for (int i = 0; i < leftKeys.size(); i++) {
            probe.add(Exprs.binary(dev.basalt.engine.expr.BinaryOp.EQ, rightKeys.get(i),
                    ExprUtil.toOuter(leftKeys.get(i), holder, leftColumns)));
        }
        return new dev.basalt.engine.exec.IndexNestedLoopJoinOperator(left, nat.build(probe), row -> holder.row = row,
                residual, false, rel.columns().size(), ctx);
    }

    /**
     * The same for an external table: when few left rows meet a much bigger remote table on a key
     * column it has an index on, each left row becomes one remote point query ({@code key = ?} pushed
     * down) instead of reading the whole remote table for a hash join.
     */
    private Operator remoteNestedLoop(Operator left, Relations.External ext, List<Expr> localConjuncts,
                                      List<Expr> leftKeys, List<Expr> rightKeys, Expr residual,
                                      double leftEstimate, double rightEstimate) {
        if (leftEstimate > 1000 || leftEstimate * 20 > rightEstimate) return null;
        Scope.RowHolder holder = new Scope.RowHolder();
        List<Expr> probe = new ArrayList<>(localConjuncts);
        boolean indexedKey = false;
        for (int i = 0; i < leftKeys.size(); i++) {
            Expr eq = Exprs.binary(dev.basalt.engine.expr.BinaryOp.EQ, rightKeys.get(i), ExprUtil.toOuter(leftKeys.get(i), holder));
            if (ExternalPushdown.translate(ext.table(), List.of(eq)).getFirst() == null) return null;
            if (rightKeys.get(i) instanceof dev.basalt.engine.expr.ColumnRef c) {
                for (var ix : ext.table().indexes()) indexedKey |= ix.parts().getFirst().column() == c.index();
            }
            probe.add(eq);
        }
        if (!indexedKey) return null;
        return new dev.basalt.engine.exec.IndexNestedLoopJoinOperator(left, ext.build(probe), row -> holder.row = row,
                residual, false, ext.columns().size(), ctx);
    }

    private static int relationOf(int[] offset, int col) {
        for (int r = 0; r < offset.length - 1; r++) if (col < offset[r + 1]) return r;
        throw new IllegalStateException("column " + col);
    }

    /** The columns of the joined rows so far: the relations' columns in join order. */
    private static List<PlanColumn> columns(List<Integer> order, List<Relation> rels) {
        List<PlanColumn> out = new ArrayList<>();
        for (int r : order) out.addAll(rels.get(r).columns());
        return out;
    }

    /** canonical column -> position in the concatenation of the relations in {@code order}; -1 if absent. */
    private static int[] layout(List<Integer> order, int[] offset, List<Relation> rels, int width) {
        int[] map = new int[width];
        java.util.Arrays.fill(map, -1);
        int pos = 0;
        for (int r : order) {
            int w = rels.get(r).columns().size();
            for (int i = 0; i < w; i++) map[offset[r] + i] = pos++;
        }
        return map;
    }

    private static int[] layoutWith(int[] leftMap, int leftWidth, int relOffset, int relWidth) {
        int[] map = leftMap.clone();
        for (int i = 0; i < relWidth; i++) map[relOffset + i] = leftWidth + i;
        return map;
    }

    /**
     * If the conjunct is {@code a = b} with one side only over the new relation and the other only
     * over the joined set, adds it as hash keys (left side remapped to the joined layout, right
     * side to the relation's local layout).
     */
    private static boolean equiKey(Expr e, BitSet joined, int next, int[] offset, List<Relation> rels, int[] leftMap,
                                   List<Expr> leftKeys, List<Expr> rightKeys, List<Function<Object, Object>> norms) {
        if (!(e instanceof Comparison c) || c.op() != CompareOp.EQ) return false;
        Side l = side(c.left(), joined, next, offset);
        Side r = side(c.right(), joined, next, offset);
        Expr leftSide, rightSide;
        if (l == Side.JOINED && r == Side.NEW) {
            leftSide = c.left();
            rightSide = c.right();
        } else if (l == Side.NEW && r == Side.JOINED) {
            leftSide = c.right();
            rightSide = c.left();
        } else {
            return false;
        }
        Function<Object, Object> norm = JoinKeys.normaliser(leftSide.type(), rightSide.type());
        if (norm == null) return false;
        leftKeys.add(ExprUtil.remap(leftSide, leftMap));
        rightKeys.add(ExprUtil.shift(rightSide, offset[next], rels.get(next).columns().size()));
        norms.add(norm);
        return true;
    }

    /**
     * The estimates JoinOrder weighs, from the relations: their rows, what reading them costs, the
     * rows an index lookup on a join key reads (asked once per relation and key set), and the
     * selectivity of join conditions from the distinct values of their columns.
     */
    private final class JoinCosts implements JoinOrder.Costs {
        private final List<Relation> rels;
        private final List<List<Expr>> local;
        private final List<Conjunct> conds;
        private final int[] offset;
        private final double[] est;
        private final double[] read;
        private final java.util.Map<String, Double> lookups = new java.util.HashMap<>();
        private final java.util.Map<Integer, Double> distinct = new java.util.HashMap<>();

        JoinCosts(List<Relation> rels, List<List<Expr>> local, List<Conjunct> conds, int[] offset, double[] est) {
            this.rels = rels;
            this.local = local;
            this.conds = conds;
            this.offset = offset;
            this.est = est;
            this.read = new double[rels.size()];
            java.util.Arrays.fill(read, -1);
        }

        @Override public double rows(int rel) { return Math.max(1, est[rel]); }

        @Override public double readCost(int rel) {
            if (read[rel] < 0) read[rel] = Math.max(1, rels.get(rel).readCost(local.get(rel)));
            return read[rel];
        }

        @Override public boolean hasKey(int rel, BitSet joined) { return !keys(rel, joined).isEmpty(); }

        @Override public double lookupRows(int rel, BitSet joined) {
            List<Integer> keys = keys(rel, joined);
            if (keys.isEmpty()) return -1;
            return lookups.computeIfAbsent(rel + ":" + keys, k -> {
                Scope.RowHolder placeholder = new Scope.RowHolder(); // never read: the probe is only costed
                List<Expr> probe = new ArrayList<>(local.get(rel));
                for (int i : keys) {
                    Comparison c = (Comparison) conds.get(i).expr();
                    boolean leftNew = side(c.left(), joined, rel, offset) == Side.NEW;
                    Expr mine = leftNew ? c.left() : c.right(), theirs = leftNew ? c.right() : c.left();
                    probe.add(Exprs.binary(dev.basalt.engine.expr.BinaryOp.EQ,
                            ExprUtil.shift(mine, offset[rel], rels.get(rel).columns().size()), ExprUtil.toOuter(theirs, placeholder)));
                }
                return rels.get(rel).lookupRows(probe);
            });
        }

        /** The join conditions usable as keys of {@code rel} against {@code joined}: equalities, one side each. */
        private List<Integer> keys(int rel, BitSet joined) {
            List<Integer> keys = new ArrayList<>();
            for (int i = 0; i < conds.size(); i++) {
                Conjunct c = conds.get(i);
                if (!c.relations().get(rel) || !(c.expr() instanceof Comparison cmp) || cmp.op() != CompareOp.EQ) continue;
                Side l = side(cmp.left(), joined, rel, offset), r = side(cmp.right(), joined, rel, offset);
                if ((l == Side.NEW && r == Side.JOINED || l == Side.JOINED && r == Side.NEW)
                        && JoinKeys.normaliser(cmp.left().type(), cmp.right().type()) != null) {
                    keys.add(i);
                }
            }
            return keys;
        }

        /**
         * {@code a = b} over columns keeps 1 / the larger distinct count of the two (an index tells
         * it; MySQL's 10% for an equality where none does); other join conditions keep a third.
         */
        double selectivity(Expr e) {
            if (!(e instanceof Comparison c)) return 1;
            if (c.op() != CompareOp.EQ) return c.op() == CompareOp.NE ? 0.9 : 1.0 / 3;
            double s = 0.1;
            for (Expr side : List.of(c.left(), c.right())) {
                if (!(side instanceof dev.basalt.engine.expr.ColumnRef col)) continue;
                double d = distinct.computeIfAbsent(col.index(), k -> {
                    int r = relationOf(offset, k);
                    return rels.get(r).distinct(k - offset[r]);
                });
                if (d > 0) s = Math.min(s, 1 / d);
            }
            return s;
        }
    }

    private enum Side { JOINED, NEW, MIXED }

    private static Side side(Expr e, BitSet joined, int next, int[] offset) {
        BitSet cols = ExprUtil.columns(e);
        if (cols.isEmpty()) return Side.MIXED;
        boolean inJoined = true, inNew = true;
        for (int col = cols.nextSetBit(0); col >= 0; col = cols.nextSetBit(col + 1)) {
            int r = relationOf(offset, col);
            if (r != next) inNew = false;
            if (!joined.get(r)) inJoined = false;
        }
        if (inNew) return Side.NEW;
        if (inJoined) return Side.JOINED;
        return Side.MIXED;
    }
}
