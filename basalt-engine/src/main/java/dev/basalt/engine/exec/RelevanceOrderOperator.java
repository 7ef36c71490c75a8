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

    /** @param relevance the row's MATCH value (evaluated once per row, as it arrives) */
    public RelevanceOrderOperator(Operator child, ToDoubleFunction<Object[]> relevance) {
        this.child = child;
        this.relevance = relevance;
    }

    @Override public void open() {
        close();
        // each row is ranked as it arrives, right after the search's filter looked at it (MatchAgainst
        // keeps that row's words, so it is not tokenized again); the sort then compares the ranks of
        // the rows it buffered (arrays hash by identity; a row read back from a spilled run is ranked anew)
        Map<Object[], Double> ranks = new WeakHashMap<>();
        Operator source = child;
        Operator ranked = new Operator() {
            @Override public void open() { source.open(); }

            @Override public Object[] next() {
                Object[] row = source.next();
                if (row != null) ranks.put(row, relevance.applyAsDouble(row));
                return row;
            }

            @Override public void close() { source.close(); }
        };
        Comparator<Object[]> best = Comparator.comparingDouble(r -> -ranks.computeIfAbsent(r, relevance::applyAsDouble));
        sorted = new SortOperator(ranked, best, -1);
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
