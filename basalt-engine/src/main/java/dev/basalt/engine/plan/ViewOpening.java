package dev.basalt.engine.plan;

import dev.basalt.engine.catalog.ViewDef;
import dev.basalt.sql.ast.Query;

import java.util.function.Function;

/**
 * What happens when a statement opens a view, before the view's query is planned: the engine's
 * security layer checks the view's definer account and binds CURRENT_USER() inside the view to
 * the account the view runs as (MySQL's view security context). The planner knows no accounts,
 * so the session puts its implementation into {@link QueryContext#statementState()}.
 */
public interface ViewOpening {
    /** The statement-state key the session's implementation is stored under. */
    String STATE_KEY = "view.opening";

    /** Plans {@code query}, the text of {@code view}, in the view's security context. */
    <T> T plan(ViewDef view, Query query, Function<Query, T> planner);

    /** No security context (tests, internal statements): the view's query as written. */
    ViewOpening NONE = new ViewOpening() {
        @Override
        public <T> T plan(ViewDef view, Query query, Function<Query, T> planner) { return planner.apply(query); }
    };

    /** The opening the statement planned by {@code qc} uses. */
    static ViewOpening of(QueryContext qc) {
        return qc.statementState() != null && qc.statementState().get(STATE_KEY) instanceof ViewOpening v ? v : NONE;
    }
}
