package dev.basalt.engine.statement;

import dev.basalt.engine.api.ColumnInfo;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.RowCursor;
import dev.basalt.engine.exec.Operator;
import dev.basalt.engine.plan.QueryPlanner;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.session.SessionTransaction;
import dev.basalt.engine.txn.Transaction;
import dev.basalt.sql.ast.Locking;
import dev.basalt.sql.ast.Query;
import dev.basalt.sql.ast.Select;

import java.util.List;

/**
 * Runs a query and streams its rows. In autocommit mode the query has a read transaction of its
 * own, ended when the cursor is drained or closed.
 */
final class SelectStatement {
    private SelectStatement() {}

    static Result run(BasaltSession s, StatementRunner runner, Query q) {
        SessionTransaction st = s.transaction();
        boolean single = st.nextStatementIsSingle();
        Transaction t0 = single ? null : st.forStatement(); // fixes the isolation level before it is asked
        // SERIALIZABLE: a plain SELECT in a transaction reads as FOR SHARE (InnoDB's rule)
        boolean lock = q instanceof Select sel && sel.locking() != null || t0 != null && st.plainReadsLock(false);
        Transaction t = st.forStatement();
        if (lock) {
            // FOR UPDATE takes exclusive row locks; FOR SHARE and SERIALIZABLE reads shared ones
            Locking l = q instanceof Select sel ? sel.locking() : null;
            t.setReadLockMode(l != null && l.strength() == Locking.Strength.UPDATE,
                    l == null ? Transaction.LockWait.WAIT : Transaction.LockWait.valueOf(l.waitPolicy().name()));
        }
        Operator root = null;
        PlanReuse.Planned plan = null;
        try {
            // a prepared SELECT may run the plan it kept from an earlier execution
            plan = PlanReuse.plan(s, runner, q, t, lock);
            root = plan.root();
            root.open();
        } catch (RuntimeException e) {
            if (plan != null) plan.release().run();
            // a half-opened tree may hold resources (an external scan's borrowed connection)
            if (root != null) {
                try {
                    root.close();
                } catch (RuntimeException ignored) {
                    // the open failure is the error to report
                }
            }
            if (single) st.rollbackQuietly();
            throw e;
        }
        Operator op = root;
        QueryPlanner planned = plan.planner();
        List<ColumnInfo> columns = plan.columns();
        Runnable release = plan.release();
        return new Result.Rows() {
            @Override public List<ColumnInfo> columns() { return columns; }

            @Override public RowCursor cursor() {
                return new RowCursor() {
                    long count;
                    boolean done;

                    @Override public Object[] next() {
                        if (done) return null;
                        Object[] r;
                        try {
                            r = op.next();
                        } catch (RuntimeException e) {
                            finish(false);
                            throw e;
                        }
                        if (r == null) {
                            finish(true);
                            return null;
                        }
                        count++;
                        return r;
                    }

                    @Override public void close() { finish(true); }

                    private void finish(boolean ok) {
                        if (done) return;
                        done = true;
                        try {
                            op.close();
                        } finally {
                            release.run();
                            long withoutLimit = planned.rowsWithoutLimit();
                            s.setFoundRows(withoutLimit >= 0 ? withoutLimit : count);
                            if (single) {
                                if (ok) st.finishSingle(t);
                                else st.rollbackQuietly();
                            }
                        }
                    }
                };
            }
        };
    }
}
