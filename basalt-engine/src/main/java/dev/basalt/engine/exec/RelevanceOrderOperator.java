package dev.basalt.engine.exec;

import java.util.Comparator;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The rows of a full-text index search in InnoDB's order: highest relevance first, ties in the
 * order read (primary key order here; InnoDB's hidden document id, which follows insertion). MySQL
 * returns a MATCH in WHERE this way without ORDER BY, and applications rely on it ("best matches
 * first, LIMIT 10"). Not a step of MySQL's EXPLAIN: the search itself is shown.
 */
public final class RelevanceOrderOperator implements Operator {
    private Operator child; // not final: EXPLAIN ANALYZE wraps it (wrapInputs)
    private final ToDoubleFunction<Object[]> relevance;
    private SortOperator sorted;

    /** @param relevance the row's MATCH value (evaluated once per row: tokenizing a row is not free) */
    public RelevanceOrderOperator(Operator child, ToDoubleFunction<Object[]> relevance) {
        this.child = child;
        this.relevance = relevance;
    }

    @Override public void open() {
        close();
        // the sort compares the rows it buffered (arrays compare by identity): each is ranked once
        Map<Object[], Double> ranks = new WeakHashMap<>();
        Comparator<Object[]> best = Comparator.comparingDouble(r -> -ranks.computeIfAbsent(r, relevance::applyAsDouble));
        sorted = new SortOperator(child, best, -1);
        sorted.open();
    }

    @Override public Object[] next() { return sorted == null ? null : sorted.next(); }

    @Override public void close() {
        if (sorted != null) sorted.close();
        sorted = null;
    }

    @Override public String explainLabel() { return null; }

    @Override public java.util.List<Operator> inputs() { return java.util.List.of(child); }

    @Override public void wrapInputs(java.util.function.UnaryOperator<Operator> wrap) { child = wrap.apply(child); }
}
