package dev.basalt.engine.types;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The Java value of an ARRAY column or expression: a one-dimensional PostgreSQL array, lower bound
 * 1, whose elements (possibly NULL) are values of {@link #element()}. {@link #toString()} is
 * PostgreSQL's text form ({@code {1,2,NULL}}), which is also what the MySQL port shows.
 * Equality and order are PostgreSQL's: element by element (a NULL element sorts after any value),
 * then the shorter array first.
 */
public final class ArrayValue implements Comparable<ArrayValue> {
    private final ArrayElement element;
    private final List<Object> items;

    /** Elements are converted to {@code element}'s values (NULLs kept). */
    public ArrayValue(ArrayElement element, List<?> values) {
        this.element = element;
        List<Object> converted = new ArrayList<>(values.size());
        for (Object v : values) converted.add(element.convert(v));
        this.items = Collections.unmodifiableList(converted);
    }

    public ArrayElement element() { return element; }

    /** The elements in order, NULLs as Java null. */
    public List<Object> items() { return items; }

    public int size() { return items.size(); }

    /** The element at a 1-based subscript, or null outside 1..size (PostgreSQL's rule). */
    public Object get(long subscript) {
        return subscript >= 1 && subscript <= items.size() ? items.get((int) subscript - 1) : null;
    }

    /** The same elements as another element type ({@code ARRAY[1,2]::text[]}). */
    public ArrayValue as(ArrayElement other) {
        if (other == element) return this;
        List<Object> texts = new ArrayList<>(items.size());
        for (Object v : items) texts.add(v == null ? null : element.text(v));
        return new ArrayValue(other, texts);
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
        return Integer.compare(items.size(), other.items.size());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArrayValue a && compareTo(a) == 0;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (Object v : items) h = 31 * h + (v == null ? 0 : Objects.hashCode(Values.groupKey(v, element.elementType())));
        return h;
    }

    @Override
    public String toString() { return ArrayText.format(this); }
}
