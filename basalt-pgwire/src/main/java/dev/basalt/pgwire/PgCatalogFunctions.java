package dev.basalt.pgwire;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalog functions of PostgreSQL inside an ad-hoc catalog query, written out as MySQL
 * expressions before the engine runs it (see {@link PgCatalogTables}): the values they depend on
 * (which relations are visible, index and constraint definitions, column comments) are known here
 * and become CASE lists of literals. format_type, pg_get_userbyid, pg_table_is_visible,
 * pg_get_indexdef, pg_get_constraintdef, pg_get_expr, obj_description, col_description,
 * pg_encoding_to_char, array_to_string.
 */
final class PgCatalogFunctions {
    private PgCatalogFunctions() {}

    private static final Pattern CALL = Pattern.compile("(?i)(?<![\\w.])(?:pg_catalog\\s*\\.\\s*)?(pg_get_userbyid|pg_table_is_visible"
            + "|pg_function_is_visible|pg_type_is_visible|format_type|obj_description|shobj_description|col_description"
            + "|pg_encoding_to_char|pg_get_indexdef|pg_get_constraintdef|pg_get_expr|array_to_string)\\s*\\(");

    static String rewrite(String text, PgCatalogData data) {
        return rewrite(text, data, true);
    }

    private static final Pattern ITEM_BEFORE = Pattern.compile("(?is).*(\\bselect|,)\\s*");
    private static final Pattern ITEM_AFTER = Pattern.compile("(?is)\\s*(,|from\\b|$).*");

