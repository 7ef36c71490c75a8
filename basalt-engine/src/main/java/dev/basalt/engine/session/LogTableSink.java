package dev.basalt.engine.session;

import java.time.Instant;

/**
 * Where {@link QueryLogs} writes its entries when log_output includes TABLE: rows of
 * mysql.general_log and mysql.slow_log. A failure to write is the sink's to report; it never
 * fails the client's statement (MySQL, too, carries on when a log table cannot be written).
 */
public interface LogTableSink {

    void general(Instant time, String userHost, long threadId, String command, String argument);

    /** {@code lockNanos}: the statement's lock waits (lock_time). */
    void slow(Instant start, String userHost, long queryNanos, long lockNanos, long rowsSent, long rowsExamined,
              String database, long lastInsertId, long threadId, String sqlText);
}
