package dev.basalt.engine.lock;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.catalog.CatalogSnapshot;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.sql.ast.AlterTable;
import dev.basalt.sql.ast.CreateIndex;
import dev.basalt.sql.ast.DropIndex;
import dev.basalt.sql.ast.DropTable;
import dev.basalt.sql.ast.QualifiedName;
import dev.basalt.sql.ast.RenameTable;
import dev.basalt.sql.ast.Statement;
import dev.basalt.sql.ast.TruncateTable;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The statement side of {@link TransactionMetadataLocks}: DDL that changes or removes a table takes
 * its exclusive metadata lock for the statement ({@link #exclusively}), and while some DDL holds or
 * waits for one, other statements wait before opening its table ({@link #before}).
 */
public final class MetadataLockGate {
    private MetadataLockGate() {}

    /**
     * Before a statement: waits while another session's DDL holds or waits for a table it uses
     * (one volatile read when no DDL does). A wait that would deadlock fails with 1213 and rolls the
     * session's transaction back, as MySQL's victim of a metadata-lock deadlock.
     */
    static void before(BasaltSession s, Statement st) {
        TransactionMetadataLocks locks = s.engine().tables().metadataLocks();
        if (!locks.ddlActive() || StatementTables.exempt(st)) return;
        CatalogSnapshot catalog = catalog(s);
        List<TransactionMetadataLocks.Table> used = new ArrayList<>();
        for (TableUse u : StatementTables.of(st, s.database(), catalog).tables()) {
            catalog.table(u.database(), u.table()).map(d -> locks.find(d.tableId())).ifPresent(used::add);
        }
        if (used.isEmpty()) return;
        TableUseRecorder.Uses mine = TableUseRecorder.of(s.currentTransaction());
        try {
            locks.awaitStatement(s.connectionId(), used, t -> mine != null && mine.holds(t), TableLockGate.timeoutMillis(s),
                    s::setProgress);
        } catch (SqlException e) {
            if (e.errorCode() == ErrorCode.ER_LOCK_DEADLOCK.code()) s.transaction().rollback();
            throw e;
        }
    }

    /**
     * Runs DDL (after its implicit commit) holding the exclusive metadata locks of the tables it
     * alters, drops, truncates, renames or indexes: it first waits until no other session's
     * transaction uses them (1205 after {@code lock_wait_timeout}).
     */
    public static <T> T exclusively(BasaltSession s, Statement st, Supplier<T> ddl) {
        List<TransactionMetadataLocks.Table> tables = ddlTables(s, st);
        if (tables.isEmpty()) return ddl.get();
        TransactionMetadataLocks locks = s.engine().tables().metadataLocks();
        locks.acquireExclusive(s.connectionId(), tables, TableLockGate.timeoutMillis(s), s::setProgress);
        try {
            return ddl.get();
        } finally {
            locks.releaseExclusive(s.connectionId(), tables);
        }
    }

    /** The existing tables whose definition or data the DDL replaces. */
    private static List<TransactionMetadataLocks.Table> ddlTables(BasaltSession s, Statement st) {
        List<QualifiedName> names = switch (st) {
            case AlterTable t -> List.of(t.name());
            case DropTable t -> t.temporary() ? List.of() : t.names();
            case TruncateTable t -> List.of(t.name());
            case RenameTable r -> r.renames().stream().map(RenameTable.Pair::from).toList();
            case CreateIndex t -> List.of(t.table());
            case DropIndex t -> List.of(t.table());
            default -> List.of();
        };
        if (names.isEmpty()) return List.of();
        TransactionMetadataLocks locks = s.engine().tables().metadataLocks();
        CatalogSnapshot catalog = catalog(s);
        List<TransactionMetadataLocks.Table> out = new ArrayList<>(names.size());
        for (QualifiedName n : names) {
            String db = n.schema() != null ? n.schema() : s.database();
            if (db == null) continue; // the DDL itself reports 1046
            catalog.table(db, n.name()).ifPresent(d -> out.add(locks.table(d.tableId(), d.database(), d.name())));
        }
        return out;
    }

    private static CatalogSnapshot catalog(BasaltSession s) {
        return s.engine().catalog().snapshot(s.currentTransaction()).forSession(s.connectionId());
    }
}
