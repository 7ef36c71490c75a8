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

    /** The table read through the MATCH's index, filtered by every conjunct. */
    static Operator build(Relations.Native rel, List<Expr> conjuncts, MatchAgainst match, String alias) {
        FulltextIndex index = match.index();
        rel.explain().add(new ExplainRow(alias, "fulltext", index.name(), "Using where", null, index.name(), "0", "const",
                () -> 1));
        Operator scan = new RowKeyScanOperator(rel.store(), rel.txn(), () -> match.candidates(rel.ctx()),
                "Full-text index search on " + alias + " using " + index.name());
        Operator filtered = new FilterOperator(scan, ExprUtil.and(conjuncts), rel.ctx());
        return new RelevanceOrderOperator(filtered, row -> ((Number) match.eval(rel.ctx(), row)).doubleValue());
    }
}
