package dev.basalt.remote.binlog;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import dev.basalt.remote.cache.StatementAnalysis;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Turns binlog events into invalidations. Row events name their table through the table map event
 * before them; query events (DDL, and DML when the remote logs statements) are analysed like
 * statements sent through Basalt. Any event that may change data and cannot be attributed
 * invalidates everything: an unknown event type is never ignored.
 */
final class BinlogEvents {
    /** Rows events of every version: their first six bytes are the table id. */
    static final Set<EventType> ROWS = EnumSet.of(EventType.PRE_GA_WRITE_ROWS, EventType.PRE_GA_UPDATE_ROWS,
            EventType.PRE_GA_DELETE_ROWS, EventType.WRITE_ROWS, EventType.UPDATE_ROWS, EventType.DELETE_ROWS,
            EventType.EXT_WRITE_ROWS, EventType.EXT_UPDATE_ROWS, EventType.EXT_DELETE_ROWS,
            EventType.PARTIAL_UPDATE_ROWS_EVENT);
    /** Events that change no data by themselves (positions, transaction boundaries, annotations, heartbeats). */
    private static final Set<EventType> HARMLESS = EnumSet.of(EventType.HEARTBEAT,
            EventType.FORMAT_DESCRIPTION, EventType.XID, EventType.GTID, EventType.ANONYMOUS_GTID,
            EventType.PREVIOUS_GTIDS, EventType.MARIADB_GTID, EventType.MARIADB_GTID_LIST,
            EventType.BINLOG_CHECKPOINT, EventType.ANNOTATE_ROWS, EventType.ROWS_QUERY, EventType.STOP,
            EventType.INTVAR, EventType.RAND, EventType.USER_VAR, EventType.IGNORABLE,
            EventType.TRANSACTION_CONTEXT, EventType.VIEW_CHANGE, EventType.XA_PREPARE);
    /** Query events that only delimit transactions (their rows came, or come, as events of their own). */
    private static final Pattern TRANSACTION_CONTROL = Pattern.compile(
            "^\\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE\\s+SAVEPOINT|XA\\s+(START|BEGIN|END|PREPARE))\\b",
            Pattern.CASE_INSENSITIVE);
    /**
     * XA COMMIT / ROLLBACK of a transaction prepared earlier: its rows were logged (and bumped) at
     * PREPARE, but become visible only now, so results read in between must go too.
     */
    private static final Pattern XA_END = Pattern.compile("^\\s*XA\\s+(COMMIT|ROLLBACK)\\b", Pattern.CASE_INSENSITIVE);

    private final Invalidation target;
    /** Table ids to table keys, for the current binlog file (the server numbers table definitions it opens from one rising counter). */
    private final Map<Long, String> tables = new ConcurrentHashMap<>();

    BinlogEvents(Invalidation target) { this.target = target; }

    /** Applies one event; returns whether it invalidated something. */
    boolean apply(Event event) {
        EventType type = event.getHeader().getEventType();
        if (type == EventType.ROTATE) {
            // a transaction never spans binlog files, so the maps its rows need come after this:
            // forgetting the old ones bounds the map (every ALTER or reopen of a table takes a new id)
            tables.clear();
            return false;
        }
        if (type == EventType.TABLE_MAP) {
            TableMapEventData m = event.getData();
            tables.put(m.getTableId(), StatementAnalysis.key(m.getDatabase(), m.getTable()));
            return false;
        }
        if (ROWS.contains(type) && event.getData() instanceof RowsTableId rows) {
            String key = tables.get(rows.tableId());
            if (key == null) target.all(); // resumed in the middle of a transaction: its map came before
            else target.tables(Set.of(key));
            return true;
        }
        if (type == EventType.QUERY && event.getData() instanceof QueryEventData q) return query(q);
        if (HARMLESS.contains(type)) return false;
        target.all(); // TRANSACTION_PAYLOAD (compressed), LOAD, INCIDENT, UNKNOWN...: effects unknown here
        return true;
    }

    private boolean query(QueryEventData q) {
        String sql = q.getSql();
        if (XA_END.matcher(sql).find()) {
            target.all();
            return true;
        }
        if (TRANSACTION_CONTROL.matcher(sql).find()) return false;
        String db = q.getDatabase() == null || q.getDatabase().isEmpty() ? null : q.getDatabase();
        StatementAnalysis a = StatementAnalysis.of(sql, db);
        if (a.ddl() || a.writesAll()) target.schemaChanged();
        if (a.writesAll()) target.all();
        else if (!a.writes().isEmpty()) target.tables(a.writes());
        else return false;
        return true;
    }
}
