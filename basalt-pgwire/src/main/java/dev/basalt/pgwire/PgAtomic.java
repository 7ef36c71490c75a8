package dev.basalt.pgwire;

import dev.basalt.engine.api.ColumnInfo;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SqlException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Several statements that answer one PostgreSQL statement (a write and the reads RETURNING needs)
 * run as one unit: in a transaction of their own, or under a savepoint inside the client's
 * transaction, so a failure part-way leaves nothing behind.
 */
final class PgAtomic {
    private static final String SAVEPOINT = "basalt_returning";

    private PgAtomic() {}

    /** The rows a RETURNING statement answers and its command tag. */
    record Returned(List<ColumnInfo> columns, List<Object[]> rows, String tag) {}

    static <T> T run(Session session, Supplier<T> body) {
        boolean own = !session.inTransaction();
        PgSettings.run(session, own ? "START TRANSACTION" : "SAVEPOINT " + SAVEPOINT);
        try {
            T result = body.get();
            PgSettings.run(session, own ? "COMMIT" : "RELEASE SAVEPOINT " + SAVEPOINT);
            return result;
        } catch (RuntimeException e) {
            try {
                PgSettings.run(session, own ? "ROLLBACK" : "ROLLBACK TO SAVEPOINT " + SAVEPOINT);
            } catch (SqlException ignored) {
                // the original error is the one to report
            }
            throw e;
        }
    }
}
