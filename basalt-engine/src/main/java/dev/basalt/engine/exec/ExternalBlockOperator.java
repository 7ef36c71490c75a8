package dev.basalt.engine.exec;

import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.external.BlockQuery;
import dev.basalt.engine.external.ExternalDatabase;
import dev.basalt.engine.external.ExternalTransaction;
import dev.basalt.engine.external.RowSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A whole query block run by a remote server ({@link BlockQuery}). The parameter values (constants,
 * prepared-statement parameters, outer references of a correlated subquery) are evaluated at every
 * open(), so re-opening re-queries with fresh values. When the session has pinned a transaction on
 * one of the block's databases the block runs there (it then sees the transaction's own writes).
 */
public final class ExternalBlockOperator implements Operator {
    private final BlockQuery query;
    private final List<Expr> params;
    private final EvalContext ctx;
    private final Function<ExternalDatabase, ExternalTransaction> txn;
    /** The statement must read the remote's current data (see ExternalAccess.currentReads). */
    private final boolean current;
    private RowSource rows;

    /** @param txn the session's pinned transaction on a database, or null */
    public ExternalBlockOperator(BlockQuery query, List<Expr> params, EvalContext ctx,
                                 Function<ExternalDatabase, ExternalTransaction> txn) {
        this(query, params, ctx, txn, false);
    }

    public ExternalBlockOperator(BlockQuery query, List<Expr> params, EvalContext ctx,
                                 Function<ExternalDatabase, ExternalTransaction> txn, boolean current) {
        this.query = query;
        this.params = params;
        this.ctx = ctx;
        this.txn = txn;
        this.current = current;
    }

    @Override public void open() {
        close();
        List<Object> values = new ArrayList<>(params.size());
        for (Expr p : params) values.add(p.eval(ctx, null));
        ExternalDatabase db = query.from().getFirst().db();
        ExternalTransaction t = null;
        for (BlockQuery.Source s : query.from()) {
            t = txn.apply(s.db());
            if (t != null) {
                db = s.db();
                break;
            }
        }
        rows = db.query(query, values, t, current);
    }

    @Override public Object[] next() {
        Cancellation.check(); // between remote rows; while the remote sends nothing, KILL reaches it through OutsideWait
        return rows == null ? null : rows.next();
    }

    @Override public void close() {
        if (rows != null) {
            RowSource r = rows;
            rows = null;
            r.close();
        }
    }

    @Override public String explainLabel() { return "Remote query block"; }
}
