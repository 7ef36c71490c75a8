package dev.basalt.engine.exec;

import dev.basalt.engine.external.ExternalDatabase;
import dev.basalt.engine.external.ExternalTransaction;
import dev.basalt.engine.external.RowSource;
import dev.basalt.engine.external.ScanRequest;

import java.util.function.Supplier;

/**
 * Reads an external table. The request (with pushed-down filters whose values may depend on an
 * outer row or parameters) is built at every open(), so re-opening re-queries with fresh values.
 */
public final class ExternalScanOperator implements Operator {
    private final ExternalDatabase db;
    private final Supplier<ScanRequest> request;
    private final Supplier<ExternalTransaction> txn;
    /** The statement must read the remote's current data (see ExternalAccess.currentReads). */
    private final boolean current;
    private RowSource rows;

    public ExternalScanOperator(ExternalDatabase db, Supplier<ScanRequest> request, Supplier<ExternalTransaction> txn) {
        this(db, request, txn, false);
    }

    public ExternalScanOperator(ExternalDatabase db, Supplier<ScanRequest> request, Supplier<ExternalTransaction> txn,
                                boolean current) {
        this.db = db;
        this.request = request;
        this.txn = txn;
        this.current = current;
    }

    @Override public void open() {
        close();
        rows = db.scan(request.get(), txn.get(), current);
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

    @Override public String explainLabel() { return "Remote table scan"; }
}
