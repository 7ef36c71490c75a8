package dev.basalt.pgwire;

import dev.basalt.engine.api.ColumnInfo;
import dev.basalt.engine.api.PreparedStatementHandle;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.Session;
import java.util.ArrayList;
import java.util.List;

/**
 * INSERT ... RETURNING on a table without a serial column (a uuid key with DEFAULT
 * gen_random_uuid(), a natural key): the engine records the primary keys of the rows the INSERT
 * makes ({@link Session#recordInsertedKeys}), and the rows are read back by key, in insertion
 * order, inside a transaction or savepoint so a failure leaves nothing behind. A table without a
 * primary key gets 0A000 and no change.
 */
final class PgKeyReturning {
    private PgKeyReturning() {}

    static void run(Session session, PreparedStatementHandle handle, dev.basalt.sql.postgres.PgDialect.Returning r,
                    Object[] parameters, PgConnection.Portal p) {
        if (r.columns().contains("?")) throw new PgException("0A000", "parameters in a RETURNING list are not supported");
        List<String> key;
        try {
            key = PgWriteReturning.primaryKey(session, r.table());
        } catch (PgException e) {
            throw new PgException("0A000", "INSERT ... RETURNING needs a primary key or a serial column in " + r.table());
        }
        String[] parts = r.table().strip().split("\\.");
        String table = PgWriteReturning.unquote(parts[parts.length - 1].strip());
        String database = parts.length > 1 ? PgWriteReturning.unquote(parts[0].strip()) : session.database();
        String byKey = String.join(" AND ", key.stream().map(k -> PgWriteReturning.quote(k) + " = ?").toList());
        PgAtomic.Returned returned = PgAtomic.run(session, () -> {
            Result inserted;
            List<Object[]> keys;
            session.recordInsertedKeys(database, table);
            try {
                inserted = PgReturning.first(handle != null ? session.executePrepared(handle, parameters)
                        : session.execute(r.statement(), false));
                keys = session.insertedKeys();
            } finally {
                session.recordInsertedKeys(null, null);
            }
            if (!(inserted instanceof Result.Update u)) throw new PgException("0A000", "RETURNING is only supported on INSERT");
            String read = "SELECT " + r.columns() + " FROM " + r.table() + " WHERE " + byKey;
            List<Object[]> rows = new ArrayList<>();
            List<ColumnInfo> columns = null;
            for (Object[] k : keys) {
                PgWriteReturning.Rows one = PgWriteReturning.query(session, read, k);
                columns = one.columns();
                rows.addAll(one.rows());
            }
            if (columns == null) {
                columns = PgWriteReturning.query(session, "SELECT " + r.columns() + " FROM " + r.table() + " WHERE FALSE",
                        new Object[0]).columns();
            }
            return new PgAtomic.Returned(columns, rows, "INSERT 0 " + u.affectedRows());
        });
        p.buffered(returned.columns(), returned.rows(), returned.tag());
    }
}
