package dev.basalt.engine.table;

import java.util.Arrays;
import java.util.List;

/**
 * A range over an index, in index key order, bounded by value tuples that are prefixes of the
 * index columns. A null bound is open (the range then starts at the first key, NULLs included).
 * Bound values are SQL values and NULL is one of them, sorting first: {@code point(null)} is
 * {@code col IS NULL}; to skip NULLs below a range ({@code col < 5} must not match NULL) use the
 * lower bound {@code (NULL)} exclusive, as {@link #lessThan} does. {@code col = x} never
 * matches NULL as long as x is not null: the planner must not build a point from a NULL of "=".
 *
 * <p>For DESC key parts the bounds are still in key order: the lower bound is the larger value.
 */
public record KeyRange(List<Object> lower, boolean lowerInclusive, List<Object> upper, boolean upperInclusive) {

    private static final KeyRange ALL = new KeyRange(null, true, null, true);

    /** Every entry, NULLs included. */
    public static KeyRange all() { return ALL; }

    /** Entries whose leading columns equal the values (a prefix of the index columns). */
    public static KeyRange point(Object... values) {
        List<Object> v = Arrays.asList(values.clone());
        return new KeyRange(v, true, v, true);
    }

    public static KeyRange point(List<Object> values) { return new KeyRange(values, true, values, true); }

    /** {@code col > v} or {@code col >= v} on the first column (NULLs excluded by ordering). */
    public static KeyRange greaterThan(Object v, boolean inclusive) {
        return new KeyRange(Arrays.asList(v), inclusive, null, true);
    }

    /** {@code col < v} or {@code col <= v} on the first column; NULLs excluded. */
    public static KeyRange lessThan(Object v, boolean inclusive) {
        return new KeyRange(Arrays.asList((Object) null), false, Arrays.asList(v), inclusive);
    }

    /** {@code col BETWEEN a AND b}. */
    public static KeyRange between(Object a, Object b) {
        return new KeyRange(Arrays.asList(a), true, Arrays.asList(b), true);
    }
}
