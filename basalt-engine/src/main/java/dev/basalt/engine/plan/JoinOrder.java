package dev.basalt.engine.plan;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Chooses the order of an inner join's relations by estimated cost (left-deep plans, each
 * relation joined to the rows of the ones before it), as MySQL's optimizer does: exhaustively by
 * dynamic programming over subsets up to {@link #EXHAUSTIVE} relations, greedily beyond. A
 * relation joins either by index lookups on its join key (each outer row costs a seek plus the
 * rows a lookup reads) or by a hash join (its rows are read once). The rows a set of relations
 * joins to are the product of their estimates times the selectivity of the conditions among them.
 * The cost of a plan is the rows it reads plus the rows each step produces.
 */
final class JoinOrder {
    private JoinOrder() {}

    /** Relations ordered exhaustively (2^n subsets); more fall back to a greedy choice. */
    static final int EXHAUSTIVE = 10;

    /** An index lookup's fixed cost (the seek) in rows read. */
    static final double SEEK = 3;

    /** Putting a row into a hash join's table, in rows read. */
    static final double HASH_BUILD = 2;

    /** What the order needs to know of the relations; {@code joined} sets are relation indexes. */
    interface Costs {
        /** Rows of the relation after its own conditions. */
        double rows(int rel);

        /** Rows read to produce them (a full scan reads every row). */
        double readCost(int rel);

        /** Rows one index lookup on its join key with {@code joined} reads; -1: no lookup possible. */
        double lookupRows(int rel, BitSet joined);

        /** Whether an equality links the relation to {@code joined} (a hash join then has keys). */
        boolean hasKey(int rel, BitSet joined);
    }

    /** A join condition: the relations it references and the share of their combined rows it keeps. */
    record Condition(BitSet relations, double selectivity) {}

    /** The cheaper way of joining {@code outerRows} rows to the relation: index lookups, else a hash join. */
    static boolean lookupWins(Costs c, int rel, BitSet joined, double outerRows) {
        double lookup = c.lookupRows(rel, joined);
        return lookup >= 0 && lookupCost(outerRows, lookup) <= hashCost(c, rel, joined, outerRows);
    }

    private static double lookupCost(double outerRows, double lookupRows) {
        return outerRows * (SEEK + lookupRows);
    }

    private static double hashCost(Costs c, int rel, BitSet joined, double outerRows) {
        double inner = c.rows(rel);
        // building the hash table costs about two reads per row; without a key every outer row meets every inner row
        return c.readCost(rel) + HASH_BUILD * inner + (c.hasKey(rel, joined) ? outerRows : outerRows * inner);
    }

    private static double stepCost(Costs c, int rel, BitSet joined, double outerRows) {
        double hash = hashCost(c, rel, joined, outerRows);
        double lookup = c.lookupRows(rel, joined);
        return lookup >= 0 ? Math.min(hash, lookupCost(outerRows, lookup)) : hash;
    }

    /** Rows the relations of {@code set} join to. */
    static double rows(Costs c, List<Condition> conditions, BitSet set) {
        double r = 1;
        for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) r *= c.rows(i);
        for (Condition k : conditions) if (subset(k.relations(), set)) r *= k.selectivity();
        return Math.max(1, r);
    }

    /** The relations' order, cheapest first plan found. */
    static List<Integer> choose(int n, Costs c, List<Condition> conditions) {
        return n <= EXHAUSTIVE ? exhaustive(n, c, conditions) : greedy(n, c, conditions);
    }

    private static List<Integer> exhaustive(int n, Costs c, List<Condition> conditions) {
        int full = (1 << n) - 1;
        double[] cost = new double[full + 1];
        double[] rows = new double[full + 1];
        int[] last = new int[full + 1];
        java.util.Arrays.fill(cost, Double.MAX_VALUE);
        for (int mask = 1; mask <= full; mask++) rows[mask] = rows(c, conditions, BitSet.valueOf(new long[] {mask}));
        for (int r = 0; r < n; r++) {
            cost[1 << r] = c.readCost(r) + rows[1 << r];
            last[1 << r] = r;
        }
        for (int mask = 1; mask <= full; mask++) {
            if (Integer.bitCount(mask) < 2) continue;
            for (int r = 0; r < n; r++) {
                if ((mask & (1 << r)) == 0) continue;
                int before = mask & ~(1 << r);
                if (cost[before] == Double.MAX_VALUE) continue;
                double total = cost[before] + stepCost(c, r, BitSet.valueOf(new long[] {before}), rows[before]) + rows[mask];
                if (total < cost[mask]) {
                    cost[mask] = total;
                    last[mask] = r;
                }
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int mask = full; mask != 0; mask &= ~(1 << last[mask])) order.addFirst(last[mask]);
        return order;
    }

    private static List<Integer> greedy(int n, Costs c, List<Condition> conditions) {
        List<Integer> order = new ArrayList<>();
        BitSet joined = new BitSet();
        double current = 0;
        while (order.size() < n) {
            int best = -1;
            double bestCost = Double.MAX_VALUE, bestRows = 0;
            for (int r = 0; r < n; r++) {
                if (joined.get(r)) continue;
                BitSet after = (BitSet) joined.clone();
                after.set(r);
                double out = rows(c, conditions, after);
                double step = (order.isEmpty() ? c.readCost(r) : stepCost(c, r, joined, current)) + out;
                if (step < bestCost) {
                    best = r;
                    bestCost = step;
                    bestRows = out;
                }
            }
            order.add(best);
            joined.set(best);
            current = bestRows;
        }
        return order;
    }

    private static boolean subset(BitSet a, BitSet b) {
        BitSet x = (BitSet) a.clone();
        x.andNot(b);
        return x.isEmpty();
    }
}
