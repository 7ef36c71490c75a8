package dev.basalt.shell;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV records (RFC 4180: comma separated, fields optionally in double quotes, {@code ""}
 * for a quote inside one, line breaks allowed inside quotes). An unquoted {@code \N} is NULL, as
 * in MySQL's own CSV exports; every other field is text the server converts to the column type.
 */
final class CsvRecords {

    private final Reader in;
    private int peeked = -2;

    CsvRecords(Reader in) {
        this.in = in;
    }

    /** The next record, or null at the end of input. */
    List<String> next() throws IOException {
        int c = read();
        if (c == -1) return null;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false, wasQuoted = false;
        while (true) {
            if (quoted) {
                if (c == -1) throw new IOException("unterminated quoted field");
                if (c == '"') {
                    int n = read();
                    if (n == '"') field.append('"');
                    else {
                        quoted = false;
                        c = n;
                        continue;
                    }
                } else {
                    field.append((char) c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = wasQuoted = true;
            } else if (c == ',' ) {
                fields.add(value(field, wasQuoted));
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == -1) {
                fields.add(value(field, wasQuoted));
                return fields;
            } else if (c == '\r') {
                int n = read();
                if (n != '\n') unread(n);
                fields.add(value(field, wasQuoted));
                return fields;
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    private static String value(StringBuilder field, boolean quoted) {
        String v = field.toString();
        return !quoted && v.equals("\\N") ? null : v;
    }

    private int read() throws IOException {
        if (peeked != -2) {
            int c = peeked;
            peeked = -2;
            return c;
        }
        return in.read();
    }

    private void unread(int c) { peeked = c; }
}
