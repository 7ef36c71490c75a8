package dev.basalt.engine.lock;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.sql.ast.Statement;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Run before each statement: a session holding LOCK TABLES may use only the tables it locked, by
 * the names it locked them under, each once per statement (1100), and write only WRITE-locked ones
 * (1099); a session holding the global read lock may not change anything (1223). Any other session
 * waits while another holds a conflicting lock. Costs one volatile read while nobody holds a lock.
 */
public final class TableLockGate {
    private TableLockGate() {}

    /**
     * @param outermost false for statements inside stored programs and triggers: those only wait,
     *                  as MySQL locks what a routine uses together with the statement calling it
     */
    public static void before(BasaltSession s, Statement st, boolean outermost) {
        MetadataLockGate.before(s, st); // behind DDL waiting for a table the statement uses
        TableLocks locks = s.engine().tableLocks();
        if (!locks.active() || StatementTables.exempt(st)) return;
        long id = s.connectionId();
        List<TableLocks.Locked> mine = locks.held(id);
        boolean globalReadLock = locks.holdsGlobalReadLock(id);
        if (mine == null && !globalReadLock) {
            if (StatementTables.definitionOnly(st)) return;
            StatementTables.Uses uses = uses(s, st);
            locks.awaitAccess(id, uses.tables(), uses.changes(), timeoutMillis(s), s::setProgress);
            return;
        }
        if (!outermost) return;
        StatementTables.Uses uses = uses(s, st);
        if (globalReadLock && uses.changes()) throw ErrorCode.ER_CANT_UPDATE_WITH_READLOCK.error();
        if (mine != null) checkLocked(mine, uses.tables());
    }

    /** lock_wait_timeout in milliseconds. */
    static long timeoutMillis(BasaltSession s) {
        return Math.max(0, s.variables().getLong("lock_wait_timeout")) * 1000L;
    }

    private static StatementTables.Uses uses(BasaltSession s, Statement st) {
        var catalog = s.engine().catalog().snapshot(s.currentTransaction()).forSession(s.connectionId());
        return StatementTables.of(st, s.database(), catalog);
    }

    /** Every use must match a lock of its own (database, table, alias); writes need a WRITE lock. */
    private static void checkLocked(List<TableLocks.Locked> mine, List<TableUse> uses) {
        Map<String, TableLocks.Locked> byName = new HashMap<>();
        for (TableLocks.Locked l : mine) byName.put(name(l.database(), l.table(), l.alias()), l);
        Map<String, Integer> usedTimes = new HashMap<>();
        for (TableUse u : uses) {
            String k = name(u.database(), u.table(), u.alias());
            TableLocks.Locked l = byName.get(k);
            // one lock serves one reference: a second one needs a second lock under another alias
            if (l == null || usedTimes.merge(k, 1, Integer::sum) > 1) throw ErrorCode.ER_TABLE_NOT_LOCKED.error(u.alias());
            if (u.write() && !l.write()) throw ErrorCode.ER_TABLE_NOT_LOCKED_FOR_WRITE.error(u.alias());
        }
    }

    static String name(String db, String table, String alias) {
        return (db + "\0" + table + "\0" + alias).toLowerCase(Locale.ROOT);
    }
}
