package dev.basalt.engine.plan;

import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.exec.FilterOperator;
import dev.basalt.engine.exec.RowKeyScanOperator;
import dev.basalt.engine.exec.Operator;
import dev.basalt.engine.exec.RelevanceOrderOperator;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.fulltext.FulltextIndex;
import dev.basalt.engine.fulltext.MatchAgainst;

import java.util.List;

/**
 * MySQL's fulltext access: a MATCH ... AGAINST conjunct in WHERE reads its table through the
 * FULLTEXT index, so only the rows holding the search words are read (EXPLAIN type fulltext, key
 * the index, ref const, rows 1 as MySQL shows them). The MATCH still filters every row read, so
 * results are those of a scan; they come highest relevance first, as InnoDB returns them.
 */
final class FulltextAccess {
    private FulltextAccess() {}

    /**
     * The MATCH conjunct that can read {@code table} through its index, or null: not for a locking
     * read (it locks the rows a scan examines).
     */
    static MatchAgainst find(TableDef table, List<Expr> conjuncts, boolean lockRows) {
        if (lockRows) return null;
        for (Expr c : conjuncts) {
            if (c instanceof MatchAgainst m && m.index() != null && m.index().tableId() == table.tableId()) return m;
        }
        return null;
    }

    /**
     * Set in the statement state while a query block's joins are planned when the block's result
     * order does not come from its rows' order: it has an ORDER BY, or aggregates without GROUP BY
     * (one row). MySQL then asks InnoDB for no ranked order (its "no_ranking" full-text hint for
     * COUNT(*), a filesort for ORDER BY), so neither does Basalt: no ranking and sorting of every
     * row read before the block's own ORDER BY or aggregation.
     */
    static final String ORDER_FREE = "fulltext: block result order free";

    /** Whether a block's result order follows its rows' order (see {@link #ORDER_FREE}). */
    static boolean orderFree(dev.basalt.sql.ast.Select s) {
        if (s.orderBy() != null && !s.orderBy().isEmpty()) return true;
        if (!s.groupBy().isEmpty()) return false; // groups come out in the order their rows are met
        for (dev.basalt.sql.ast.SelectItem item : s.items()) {
            if (item instanceof dev.basalt.sql.ast.SelectExpr se && Grouper.containsAggregate(se.expression())) return true;
        }
        return false;
    }

    /** The table read through the MATCH's index, filtered by every conjunct. */
    static Operator build(Relations.Native rel, List<Expr> conjuncts, MatchAgainst match, String alias) {
        FulltextIndex index = match.index();
        rel.explain().add(new ExplainRow(alias, "fulltext", index.name(), "Using where", null, index.name(), "0", "const",
                () -> 1));
        Operator scan = new RowKeyScanOperator(rel.store(), rel.txn(), () -> match.candidates(rel.ctx()),
                "Full-text index search on " + alias + " using " + index.name());
        Operator filtered = new FilterOperator(scan, ExprUtil.and(conjuncts), rel.ctx());
        if (Boolean.TRUE.equals(match.statementState().get(ORDER_FREE))) return filtered;
        return new RelevanceOrderOperator(filtered, row -> ((Number) match.eval(rel.ctx(), row)).doubleValue());
    }
}
