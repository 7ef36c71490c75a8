package dev.basalt.pgwire;

import dev.basalt.engine.api.ColumnInfo;
import dev.basalt.engine.api.PreparedStatementHandle;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.RowCursor;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import dev.basalt.sql.postgres.PgDialect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * COPY FROM STDIN and COPY TO STDOUT (text and CSV formats) in a simple query. Rows coming in
 * are inserted in batches of multi-row INSERTs; the whole COPY is one transaction (PostgreSQL's
 * COPY is all or nothing), or part of the client's open one. Rows going out are the SELECT of
 * the table or the query, in PostgreSQL's text form of each value.
 */
final class PgCopy {
    private static final int BATCH = 500;

    private final Session session;
    private final MessageReader reader;
    private final MessageWriter writer;

    /** The session's zone, which timestamptz values are shown in. */
    private java.time.ZoneId zone() {
        java.time.ZoneId z = dev.basalt.engine.time.TimeZones.parse(session.systemVariable("time_zone"));
        return z == null ? java.time.ZoneId.systemDefault() : z;
    }

    PgCopy(Session session, MessageReader reader, MessageWriter writer) {
        this.session = session;
        this.reader = reader;
        this.writer = writer;
    }

    /** COPY ... TO STDOUT: CopyOutResponse, a CopyData per row, CopyDone; returns the row count. */
    long copyOut(PgCopyCommand c) throws IOException {
        String select = c.query() != null ? PgDialect.translate(c.query()).sql()
                : "SELECT " + (c.columns() == null ? "*" : c.columns().substring(1, c.columns().length() - 1)) + " FROM " + c.table();
        Result r = PgCommands.single(session.execute(select, false));
        if (!(r instanceof Result.Rows rows)) throw new PgException("42601", "COPY query must return rows");
        long n = 0;
        try (RowCursor cursor = rows.cursor()) {
            List<ColumnInfo> cols = rows.columns();
            int[] oids = new int[cols.size()];
            for (int i = 0; i < oids.length; i++) oids[i] = PgTypes.oid(cols.get(i).type());
            writer.begin('H').int8(0).int16(cols.size());
            for (int i = 0; i < cols.size(); i++) writer.int16(0);
            writer.end();
            if (c.header()) {
                List<String> names = new ArrayList<>();
                for (ColumnInfo ci : cols) names.add(PgColumnNames.of(ci));
                data(c.row(names));
            }
            Object[] row;
            List<String> values = new ArrayList<>(cols.size());
            while ((row = cursor.next()) != null) {
                values.clear();
                for (int i = 0; i < row.length; i++) {
                    Object v = PgTypes.normalize(row[i]);
                    byte[] b = v == null ? null : oids[i] == PgTypes.TIMESTAMPTZ ? PgTypes.timestamptz(v, cols.get(i).type(), zone(), false)
                            : PgTypes.text(v, cols.get(i).type(), oids[i]);
                    values.add(b == null ? null : new String(b, StandardCharsets.UTF_8));
                }
                data(c.row(values));
                n++;
                if (writer.pending() > 64 * 1024) writer.flush();
            }
        }
        writer.begin('c').end();
        return n;
    }

    private void data(String text) {
        writer.begin('d').bytes(text.getBytes(StandardCharsets.UTF_8)).end();
    }

