package dev.basalt.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.basalt.engine.api.ColumnInfo;
import dev.basalt.engine.api.PreparedStatementHandle;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.RowCursor;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.api.StatementResults;
import dev.basalt.engine.types.SqlType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Runs one statement in a session and writes its outcome as the /v1/sql response object:
 * {@code columns, rows, rowCount, affectedRows, lastInsertId, warnings} (and {@code moreResults}
 * when a CALL returns several). With parameters the statement is prepared and executed with them,
 * as COM_STMT_EXECUTE does, so values never go through SQL text.
 */
final class SqlRunner {

    private final JsonValues values;

    SqlRunner(JsonValues values) {
        this.values = values;
    }

    /** A statement to run: SQL text and JSON parameters (null or an array). */
    record Statement(String query, JsonNode params) {}

    /** Starts the statement; the caller reads (and must drain) the results. */
    Running start(Session session, Statement st) {
        return start(session, st, null);
    }

    /**
     * Starts the statement, executing a handle {@code kept} holds for its text when it has
     * parameters (kept: null to prepare it for this run only).
     */
    Running start(Session session, Statement st, KeptStatements kept) {
        Object[] params = Params.toJava(st.params());
        // an explicit "params": [] with a ? in the text is counted (1210), not run as text (1064 near '?')
        boolean given = st.params() != null && st.params().isArray();
        if (params.length == 0 && !(given && st.query().indexOf('?') >= 0)) {
            return new Running(session, session.execute(st.query(), false), null);
        }
        PreparedStatementHandle handle = kept == null ? null : kept.get(st.query());
        if (handle == null) {
            handle = session.prepare(st.query());
            if (kept != null) kept.keep(st.query(), handle);
        }
        // a kept handle stays prepared for the next request; one prepared for this run alone is closed after it
        PreparedStatementHandle closeAfter = kept == null ? handle : null;
        try {
            if (handle.parameterCount() != params.length) {
                throw new SqlException(1210, "HY000", "Incorrect arguments to mysqld_stmt_execute: the statement has "
                        + handle.parameterCount() + " placeholders, " + params.length + " params were given");
            }
            return new Running(session, session.executePrepared(handle, params), closeAfter);
        } catch (RuntimeException e) {
            if (closeAfter != null) session.closePrepared(handle);
            throw e;
        }
    }

    /** Runs the statement (see {@link #start}) and writes the whole response object, timed from {@code startNanos}. */
    void run(Session session, Statement st, KeptStatements kept, JsonGenerator g, long startNanos) throws IOException {
        try (Running r = start(session, st, kept)) {
            g.writeStartObject();
            writeResult(r.results.next(), g);
            if (r.results.hasNext()) {
                g.writeArrayFieldStart("moreResults");
                while (r.results.hasNext()) {
                    g.writeStartObject();
                    writeResult(r.results.next(), g);
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            writeWarnings(session, g);
        }
        g.writeNumberField("timeMs", elapsedMillis(startNanos));
        g.writeEndObject();
    }

    static double elapsedMillis(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 10_000.0) / 100.0;
    }

    /** The fields of one result, inside an object the caller opened. */
    void writeResult(Result result, JsonGenerator g) throws IOException {
        switch (result) {
            case Result.Rows rows -> {
                List<ColumnInfo> columns = rows.columns();
                writeColumns(columns, g);
                g.writeArrayFieldStart("rows");
                long n = 0;
                try (RowCursor cursor = rows.cursor()) {
                    SqlType[] types = types(columns);
                    for (Object[] row = cursor.next(); row != null; row = cursor.next()) {
                        writeRow(row, types, g);
                        n++;
                    }
                }
                g.writeEndArray();
                g.writeNumberField("rowCount", n);
                g.writeNumberField("affectedRows", 0);
                g.writeNumberField("lastInsertId", 0);
            }
            case Result.Update u -> {
                g.writeArrayFieldStart("columns");
                g.writeEndArray();
                g.writeArrayFieldStart("rows");
                g.writeEndArray();
                g.writeNumberField("rowCount", 0);
                g.writeNumberField("affectedRows", u.affectedRows());
                g.writeNumberField("lastInsertId", u.lastInsertId());
                if (u.info() != null && !u.info().isEmpty()) g.writeStringField("info", u.info());
            }
        }
    }

    void writeColumns(List<ColumnInfo> columns, JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("columns");
        for (ColumnInfo c : columns) {
            g.writeStartObject();
            g.writeStringField("name", c.name());
            g.writeStringField("type", JsonValues.typeName(c));
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    void writeRow(Object[] row, SqlType[] types, JsonGenerator g) throws IOException {
        g.writeStartArray();
        for (int i = 0; i < types.length; i++) values.write(g, row[i], types[i]);
        g.writeEndArray();
    }

    static SqlType[] types(List<ColumnInfo> columns) {
        SqlType[] types = new SqlType[columns.size()];
        for (int i = 0; i < types.length; i++) types[i] = columns.get(i).type();
        return types;
    }

    /** The statement's warnings as SHOW WARNINGS lists them (it does not clear them). */
    void writeWarnings(Session session, JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("warnings");
        if (session.warningCount() > 0) {
            StatementResults shown = session.execute("SHOW WARNINGS", false);
            while (shown.hasNext()) {
                if (!(shown.next() instanceof Result.Rows rows)) continue;
                try (RowCursor cursor = rows.cursor()) {
                    for (Object[] w = cursor.next(); w != null; w = cursor.next()) {
                        g.writeStartObject();
                        g.writeStringField("level", String.valueOf(w[0]));
                        g.writeNumberField("code", ((Number) w[1]).longValue());
                        g.writeStringField("message", String.valueOf(w[2]));
                        g.writeEndObject();
                    }
                }
            }
        }
        g.writeEndArray();
    }

    /** A started statement: closes its prepared handle (if any) and drains unread results. */
    static final class Running implements AutoCloseable {
        final StatementResults results;
        private final Session session;
        private final PreparedStatementHandle handle;

        Running(Session session, StatementResults results, PreparedStatementHandle handle) {
            this.session = session;
            this.results = results;
            this.handle = handle;
        }

        @Override
        public void close() {
            try {
                while (results.hasNext()) {
                    if (results.next() instanceof Result.Rows rows) rows.cursor().close();
                }
            } catch (RuntimeException e) {
                // the first error is what the client hears about
            } finally {
                if (handle != null) session.closePrepared(handle);
            }
        }
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
