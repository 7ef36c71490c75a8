package dev.basalt.engine;

import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.session.LogTableSink;
import dev.basalt.engine.time.SessionZone;
import dev.basalt.engine.txn.Transaction;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes log_output=TABLE entries as rows of mysql.general_log and mysql.slow_log
 * ({@link MysqlLogTables}), each in a transaction of its own straight at the table store: like
 * MySQL's log tables, the rows are written whatever the client's transaction does (a ROLLBACK
 * keeps them), and neither LOCK TABLES nor FLUSH TABLES WITH READ LOCK stops them. A row is
 * committed before the statement it logs goes on, so a client reads its own entries at once.
 */
final class LogTableWriter implements LogTableSink {

    private static final Logger LOG = Logger.getLogger(LogTableWriter.class.getName());
    /** TIME's range in MySQL: a longer query_time is shown as its maximum, as there. */
    private static final Duration MAX_TIME = Duration.ofHours(838).plusMinutes(59).plusSeconds(59);

    private final BasaltEngine engine;
    private volatile long lastWarningMillis;

    LogTableWriter(BasaltEngine engine) {
        this.engine = engine;
    }

    @Override
    public void general(Instant time, String userHost, long threadId, String command, String argument) {
        write("general_log", new Object[]{utc(time), userHost, threadId, serverId(), command, bytes(argument)});
    }

    @Override
    public void slow(Instant start, String userHost, long queryNanos, long lockNanos, long rowsSent, long rowsExamined,
                     String database, long lastInsertId, long threadId, String sqlText) {
        write("slow_log", new Object[]{utc(start), userHost, time(queryNanos), time(lockNanos), clampInt(rowsSent),
                clampInt(rowsExamined), database == null ? "" : database, clampInt(lastInsertId), 0L, serverId(),
                bytes(sqlText), threadId});
    }

    /** A TIME(6) column's value: microseconds, capped at TIME's largest. */
    private static Duration time(long nanos) {
        Duration d = Duration.ofNanos(nanos).truncatedTo(ChronoUnit.MICROS);
        return d.compareTo(MAX_TIME) > 0 ? MAX_TIME : d;
    }

    private void write(String table, Object[] row) {
        if (engine.store().readOnly()) return;
        // the values are UTC already: no conversion from the client session's time_zone
        var outerZone = SessionZone.enter(null);
        Transaction t = engine.transactions().begin();
        try {
            TableDef def = engine.catalog().snapshot(t).table("mysql", table).orElse(null);
            if (def == null) { // dropped by a user: MySQL, too, stops logging to it
                t.rollback();
                return;
            }
            engine.tables().store(def).insert(t, row);
            t.commit();
        } catch (RuntimeException e) {
            t.rollback();
            warn(table, e);
        } finally {
            SessionZone.restore(outerZone);
        }
    }

    /** A full disk or a broken table would otherwise warn once per statement: once a minute is enough. */
    private void warn(String table, RuntimeException e) {
        long now = System.currentTimeMillis();
        if (now - lastWarningMillis < 60_000) return;
        lastWarningMillis = now;
        LOG.log(Level.WARNING, "cannot write a row of mysql." + table + ": " + e.getMessage());
    }

    private long serverId() {
        return engine.variables().global("server_id") instanceof Number n ? n.longValue() : 1L;
    }

    private static LocalDateTime utc(Instant i) {
        return LocalDateTime.ofInstant(i.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static long clampInt(long v) { return Math.min(Math.max(v, 0), Integer.MAX_VALUE); }

    private static byte[] bytes(String s) { return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8); }
}
