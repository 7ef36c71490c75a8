package dev.basalt.engine.plan.stats;

import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.expr.ColumnRef;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * EXPLAIN's filtered column: the percentage of the rows an access reads that its remaining
 * conditions keep. Conditions on the columns the index lookup already bound are not counted
 * again; the rest are estimated from histograms, or by MySQL's default guesses.
 */
public final class Filtered {
    private Filtered() {}

    public static double percent(TableEstimates est, TableDef table, IndexDef index, int usedParts, List<Expr> conjuncts,
                                 EvalContext ctx) {
        Set<Integer> bound = new HashSet<>();
        if (index != null) for (int i = 0; i < usedParts && i < index.parts().size(); i++) bound.add(index.parts().get(i).column());
        List<Expr> rest = new ArrayList<>();
        for (Expr c : conjuncts) if (!onBoundColumn(c, bound)) rest.add(c);
        return 100 * est.selectivity(rest, ctx);
    }

    /** Whether the conjunct compares only one of the index's bound columns (the lookup applied it). */
    private static boolean onBoundColumn(Expr c, Set<Integer> bound) {
        if (bound.isEmpty()) return false;
        List<Expr> children = c.children();
        for (Expr ch : children) if (ch instanceof ColumnRef col && bound.contains(col.index())) return true;
        return false;
    }
}
