package dev.basalt.engine.session;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The slow query log and the general query log, written as MySQL writes its log files so that
 * mysqldumpslow, pt-query-digest and people used to them read ours, and, with log_output=TABLE,
 * as rows of mysql.slow_log and mysql.general_log (through a {@link LogTableSink}).
 *
 * <p>Driven by the globals slow_query_log, slow_query_log_file, long_query_time (session scope
 * too), log_queries_not_using_indexes, min_examined_row_limit (session scope too), general_log,
 * general_log_file and log_output. The on/off state is cached in volatile flags refreshed
 * when one of those globals changes, so a statement costs one flag read when both logs are off
 * and one {@link System#nanoTime} pair when the slow log is on.
 *
 * <p>Slow-log entries carry the classic {@code # Time: yymmdd hh:mm:ss} line (MySQL 5.6 and
 * MariaDB; MySQL 8 writes an ISO time that the mysqldumpslow shipped with MariaDB cannot read)
 * and MariaDB's {@code # Rows_affected:} line, which that script needs and others skip.
 */
public final class QueryLogs {

    /** What {@link #begin} returns when the slow log is off: the statement is not timed. */
    public static final long NOT_TIMED = Long.MIN_VALUE;

    private static final Logger LOG = Logger.getLogger(QueryLogs.class.getName());
    private static final DateTimeFormatter SLOW_TIME =
            DateTimeFormatter.ofPattern("yyMMdd HH:mm:ss").withZone(ZoneOffset.UTC);
    /** The general log's times, and log_slow_extra's Start and End: ISO 8601 UTC, as log_timestamps=UTC. */
    private static final DateTimeFormatter GENERAL_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final SystemVariables variables;
    private volatile boolean slowOn;
    private volatile boolean generalOn;
    /** log_output: FILE, TABLE, both, or NONE (neither, even with the logs on). */
    private volatile boolean toFile = true;
    private volatile boolean toTable;
    private volatile boolean notUsingIndexes;
    private volatile boolean adminStatements;
    private volatile boolean extra;
    private volatile LogTableSink tables;
    private final LogFile slow = new LogFile();
    private final LogFile general = new LogFile();
    private final NoIndexLogThrottle throttle = new NoIndexLogThrottle();
    /** Slow_queries in SHOW GLOBAL STATUS and /metrics: statements written to the slow log. */
    private final java.util.concurrent.atomic.AtomicLong slowQueries = new java.util.concurrent.atomic.AtomicLong();

    public QueryLogs(SystemVariables variables) {
        this.variables = variables;
        variables.onGlobalChange(this::globalChanged);
        refresh();
    }

    /** Where log_output=TABLE entries go (the engine's writer of mysql.slow_log / general_log). */
    public void tables(LogTableSink sink) { this.tables = sink; }

    private void globalChanged(String name) {
        if (name.startsWith("slow_query_log") || name.startsWith("general_log") || name.equals("log_output")
                || name.equals("log_queries_not_using_indexes") || name.startsWith("log_slow_")) {
            refresh();
        }
    }

    private void refresh() {
        slowOn = Long.valueOf(1L).equals(variables.global("slow_query_log"));
        generalOn = Long.valueOf(1L).equals(variables.global("general_log"));
        notUsingIndexes = Long.valueOf(1L).equals(variables.global("log_queries_not_using_indexes"));
        adminStatements = Long.valueOf(1L).equals(variables.global("log_slow_admin_statements"));
        extra = Long.valueOf(1L).equals(variables.global("log_slow_extra"));
        String output = String.valueOf(variables.global("log_output"));
        boolean none = output.contains("NONE");
        toFile = !none && output.contains("FILE");
        toTable = !none && output.contains("TABLE");
        slow.point(slowOn && toFile ? (String) variables.global("slow_query_log_file") : null);
        general.point(generalOn && toFile ? (String) variables.global("general_log_file") : null);
    }

    /** A client connected (protocol sessions only): the general log's Connect line. */
    public void connected(long id, String user, String host, String database) {
        if (generalOn) {
            generalEntry(id, userHost(user, host), "Connect", user + "@" + host + " on " + (database == null ? "" : database));
        }
    }

    /** A client left: the general log's Quit line. */
    public void quit(long id, String user, String host) {
        if (generalOn) generalEntry(id, userHost(user, host), "Quit", "");
    }

    /**
     * A client statement starts: logs it to the general log (as MySQL, before it runs) and returns
     * its start time for {@link #end}, or {@link #NOT_TIMED} when the slow log is off.
     */
    public long begin(long id, String user, String host, String text) {
        if (generalOn) generalEntry(id, userHost(user, host), "Query", text);
        return slowOn ? System.nanoTime() : NOT_TIMED;
    }

    private void generalEntry(long id, String userHost, String command, String argument) {
        if (toFile) general.append(generalLine(id, command, argument));
        LogTableSink sink = tables;
        if (toTable && sink != null) sink.general(Instant.now(), userHost, id, command, argument);
    }

    /**
     * A slow-log file entry waiting for the bytes of its statement's response (log_slow_extra on a
     * protocol that counts them): {@link #write} puts Bytes_received and Bytes_sent between the two parts.
     */
    public record PendingEntry(String head, String tail) {}

    /**
     * A timed statement ended: writes it to the slow log when it took at least long_query_time,
     * or read a whole table or index while log_queries_not_using_indexes is on (at most
     * log_throttle_queries_not_using_indexes of those a minute), and examined at least
     * min_examined_row_limit rows (MySQL's rule). Administrative statements ({@code admin})
     * only with log_slow_admin_statements; {@code errno} is the statement's error (0: none) and {@code killed}
     * why it was stopped (Cancellation.killedErrno: 0 not stopped), for log_slow_extra.
     *
     * @param countsBytes the session's protocol counts bytes: with log_slow_extra the file entry
     *                    is returned for {@link #write} instead of written
     * @return the file entry still to write, or null when it was written (or not logged)
     */
    public PendingEntry end(BasaltSession s, long startNanos, String text, Instant started, long rowsSent, long rowsAffected,
                            dev.basalt.engine.exec.StatementScans scans, boolean admin, int errno, int killed,
                            boolean countsBytes) {
        if (startNanos == NOT_TIMED || text == null) return null;
        long now = System.nanoTime();
        long nanos = now - startNanos;
        if (!slowOn || admin && !adminStatements) return null;
        boolean slowEnough = nanos >= longQueryNanos(s);
        boolean noIndex = notUsingIndexes && scans.noIndexUsed();
        if (!slowEnough && !noIndex) return null;
        if (scans.rowsExamined() < minExaminedRows(s)) return null;
        String user = s.userName() == null ? "root" : s.userName();
        long sent = Math.max(rowsSent, 0);
        if (noIndex) {
            NoIndexLogThrottle.Decision d = throttle.offer(throttleLimit(), now, nanos, scans.lockWaitNanos(), sent,
                    scans.rowsExamined());
            if (d.summary() != null) writeSummary(s, d.summary());
            if (!d.write()) {
                if (slowEnough) slowQueries.incrementAndGet(); // slow all the same, only not written
                return null;
            }
        }
        slowQueries.incrementAndGet();
        LogTableSink sink = tables;
        if (toTable && sink != null) {
            sink.slow(started, userHost(user, s.host()), nanos, scans.lockWaitNanos(), sent, scans.rowsExamined(),
                    s.database(), s.lastInsertId(), s.connectionId(), text);
        }
        if (!toFile) return null;
        StringBuilder e = new StringBuilder(256 + text.length());
        e.append("# Time: ").append(SLOW_TIME.format(Instant.now())).append('\n');
        e.append("# User@Host: ").append(user).append('[').append(user).append("] @ ").append(s.host())
                .append(" []  Id: ").append(String.format(Locale.ROOT, "%5d", s.connectionId())).append('\n');
        e.append(String.format(Locale.ROOT, "# Query_time: %.6f  Lock_time: %.6f Rows_sent: %d  Rows_examined: %d",
                nanos / 1e9, scans.lockWaitNanos() / 1e9, sent, scans.rowsExamined()));
        String head = null;
        if (extra) {
            appendExtraHead(e, s.connectionId(), errno, killed);
            if (countsBytes) {
                head = e.toString();
                e.setLength(0);
            }
            appendExtraTail(e, scans, started, nanos);
        }
        e.append('\n');
        e.append("# Rows_affected: ").append(Math.max(rowsAffected, 0)).append('\n');
        if (s.database() != null) e.append("use ").append(s.database()).append(";\n");
        e.append("SET timestamp=").append(started.getEpochSecond()).append(";\n");
        String t = text.strip();
        e.append(t);
        if (!t.endsWith(";")) e.append(';');
        e.append('\n');
        if (head != null) return new PendingEntry(head, e.toString());
        slow.append(e.toString());
        return null;
    }

    /** Writes an entry {@link #end} returned, with the bytes its statement received and sent. */
    public void write(PendingEntry entry, long bytesReceived, long bytesSent) {
        slow.append(entry.head() + " Bytes_received: " + bytesReceived + " Bytes_sent: " + bytesSent + entry.tail());
    }

    /**
     * The entry MySQL writes for the statements log_throttle_queries_not_using_indexes held back
     * in the last window: their summed times and rows, under an empty user, and the count.
     */
    private void writeSummary(BasaltSession s, NoIndexLogThrottle.Suppressed sup) {
        if (!toFile) return;
        Instant now = Instant.now();
        slow.append("# Time: " + SLOW_TIME.format(now) + "\n"
                + "# User@Host: [] @  []  Id: " + String.format(Locale.ROOT, "%5d", s.connectionId()) + "\n"
                + String.format(Locale.ROOT, "# Query_time: %.6f  Lock_time: %.6f Rows_sent: %d  Rows_examined: %d\n",
                        sup.queryNanos() / 1e9, sup.lockNanos() / 1e9, sup.rowsSent(), sup.rowsExamined())
                + "# Rows_affected: 0\n"
                + "SET timestamp=" + now.getEpochSecond() + ";\n"
                + String.format(Locale.ROOT, "throttle: %10d 'index not used' warning(s) suppressed.;\n", sup.count()));
    }

    /**
     * log_slow_extra's fields up to where the response's byte counts go, in MySQL's order and
     * format: the statement's error, whether it was killed (MySQL prints the kill's error number:
     * 1317 KILL QUERY, 3024 max_execution_time, 1053 KILL CONNECTION or shutdown). A statement can
     * be killed without failing (a SLEEP() that a KILL QUERY ended answers 1), so the kill comes
     * from the session's cancellation state, the error only when that has none.
     */
    private static void appendExtraHead(StringBuilder e, long threadId, int errno, int killedErrno) {
        int killed = killedErrno != 0 ? killedErrno : errno == 1317 || errno == 3024 || errno == 1053 ? errno : 0;
        e.append(" Thread_id: ").append(threadId).append(" Errno: ").append(errno).append(" Killed: ").append(killed);
    }

    /**
     * The fields after the byte counts, in MySQL 8's order: the handler reads (Read_first ..
     * Read_rnd_next: the statement's storage reads filed under the handler call MySQL would make
     * for each, see {@link dev.basalt.engine.exec.StatementScans}), the sorts (merge passes on
     * disk, sorts over a range read or not, rows sorted), the hash tables built where MySQL makes
     * internal temporary tables (and those of them that spilled to disk), then the start and end.
     */
    private static void appendExtraTail(StringBuilder e, dev.basalt.engine.exec.StatementScans scans, Instant started,
                                        long nanos) {
        for (dev.basalt.engine.exec.StatementScans.Read r : dev.basalt.engine.exec.StatementScans.Read.values()) {
            e.append(' ').append(r.field).append(": ").append(scans.reads(r));
        }
        e.append(" Sort_merge_passes: ").append(scans.sortMergePasses())
                .append(" Sort_range_count: ").append(scans.sortRangeCount())
                .append(" Sort_rows: ").append(scans.sortRows())
                .append(" Sort_scan_count: ").append(scans.sortScanCount())
                .append(" Created_tmp_disk_tables: ").append(scans.createdTmpDiskTables())
                .append(" Created_tmp_tables: ").append(scans.createdTmpTables())
                .append(" Start: ").append(GENERAL_TIME.format(started))
                .append(" End: ").append(GENERAL_TIME.format(started.plusNanos(nanos)));
    }

    /** log_throttle_queries_not_using_indexes (global): entries a minute, 0 no limit. */
    private long throttleLimit() {
        return variables.global("log_throttle_queries_not_using_indexes") instanceof Number n ? n.longValue() : 0;
    }

    public long slowQueries() { return slowQueries.get(); }

    /**
     * FLUSH LOGS / FLUSH SLOW LOGS / FLUSH GENERAL LOGS: closes and reopens the log files, so that
     * logrotate (or a person) can move a file away and the server starts a new one at the
     * configured name, as MySQL does.
     */
    public void reopen(boolean slowLog, boolean generalLog) {
        if (slowLog) slow.reopen();
        if (generalLog) general.reopen();
    }

    /** long_query_time in nanoseconds: the session's value (it has session scope in MySQL too). */
    private static long longQueryNanos(BasaltSession s) {
        Object v = s.variables().get("long_query_time");
        try {
            return (long) (Double.parseDouble(String.valueOf(v)) * 1e9);
        } catch (NumberFormatException e) {
            return 10_000_000_000L;
        }
    }

    /** min_examined_row_limit: the session's value. */
    private static long minExaminedRows(BasaltSession s) {
        return s.variables().get("min_examined_row_limit") instanceof Number n ? n.longValue() : 0;
    }

    /** The user_host column of the log tables, as MySQL fills it: {@code root[root] @ localhost []}. */
    private static String userHost(String user, String host) {
        String u = user == null ? "root" : user;
        return u + "[" + u + "] @ " + (host == null ? "" : host) + " []";
    }

    private static String generalLine(long id, String command, String argument) {
        return GENERAL_TIME.format(Instant.now()) + '\t' + String.format(Locale.ROOT, "%6d", id) + ' '
                + command + '\t' + argument + '\n';
    }

    /** The header MySQL writes each time it opens a log file; tools recognise and skip it. */
    private String header() {
        return "/basalt, Version: " + variables.global("version") + " (Basalt). started with:\n"
                + "Tcp port: " + variables.global("port") + "  Unix socket: (none)\n"
                + "Time                 Id Command    Argument\n";
    }

    /** One log file: opened in append mode when the log is turned on or its file changes. */
    private final class LogFile {
        private String name;
        private Writer out;

        synchronized void point(String file) {
            if (file != null && file.equals(name) && out != null) return;
            close();
            name = file;
            if (file == null || file.isEmpty()) return;
            try {
                Path p = Path.of(file);
                if (p.getParent() != null) Files.createDirectories(p.getParent());
                out = Files.newBufferedWriter(p, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND, StandardOpenOption.WRITE);
                out.write(header());
                out.flush();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "cannot open the query log file " + file + ": " + e.getMessage());
                out = null;
            }
        }

        /** Closes the file and opens it again by name (a new file if it was moved away). */
        synchronized void reopen() {
            String file = name;
            close();
            name = null;
            point(file);
        }

        /** Whole entries, flushed at once: a reader (or a crash) never sees half an entry. */
        synchronized void append(String entry) {
            if (out == null) return;
            try {
                out.write(entry);
                out.flush();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot write the query log file " + name + ": " + e.getMessage());
            }
        }

        private void close() {
            if (out == null) return;
            try {
                out.close();
            } catch (IOException e) {
                // the entries were flushed as written
            }
            out = null;
        }
    }
}
