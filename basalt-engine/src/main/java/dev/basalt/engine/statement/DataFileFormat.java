package dev.basalt.engine.statement;

import dev.basalt.sql.ast.FileFormat;

import java.util.ArrayList;
import java.util.List;

/**
 * MySQL's delimited text format of SELECT ... INTO OUTFILE and LOAD DATA: fields separated and
 * optionally enclosed, special characters escaped (\0 \b \n \r \t \Z, \N for NULL; with no escape
 * character NULL is the word NULL). Works on decoded text; the caller picks the character set.
 */
final class DataFileFormat {
    private DataFileFormat() {}

    // ---- writing (OUTFILE) ------------------------------------------------------------------------

    /**
     * One field as OUTFILE writes it. {@code value} is the value's text, null for SQL NULL;
     * {@code enclose} whether this field is enclosed (always, or only strings with OPTIONALLY).
     */
    static void writeField(StringBuilder out, String value, boolean enclose, FileFormat f) {
        String esc = f.escapedBy();
        if (value == null) {
            out.append(esc.isEmpty() ? "NULL" : esc + "N");
            return;
        }
        String enc = enclose ? f.enclosedBy() : "";
        out.append(enc);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!esc.isEmpty()) {
                boolean special = c == esc.charAt(0)
                        || (!enc.isEmpty() && c == enc.charAt(0))
                        || (enc.isEmpty() && !f.fieldsTerminatedBy().isEmpty() && c == f.fieldsTerminatedBy().charAt(0))
                        || (enc.isEmpty() && !f.linesTerminatedBy().isEmpty() && c == f.linesTerminatedBy().charAt(0));
                if (c == 0) {
                    out.append(esc).append('0');
                    continue;
                }
                if (special) out.append(esc);
            }
            out.append(c);
        }
        out.append(enc);
    }

    // ---- reading (LOAD DATA) ----------------------------------------------------------------------

    /** The rows of {@code data}: each a list of field values, null for NULL. */
    static List<List<String>> parse(String data, FileFormat f) {
        Reader r = new Reader(data, f);
        List<List<String>> rows = new ArrayList<>();
        while (r.pos < data.length()) {
            if (!f.linesStartingBy().isEmpty()) {
                // text before the prefix is skipped; a line without it is no row
                int at = data.indexOf(f.linesStartingBy(), r.pos);
                if (at < 0) break;
                r.pos = at + f.linesStartingBy().length();
            }
            rows.add(r.row());
        }
        return rows;
    }

    private static final class Reader {
        final String data;
        final FileFormat f;
        final String fieldEnd, lineEnd, enc, esc;
        int pos;

        Reader(String data, FileFormat f) {
            this.data = data;
            this.f = f;
            this.fieldEnd = f.fieldsTerminatedBy();
            this.lineEnd = f.linesTerminatedBy();
            this.enc = f.enclosedBy();
            this.esc = f.escapedBy();
        }

        List<String> row() {
            List<String> fields = new ArrayList<>();
            while (true) {
                fields.add(field());
                if (pos >= data.length()) return fields;
                if (!lineEnd.isEmpty() && data.startsWith(lineEnd, pos)) {
                    pos += lineEnd.length();
                    return fields;
                }
                if (!fieldEnd.isEmpty() && data.startsWith(fieldEnd, pos)) {
                    pos += fieldEnd.length();
                    continue;
                }
                return fields; // unreachable: field() stops only at a terminator or the end
            }
        }

        private boolean atTerminator(int p) {
            return p >= data.length() || (!fieldEnd.isEmpty() && data.startsWith(fieldEnd, p))
                    || (!lineEnd.isEmpty() && data.startsWith(lineEnd, p));
        }

        String field() {
            if (!enc.isEmpty() && data.startsWith(enc, pos)) return enclosedField();
            int start = pos;
            StringBuilder sb = new StringBuilder();
            boolean escapedNull = false;
            while (!atTerminator(pos)) {
                char c = data.charAt(pos);
                if (!esc.isEmpty() && c == esc.charAt(0) && pos + 1 < data.length()) {
                    char n = data.charAt(pos + 1);
                    if (n == 'N' && pos == start && atTerminator(pos + 2)) escapedNull = true;
                    sb.append(unescape(n));
                    pos += 2;
                    continue;
                }
                sb.append(c);
                pos++;
            }
            if (escapedNull) return null;
            String v = sb.toString();
            // with ENCLOSED BY, an unenclosed word NULL is NULL
            if (!enc.isEmpty() && v.equals("NULL")) return null;
            return v;
        }

        private String enclosedField() {
            pos += enc.length();
            StringBuilder sb = new StringBuilder();
            while (pos < data.length()) {
                char c = data.charAt(pos);
                if (!esc.isEmpty() && c == esc.charAt(0) && pos + 1 < data.length()) {
                    sb.append(unescape(data.charAt(pos + 1)));
                    pos += 2;
                    continue;
                }
                if (data.startsWith(enc, pos)) {
                    if (data.startsWith(enc, pos + enc.length())) { // doubled: one literal quote
                        sb.append(enc);
                        pos += 2 * enc.length();
                        continue;
                    }
                    if (atTerminator(pos + enc.length())) {
                        pos += enc.length();
                        return sb.toString();
                    }
                }
                sb.append(c);
                pos++;
            }
            return sb.toString();
        }

        private static char unescape(char c) {
            return switch (c) {
                case '0' -> '\0';
                case 'b' -> '\b';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case 'Z' -> (char) 26;
                default -> c;
            };
        }
    }
}
