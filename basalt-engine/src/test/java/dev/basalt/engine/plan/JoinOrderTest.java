package dev.basalt.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** JoinOrder's choices over made-up estimates (the SQL side: join_order.test). */
class JoinOrderTest {

    /** Relations with rows, read cost and, per relation, the relations whose rows can look it up (rows per lookup). */
    private static final class Fake implements JoinOrder.Costs {
        final List<double[]> rel = new ArrayList<>(); // rows, readCost, rowsPerLookup
        final List<BitSet> lookupFrom = new ArrayList<>();
        final List<JoinOrder.Condition> conditions = new ArrayList<>();

        int add(double rows, double read, double perLookup) {
            rel.add(new double[] {rows, read, perLookup});
            lookupFrom.add(new BitSet());
            return rel.size() - 1;
        }

        /** An equality between a and b keeping 1 / distinct; {@code indexed}: b's index seeks it. */
        void join(int a, int b, double distinct, boolean indexed) {
            BitSet both = new BitSet();
            both.set(a);
            both.set(b);
            conditions.add(new JoinOrder.Condition(both, 1 / distinct));
            if (indexed) lookupFrom.get(b).set(a);
        }

        @Override public double rows(int r) { return rel.get(r)[0]; }
        @Override public double readCost(int r) { return rel.get(r)[1]; }
        @Override public double lookupRows(int r, BitSet joined) { return lookupFrom.get(r).intersects(joined) ? rel.get(r)[2] : -1; }
        @Override public boolean hasKey(int r, BitSet joined) {
            for (JoinOrder.Condition c : conditions) if (c.relations().get(r) && c.relations().intersects(joined)) return true;
            return false;
        }
    }

    @Test
    void startsFromTheFilteredSmallTableAndLooksUpTheBigOne() {
        Fake f = new Fake();
        int c = f.add(5, 5, 1), d = f.add(1000, 1000, 1), b = f.add(200_000, 200_000, 1), s = f.add(40, 2000, 1);
        f.join(s, b, 200_000, true);  // b.id = s.big_id
        f.join(b, d, 1000, true);     // d.id = b.grp
        f.join(d, c, 10, true);       // c.id = d.cat
        List<Integer> order = JoinOrder.choose(4, f, f.conditions);
        assertEquals(List.of(s, b, d, c), order);
        BitSet sb = new BitSet();
        sb.set(s);
        assertTrue(JoinOrder.lookupWins(f, b, sb, 40), "40 lookups beat reading 200,000 rows");
        BitSet all = new BitSet();
        all.set(s);
        all.set(b);
        all.set(d);
        assertFalse(JoinOrder.lookupWins(f, c, all, 40), "five rows are hashed once");
    }

    @Test
    void lookupsThatFanOutLoseToAHashJoin() {
        Fake f = new Fake();
        int b = f.add(2000, 2000, 2000), d = f.add(1000, 1000, 1), c = f.add(10, 10, 1);
        f.join(b, d, 1000, true);
        f.join(d, c, 10, true);
        f.lookupFrom.get(b).set(d); // b's (grp, k) index: 2,000 rows per d row
        BitSet cd = new BitSet();
        cd.set(c);
        cd.set(d);
        assertFalse(JoinOrder.lookupWins(f, b, cd, 1000), "1,000 lookups of 2,000 rows each: read b once instead");
        assertEquals(3, new TreeSet<>(JoinOrder.choose(3, f, f.conditions)).size());
    }

    @Test
    void manyRelationsAreOrderedGreedilyAndAllKept() {
        Fake f = new Fake();
        int n = JoinOrder.EXHAUSTIVE + 2;
        for (int i = 0; i < n; i++) f.add(i == 5 ? 3 : 1000 + i, 1000 + i, 1);
        for (int i = 0; i + 1 < n; i++) f.join(i, i + 1, 1000, true);
        List<Integer> order = JoinOrder.choose(n, f, f.conditions);
        assertEquals(5, order.getFirst(), "the smallest relation first");
        assertEquals(n, new TreeSet<>(order).size());
    }
}
