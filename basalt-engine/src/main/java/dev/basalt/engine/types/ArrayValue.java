package dev.basalt.engine.types;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The Java value of an ARRAY column or expression: a PostgreSQL array whose elements (possibly
 * NULL) are values of {@link #element()}. Each dimension has a lower bound ({@link #lower()}): 1
 * unless the array was written with explicit bounds ({@code [0:2]={1,2,3}}), which subscripts
 * count from. A multi-dimensional array
 * ({@code {{1,2},{3,4}}}) keeps its elements flat in row-major order beside its dimensions
 * ({@link #dims()}: {@code [2, 2]}); an empty array has no dimension. {@link #toString()} is
 * PostgreSQL's text form ({@code {1,2,NULL}}), which is also what the MySQL port shows.
 * Equality and order are PostgreSQL's: element by element (a NULL element sorts after any value),
 * then the array with fewer elements first, then by dimensions, then by lower bounds.
 */
public final class ArrayValue implements Comparable<ArrayValue> {
    private final ArrayElement element;
    private final List<Object> items;
    private final int[] dims;
    private final int[] lower;

    /** A one-dimensional array; elements are converted to {@code element}'s values (NULLs kept). */
    public ArrayValue(ArrayElement element, List<?> values) {
        this(element, values, values.isEmpty() ? new int[0] : new int[] {values.size()});
    }

    /** An array of the given dimensions over its elements in row-major order. */
    public ArrayValue(ArrayElement element, List<?> values, int[] dims) {
        this(element, values, dims, null);
    }

    /** An array of the given dimensions and lower bounds (null: every one 1) over its elements in row-major order. */
    public ArrayValue(ArrayElement element, List<?> values, int[] dims, int[] lower) {
        if (lower != null && lower.length != dims.length) throw new IllegalArgumentException("a lower bound per dimension");
        long product = dims.length == 0 ? 0 : 1;
        for (int d : dims) product *= d;
        if (product != values.size()) throw new IllegalArgumentException("dimensions do not match the elements");
        this.element = element;
        List<Object> converted = new ArrayList<>(values.size());
        for (Object v : values) converted.add(element.convert(v));
        this.items = Collections.unmodifiableList(converted);
        this.dims = dims.clone();
        int[] lo = new int[dims.length];
        java.util.Arrays.fill(lo, 1);
        if (lower != null) System.arraycopy(lower, 0, lo, 0, lo.length);
        this.lower = lo;
    }

    public ArrayElement element() { return element; }

    /** The elements in order (row-major), NULLs as Java null. */
    public List<Object> items() { return items; }

    public int size() { return items.size(); }

    /** The length of each dimension; none for an empty array. */
    public int[] dims() { return dims.clone(); }

    public int ndims() { return dims.length; }

    /** The lower bound of each dimension (1 unless written otherwise: {@code [0:2]={...}}). */
    public int[] lower() { return lower.clone(); }

    /** Whether some dimension's lower bound is not 1: its text form then starts with the bounds. */
    public boolean hasExplicitBounds() {
        for (int l : lower) if (l != 1) return true;
        return false;
    }

    /** More than one dimension: functions that only know a list of elements refuse it. */
    public boolean isMultiDimensional() { return dims.length > 1; }

    /**
     * The element at a subscript (1-based unless the bounds say otherwise), or null outside the
     * bounds (PostgreSQL's rule); also null for
     * a multi-dimensional array, which one subscript does not reach an element of, as in PostgreSQL.
     */
    public Object get(long subscript) {
        return get(new long[] {subscript});
    }

    /**
     * The element at one subscript per dimension (counted from that dimension's lower bound); null
     * when any is out of range or their number differs.
     */
    public Object get(long[] subscripts) {
        if (subscripts.length != dims.length) return null;
        long flat = 0;
        for (int i = 0; i < dims.length; i++) {
            long at = subscripts[i] - lower[i];
            if (at < 0 || at >= dims[i]) return null;
            flat = flat * dims[i] + at;
        }
        return items.get((int) flat);
    }

    /** The same elements as another element type ({@code ARRAY[1,2]::text[]}). */
    public ArrayValue as(ArrayElement other) {
        if (other == element) return this;
        List<Object> texts = new ArrayList<>(items.size());
        for (Object v : items) texts.add(v == null ? null : element.text(v));
        return new ArrayValue(other, texts, dims, lower);
    }

    @Override
    public int compareTo(ArrayValue o) {
        ArrayValue other = o.element == element ? o : o.as(element);
        int n = Math.min(items.size(), other.items.size());
        for (int i = 0; i < n; i++) {
            Object a = items.get(i), b = other.items.get(i);
            if (a == null || b == null) {
                if (a != b) return a == null ? 1 : -1;
                continue;
            }
            int r = element.compare(a, b);
            if (r != 0) return r;
        }
        int r = Integer.compare(items.size(), other.items.size());
        if (r != 0) return r;
        // the same elements in another shape ({1,2,3,4} and {{1,2},{3,4}}) are not equal
        r = Integer.compare(dims.length, other.dims.length);
        if (r == 0) r = java.util.Arrays.compare(dims, other.dims);
        // '[0:2]={1,2,3}' and '{1,2,3}' differ too (PostgreSQL's array_cmp)
        return r != 0 ? r : java.util.Arrays.compare(lower, other.lower);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArrayValue a && compareTo(a) == 0;
    }

    @Override
    public int hashCode() {
        int h = 31 * java.util.Arrays.hashCode(dims) + java.util.Arrays.hashCode(lower);
        for (Object v : items) h = 31 * h + (v == null ? 0 : Objects.hashCode(Values.groupKey(v, element.elementType())));
        return h;
    }

    @Override
    public String toString() { return ArrayText.format(this); }
}