    /** @param statement the whole statement: an unaliased call that is a select item is named after the function, as PostgreSQL names it */
    private static String rewrite(String text, PgCatalogData data, boolean statement) {
        StringBuilder out = new StringBuilder();
        int i = 0, depth = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '(') depth++;
            if (c == ')') depth--;
            if (c == '\'') { // a literal is copied as it is
                int end = literalEnd(text, i);
                out.append(text, i, end);
                i = end;
                continue;
            }
            Matcher m = CALL.matcher(text);
            m.region(i, text.length());
            if (m.lookingAt()) {
                int close = closingParen(text, m.end() - 1);
                if (close > 0) {
                    List<String> args = new ArrayList<>();
                    for (String a : arguments(text.substring(m.end(), close))) args.add(rewrite(a, data, false));
                    String fn = m.group(1).toLowerCase(Locale.ROOT);
                    boolean item = statement && depth == 0 && ITEM_BEFORE.matcher(text.substring(0, i)).matches()
                            && ITEM_AFTER.matcher(text.substring(close + 1)).matches();
                    out.append(call(fn, args, data)).append(item ? " AS " + fn : "");
                    i = close + 1;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static String call(String fn, List<String> a, PgCatalogData data) {
        String x = a.isEmpty() ? "NULL" : "(" + a.getFirst() + ")";
        return switch (fn) {
            case "pg_get_userbyid" -> PgCatalogData.quote(PsqlCatalog.OWNER);
            case "pg_encoding_to_char" -> "'UTF8'";
            case "pg_function_is_visible", "pg_type_is_visible" -> "TRUE";
            case "obj_description", "shobj_description" -> "NULL"; // Basalt keeps no comments on schemas or tables here
            case "pg_get_expr", "array_to_string" -> x; // pg_attrdef.adbin holds the text already; catalog arrays are NULL
            case "pg_table_is_visible" -> {
                List<String> oids = new ArrayList<>();
                for (PgCatalogData.Relation r : data.relations()) {
                    if (!r.schema().equals(data.currentSchema())) continue;
                    oids.add(Integer.toString(r.oid()));
                    if (r.kind() == 'r') for (PgCatalogData.Index idx : data.indexes(r.schema(), r.name())) oids.add(Integer.toString(idx.oid()));
                }
                yield oids.isEmpty() ? "FALSE" : "(" + x + " IN (" + String.join(",", oids) + "))";
            }
            case "format_type" -> formatType(x, a.size() > 1 ? "(" + a.get(1) + ")" : "NULL");
            case "col_description" -> {
                StringBuilder sb = new StringBuilder("CASE CONCAT(" + x + ", ':', " + (a.size() > 1 ? "(" + a.get(1) + ")" : "0") + ")");
                int n = 0;
                for (PgCatalogData.Relation r : data.relations()) {
                    for (PgCatalogData.Column c : data.columns(r.schema(), r.name())) {
                        if (c.comment() == null) continue;
                        sb.append(" WHEN '").append(r.oid()).append(':').append(c.position()).append("' THEN ").append(PgCatalogData.quote(c.comment()));
                        n++;
                    }
                }
                yield n == 0 ? "NULL" : sb.append(" ELSE NULL END").toString();
            }
            case "pg_get_indexdef" -> {
                boolean column = a.size() > 1 && !a.get(1).trim().equals("0");
                StringBuilder sb = new StringBuilder(column ? "CASE CONCAT(" + x + ", ':', (" + a.get(1) + "))" : "CASE " + x);
                int n = 0;
                for (PgCatalogData.Relation r : data.relations()) {
                    if (r.kind() != 'r') continue;
                    for (PgCatalogData.Index idx : data.indexes(r.schema(), r.name())) {
                        if (column) {
                            for (int k = 0; k < idx.columns().size(); k++) {
                                sb.append(" WHEN '").append(idx.oid()).append(':').append(k + 1).append("' THEN ").append(PgCatalogData.quote(idx.columns().get(k)));
                            }
                        } else {
                            sb.append(" WHEN ").append(idx.oid()).append(" THEN ").append(PgCatalogData.quote(PsqlCatalog.indexDef(r, idx)));
                        }
                        n++;
                    }
                }
                yield n == 0 ? "NULL" : sb.append(" ELSE NULL END").toString();
            }
            case "pg_get_constraintdef" -> {
                StringBuilder sb = new StringBuilder("CASE " + x);
                int n = 0;
                for (String[] con : PgCatalogTables.constraintDefinitions(data)) {
                    sb.append(" WHEN ").append(con[0]).append(" THEN ").append(PgCatalogData.quote(con[1]));
                    n++;
                }
                yield n == 0 ? "NULL" : sb.append(" ELSE NULL END").toString();
            }
            default -> throw new IllegalStateException(fn);
        };
    }

    /** format_type(type oid, typmod) for the types Basalt's columns have (PgTypeNames). */
    private static String formatType(String t, String m) {
        return "CASE " + t
                + " WHEN 16 THEN 'boolean' WHEN 17 THEN 'bytea' WHEN 19 THEN 'name' WHEN 20 THEN 'bigint' WHEN 21 THEN 'smallint'"
                + " WHEN 23 THEN 'integer' WHEN 25 THEN 'text' WHEN 26 THEN 'oid' WHEN 114 THEN 'json' WHEN 700 THEN 'real'"
                + " WHEN 701 THEN 'double precision' WHEN 1082 THEN 'date' WHEN 1186 THEN 'interval' WHEN 2950 THEN 'uuid'"
                + " WHEN 3802 THEN 'jsonb'"
                + " WHEN 1043 THEN IF(" + m + " > 4, CONCAT('character varying(', " + m + " - 4, ')'), 'character varying')"
                + " WHEN 1042 THEN IF(" + m + " > 4, CONCAT('character(', " + m + " - 4, ')'), 'character')"
                + " WHEN 1700 THEN IF(" + m + " > 4, CONCAT('numeric(', (" + m + " - 4) >> 16, ',', (" + m + " - 4) & 65535, ')'), 'numeric')"
                + " WHEN 1083 THEN IF(" + m + " >= 0, CONCAT('time(', " + m + ", ') without time zone'), 'time without time zone')"
                + " WHEN 1114 THEN IF(" + m + " >= 0, CONCAT('timestamp(', " + m + ", ') without time zone'), 'timestamp without time zone')"
                + " WHEN 1184 THEN IF(" + m + " >= 0, CONCAT('timestamp(', " + m + ", ') with time zone'), 'timestamp with time zone')"
                + " ELSE '???' END";
    }

    private static int literalEnd(String text, int start) {
        int i = start + 1;
        while (i < text.length()) {
            if (text.charAt(i) == '\'') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '\'') i += 2;
                else return i + 1;
            } else {
                i++;
            }
        }
        return text.length();
    }

    /** The index of the parenthesis closing the one at {@code open}, or -1. */
    private static int closingParen(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                i = literalEnd(text, i) - 1;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The top-level comma-separated arguments. */
    private static List<String> arguments(String inside) {
        List<String> out = new ArrayList<>();
        if (inside.isBlank()) return out;
        int depth = 0, start = 0;
        for (int i = 0; i < inside.length(); i++) {
            char c = inside.charAt(i);
            if (c == '\'') {
                i = literalEnd(inside, i) - 1;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(inside.substring(start, i).trim());
                start = i + 1;
            }
        }
        out.add(inside.substring(start).trim());
        return out;
    }
}
