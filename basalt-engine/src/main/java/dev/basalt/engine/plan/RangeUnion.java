package dev.basalt.engine.plan;

import dev.basalt.engine.table.KeyRange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The union of intervals on one index column (an OR of equalities and ranges) as sorted,
 * disjoint key ranges, so that reading them one after the other returns each row once and in
 * key order. Values are SQL values with NULL lowest, as in the index.
 */
final class RangeUnion {
    private RangeUnion() {}

    /**
     * One interval. {@code lower} is always a value (NULL exclusive = "above NULL": a range never
     * matches NULL); {@code hasUpper} false means unbounded above.
     */
    record Interval(Object lower, boolean lowerInclusive, boolean hasUpper, Object upper, boolean upperInclusive) {
        static Interval point(Object v) { return new Interval(v, true, true, v, true); }
    }

    /** Sorted, merged key ranges on a one-column prefix after {@code prefix}. */
    static List<KeyRange> ranges(List<Object> prefix, List<Interval> intervals, Comparator<Object> order) {
        List<Interval> sorted = new ArrayList<>(intervals);
        sorted.removeIf(i -> empty(i, order));
        sorted.sort((a, b) -> {
            int c = order.compare(a.lower(), b.lower());
            if (c != 0) return c;
            return Boolean.compare(b.lowerInclusive(), a.lowerInclusive()); // inclusive first
        });
        List<Interval> merged = new ArrayList<>();
        for (Interval i : sorted) {
            if (!merged.isEmpty() && touches(merged.getLast(), i, order)) {
                merged.set(merged.size() - 1, widen(merged.getLast(), i, order));
            } else {
                merged.add(i);
            }
        }
        List<KeyRange> out = new ArrayList<>();
        for (Interval i : merged) {
            List<Object> lo = new ArrayList<>(prefix);
            lo.add(i.lower());
            List<Object> hi = null;
            if (i.hasUpper()) {
                hi = new ArrayList<>(prefix);
                hi.add(i.upper());
            } else if (!prefix.isEmpty()) {
                hi = new ArrayList<>(prefix);
            }
            out.add(new KeyRange(lo, i.lowerInclusive(), hi, !i.hasUpper() || i.upperInclusive()));
        }
        return out;
    }

    /** Above-NULL lower bound for a range that has none. */
    static Interval below(Object upper, boolean inclusive) {
        return new Interval(null, false, true, upper, inclusive);
    }

    static Interval above(Object lower, boolean inclusive) {
        return new Interval(lower, inclusive, false, null, true);
    }

    private static boolean empty(Interval i, Comparator<Object> order) {
        if (!i.hasUpper()) return false;
        int c = order.compare(i.lower(), i.upper());
        return c > 0 || c == 0 && !(i.lowerInclusive() && i.upperInclusive());
    }

    /** Whether b (starting at or after a's start) overlaps or adjoins a. */
    private static boolean touches(Interval a, Interval b, Comparator<Object> order) {
        if (!a.hasUpper()) return true;
        int c = order.compare(b.lower(), a.upper());
        return c < 0 || c == 0 && (b.lowerInclusive() || a.upperInclusive());
    }

    private static Interval widen(Interval a, Interval b, Comparator<Object> order) {
        if (!a.hasUpper()) return a;
        if (!b.hasUpper()) return new Interval(a.lower(), a.lowerInclusive(), false, null, true);
        int c = order.compare(b.upper(), a.upper());
        if (c > 0 || c == 0 && b.upperInclusive()) {
            return new Interval(a.lower(), a.lowerInclusive(), true, b.upper(), b.upperInclusive() || c == 0 && a.upperInclusive());
        }
        return a;
    }
}
