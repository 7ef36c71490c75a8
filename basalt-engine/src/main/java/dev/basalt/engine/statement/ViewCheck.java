package dev.basalt.engine.statement;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.plan.ExprBinder;
import dev.basalt.engine.plan.FromColumns;
import dev.basalt.engine.plan.QueryPlanner;
import dev.basalt.engine.plan.Scope;
import dev.basalt.engine.session.BasaltSession;

/**
 * WITH CHECK OPTION of a view written through: a row the view would not show is refused with 1369
 * (a warning and a skipped row under IGNORE, as in MySQL).
 */
final class ViewCheck {
    private final Expr condition;
    private final String viewDb, viewName;
    private final BasaltSession session;

    private ViewCheck(Expr condition, String viewDb, String viewName, BasaltSession session) {
        this.condition = condition;
        this.viewDb = viewDb;
        this.viewName = viewName;
        this.session = session;
    }

    /** The check for a rewritten statement, bound over the base table's rows; null when there is none. */
    static ViewCheck of(ViewWrites.Rewritten<?> view, QueryPlanner planner, BasaltSession s, TableDef def, Scope scope) {
        if (view == null || view.check() == null) return null;
        Scope rows = scope != null ? scope : new Scope(FromColumns.of(def, view.qualifier()), null);
        Expr bound = new ExprBinder(rows, planner, s.database(), "where clause").bind(view.check());
        return new ViewCheck(bound, view.viewDb(), view.viewName(), s);
    }

    /** True when the row may be written; false when IGNORE skips it. */
    boolean passes(EvalContext ctx, Object[] row, boolean ignore) {
        if (condition.test(ctx, row)) return true;
        if (!ignore) throw ErrorCode.ER_VIEW_CHECK_FAILED.error(viewDb, viewName);
        session.warn(EvalContext.Level.WARNING, ErrorCode.ER_VIEW_CHECK_FAILED.code(),
                ErrorCode.ER_VIEW_CHECK_FAILED.format(viewDb, viewName));
        return false;
    }
}
