package dev.basalt.engine.lock;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.catalog.CatalogSnapshot;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.sql.ast.Flush;
import dev.basalt.sql.ast.LockTables;
import dev.basalt.sql.ast.QualifiedName;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** LOCK TABLES, UNLOCK TABLES and FLUSH TABLES ... WITH READ LOCK / FOR EXPORT. */
public final class TableLockStatements {
    private TableLockStatements() {}

    /**
     * Commits the open transaction, releases the session's earlier table locks and takes the new
     * ones together, waiting (lock_wait_timeout) while other sessions hold conflicting ones.
     */
    public static void lock(BasaltSession s, LockTables st) {
        List<TableLocks.Locked> wanted = new ArrayList<>();
        Set<String> aliases = new HashSet<>();
        CatalogSnapshot catalog = catalog(s);
        for (LockTables.TableLock t : st.locks()) {
            String alias = t.alias() != null ? t.alias() : t.table().name();
            TableLocks.Locked l = resolve(s, catalog, t.table(), alias, t.write());
            if (!aliases.add(TableLockGate.name(l.database(), "", alias))) throw ErrorCode.ER_NONUNIQ_TABLE.error(alias);
            // the session's TEMPORARY tables need no lock (other sessions cannot see them)
            if (catalog.temporaryTable(l.database(), l.table()).isEmpty()) wanted.add(l);
        }
        TableLocks locks = s.engine().tableLocks();
        long id = s.connectionId();
        if (locks.holdsGlobalReadLock(id) && wanted.stream().anyMatch(TableLocks.Locked::write)) {
            throw ErrorCode.ER_CANT_UPDATE_WITH_READLOCK.error();
        }
        s.transaction().implicitCommit();
        locks.releaseTables(id);
        locks.lockTables(id, wanted, TableLockGate.timeoutMillis(s), s::setProgress);
    }

    /** Releases the table locks (committing, when there were some) and the global read lock. */
    public static void unlock(BasaltSession s) {
        TableLocks locks = s.engine().tableLocks();
        if (locks.releaseTables(s.connectionId())) s.transaction().implicitCommit();
        locks.releaseAll(s.connectionId());
    }

    /**
     * FLUSH TABLES WITH READ LOCK takes the global read lock; FLUSH TABLES t, ... WITH READ LOCK
     * (and FOR EXPORT) read-locks those tables as LOCK TABLES ... READ does. Both are refused under
     * LOCK TABLES (1192). Other FLUSH forms have nothing to do.
     */
    public static void flush(BasaltSession s, Flush f) {
        if (!f.readLock()) return;
        TableLocks locks = s.engine().tableLocks();
        long id = s.connectionId();
        if (locks.held(id) != null) throw ErrorCode.ER_LOCK_OR_ACTIVE_TRANSACTION.error();
        if (f.tables().isEmpty()) {
            if (!locks.holdsGlobalReadLock(id)) locks.globalReadLock(id, TableLockGate.timeoutMillis(s), s::setProgress);
            return;
        }
        CatalogSnapshot catalog = catalog(s);
        List<TableLocks.Locked> wanted = new ArrayList<>();
        for (QualifiedName n : f.tables()) {
            TableLocks.Locked l = resolve(s, catalog, n, n.name(), false);
            if (!wanted.contains(l)) wanted.add(l);
        }
        locks.lockTables(id, wanted, TableLockGate.timeoutMillis(s), s::setProgress);
    }

    private static CatalogSnapshot catalog(BasaltSession s) {
        return s.engine().catalog().snapshot(s.currentTransaction()).forSession(s.connectionId());
    }

    /** The table or view named, as a lock; 1046 without a database, 1146 when it does not exist. */
    private static TableLocks.Locked resolve(BasaltSession s, CatalogSnapshot catalog, QualifiedName n, String alias, boolean write) {
        String db = n.schema() != null ? n.schema() : s.database();
        if (db == null) throw new SqlException(ErrorCode.ER_NO_DB);
        // a virtual database's tables live on its remote: their names are locked as given
        boolean remote = catalog.database(db).map(d -> d.isExternal()).orElse(false);
        if (!remote && catalog.table(db, n.name()).isEmpty() && catalog.view(db, n.name()).isEmpty()) {
            throw new SqlException(ErrorCode.ER_NO_SUCH_TABLE, db, n.name());
        }
        return new TableLocks.Locked(db, n.name(), alias, write);
    }
}
