package dev.basalt.engine.exec;

import dev.basalt.engine.table.KeyRange;

import java.util.List;
import java.util.function.Supplier;

/**
 * Index ranges bound by an outer row (the inner side of a nested loop, a correlated subquery):
 * computed per open() by {@code ranges}; EXPLAIN shows {@code text} ({@code id=u.t_id}) instead
 * of the values of whichever outer row came last.
 */
public record CorrelatedRanges(Supplier<List<KeyRange>> ranges, String text) implements Supplier<List<KeyRange>> {
    @Override public List<KeyRange> get() { return ranges.get(); }
}