    /**
     * COPY ... FROM STDIN: CopyInResponse, then CopyData until CopyDone (or CopyFail). Every message
     * up to CopyDone is read even after an error, so the client and server stay in step.
     */
    long copyIn(PgCopyCommand c) throws IOException {
        List<ColumnInfo> columns = targetColumns(c);
        writer.begin('G').int8(0).int16(columns.size());
        for (int i = 0; i < columns.size(); i++) writer.int16(0);
        writer.end();
        writer.flush();
        boolean own = !session.inTransaction();
        if (own) PgSettings.run(session, "START TRANSACTION");
        RuntimeException failure = null;
        long n = 0;
        boolean headerSkipped = !c.header();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringBuilder pending = new StringBuilder();
        List<List<String>> batch = new ArrayList<>();
        while (true) {
            MessageReader.Message m = reader.read();
            int type = m.type();
            if (type == -1) throw new java.io.EOFException();
            if (type == 'H' || type == 'S') continue; // Flush and Sync mean nothing during COPY
            if (type == 'f') {
                if (failure == null) failure = new PgException("57014", "COPY from stdin failed: " + m.body().cstring());
                break;
            }
            if (type != 'd' && type != 'c') throw new MalformedMessageException("unexpected message type " + type + " during COPY");
            if (failure != null) {
                if (type == 'c') break;
                continue;
            }
            try {
                if (type == 'd') bytes.writeBytes(m.body().rest());
                // decode up to the last newline: a newline byte is never inside a UTF-8 sequence
                byte[] buf = bytes.toByteArray();
                int last = type == 'c' ? buf.length - 1 : lastNewline(buf);
                if (last >= 0) {
                    pending.append(new String(buf, 0, last + 1, StandardCharsets.UTF_8));
                    bytes.reset();
                    bytes.write(buf, last + 1, buf.length - last - 1);
                }
                int from = 0;
                while (true) {
                    int end = c.recordEnd(pending, from);
                    if (end < 0 && type == 'c' && from < pending.length()) end = pending.length();
                    if (end < 0) break;
                    String record = pending.substring(from, end);
                    from = Math.min(end + 1, pending.length());
                    if (record.endsWith("\r")) record = record.substring(0, record.length() - 1);
                    if (record.equals("\\.")) continue; // the end-of-data marker (old clients, psql from a file)
                    if (!headerSkipped) {
                        headerSkipped = true;
                        continue;
                    }
                    List<String> fields = c.csv() ? c.csvFields(record) : c.textFields(record);
                    if (fields.size() != columns.size()) {
                        throw new PgException("22P04", (fields.size() < columns.size() ? "missing data for column \""
                                + columns.get(fields.size()).name() + "\"" : "extra data after last expected column"));
                    }
                    batch.add(fields);
                    if (batch.size() >= BATCH) {
                        n += insert(c, columns, batch);
                        batch.clear();
                    }
                }
                pending.delete(0, from);
                if (type == 'c') {
                    if (!batch.isEmpty()) n += insert(c, columns, batch);
                    break;
                }
            } catch (SqlException | PgException e) {
                failure = e;
                if (type == 'c') break;
            }
        }
        if (failure != null) {
            if (own) rollbackQuietly();
            throw failure;
        }
        if (own) PgSettings.run(session, "COMMIT");
        return n;
    }

    private static int lastNewline(byte[] buf) {
        for (int i = buf.length - 1; i >= 0; i--) if (buf[i] == '\n') return i;
        return -1;
    }

    private void rollbackQuietly() {
        try {
            PgSettings.run(session, "ROLLBACK");
        } catch (SqlException e) {
            // the error being reported matters more
        }
    }

    /** The columns COPY fills, with their types (from a prepared, never run, SELECT of them). */
    private List<ColumnInfo> targetColumns(PgCopyCommand c) {
        if (c.table() == null) throw new PgException("42601", "COPY FROM needs a table");
        String list = c.columns() == null ? "*" : c.columns().substring(1, c.columns().length() - 1);
        PreparedStatementHandle probe = session.prepare("SELECT " + list + " FROM " + c.table() + " WHERE FALSE");
        try {
            return probe.columns();
        } finally {
            session.closePrepared(probe);
        }
    }

    private long insert(PgCopyCommand c, List<ColumnInfo> columns, List<List<String>> rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(c.table());
        if (c.columns() != null) sql.append(' ').append(c.columns());
        sql.append(" VALUES ");
        for (int r = 0; r < rows.size(); r++) {
            sql.append(r > 0 ? ",(" : "(");
            List<String> row = rows.get(r);
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) sql.append(',');
                sql.append(literal(row.get(i), columns.get(i).type()));
            }
            sql.append(')');
        }
        Result res = PgCommands.single(session.execute(sql.toString(), false));
        return res instanceof Result.Update u ? u.affectedRows() : rows.size();
    }

    /** A field as a MySQL literal for its column: booleans as PostgreSQL spells them, bytea's \x hex, the rest as text. */
    private static String literal(String v, SqlType type) {
        if (v == null) return "NULL";
        if (type.kind() == TypeKind.TINYINT && type.length() == 1) {
            switch (v.trim().toLowerCase(Locale.ROOT)) {
                case "t", "true", "y", "yes", "on", "1" -> { return "1"; }
                case "f", "false", "n", "no", "off", "0" -> { return "0"; }
                default -> { }
            }
        }
        if (PgTypes.oid(type) == PgTypes.BYTEA && v.startsWith("\\x") && v.length() % 2 == 0 && v.substring(2).matches("[0-9a-fA-F]*")) {
            return "X'" + v.substring(2) + "'";
        }
        return "'" + v.replace("'", "''") + "'";
    }
}
