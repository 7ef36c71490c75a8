package dev.basalt.pgwire;

import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.RowCursor;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.types.LogicalType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Basalt's catalog as PostgreSQL's catalog tables describe it, read through the session from the
 * engine's information_schema (so an account sees what MySQL would show it). A Basalt database is
 * a PostgreSQL schema. Relations get OIDs from this connection's registry: stable for the life of
 * the connection, which is all psql needs between its "find the table" and "describe it" queries.
 */
final class PgCatalogData {
    /** MySQL's own schemas: system schemas, hidden as PostgreSQL hides pg_catalog and pg_toast. */
    static final Set<String> SYSTEM_SCHEMAS = Set.of("information_schema", "mysql", "performance_schema", "sys");
    static final int FIRST_OID = 16384;

    record Relation(int oid, String schema, String name, char kind) {}

    record Column(String name, int position, PgTypeNames type, boolean notNull, String defaultText, boolean identity,
                  String comment) {}

    /** An index; PRIMARY is named as PostgreSQL names a primary key, TABLE_pkey. */
    record Index(int oid, String name, boolean primary, boolean unique, List<String> columns) {}

    /** The OIDs handed out on one connection, both ways. */
    static final class Oids {
        private final Map<String, Integer> byKey = new HashMap<>();
        private final Map<Integer, String> byOid = new HashMap<>();

        synchronized int of(String key) {
            return byKey.computeIfAbsent(key, k -> {
                int oid = FIRST_OID + byKey.size();
                byOid.put(oid, k);
                return oid;
            });
        }

        synchronized String key(int oid) { return byOid.get(oid); }
    }

    private final Session session;
    private final Oids oids;
    private final Map<String, String> settings;

    PgCatalogData(Session session, Oids oids, Map<String, String> settings) {
        this.session = session;
        this.oids = oids;
        this.settings = settings;
    }

    /** The connection's PostgreSQL parameters (pg_settings), name and value, sorted by name. */
    List<String[]> settings() {
        // the read-only ones tools ask for (pgjdbc's getMaxIndexKeys), beside the connection's parameters
        Map<String, String> all = new java.util.TreeMap<>(Map.of("max_index_keys", "32", "max_identifier_length", "63",
                "block_size", "8192", "server_version_num", "160000", "server_encoding", "UTF8", "integer_datetimes", "on"));
        all.putAll(settings);
        // the isolation level is the engine's (pgjdbc's getDefaultTransactionIsolation reads it here)
        String iso = session.systemVariable("transaction_isolation");
        String level = iso == null ? "read committed" : iso.replace('-', ' ').toLowerCase(java.util.Locale.ROOT);
        all.put("default_transaction_isolation", level);
        all.put("transaction_isolation", level);
        List<String[]> out = new ArrayList<>();
        for (var e : all.entrySet()) out.add(new String[] {e.getKey(), e.getValue()});
        return out;
    }

    /** The engine's answer to a query (made of MySQL's SQL), all rows read. */
    PgCatalogQueries.Answer run(String sql) {
        Result r = PgCommands.single(session.execute(sql, false));
        if (!(r instanceof Result.Rows rs)) return new PgCatalogQueries.Answer(List.of(), List.of());
        List<Object[]> rows = new ArrayList<>();
        try (RowCursor c = rs.cursor()) {
            Object[] row;
            while ((row = c.next()) != null) rows.add(row);
        }
        return new PgCatalogQueries.Answer(rs.columns(), rows);
    }

    int oid(String kind, String schema, String name) {
        return oids.of(kind + ":" + schema + "." + name);
    }

    /** schema and name of a relation OID handed out earlier, or null. */
    String[] relationOf(int oid) {
        String key = oids.key(oid);
        if (key == null || !key.startsWith("rel:")) return null;
        String qualified = key.substring(4);
        int dot = qualified.indexOf('.');
        return new String[] {qualified.substring(0, dot), qualified.substring(dot + 1)};
    }

    String currentSchema() {
        String db = session.database();
        return db == null ? "" : db;
    }

    String user() {
        String u = session.user();
        int at = u.indexOf('@');
        return at >= 0 ? u.substring(0, at) : u;
    }

    /** User schemas (Basalt databases other than MySQL's system ones), sorted. */
    List<String> schemas() {
        List<String> out = new ArrayList<>();
        for (Object[] r : query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA ORDER BY SCHEMA_NAME")) {
            String s = String.valueOf(r[0]);
            if (!SYSTEM_SCHEMAS.contains(s.toLowerCase(Locale.ROOT))) out.add(s);
        }
        return out;
    }

    /** Tables ('r') and views ('v') of the user schemas, in schema and name order. */
    List<Relation> relations() {
        List<Relation> out = new ArrayList<>();
        for (Object[] r : query("SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES ORDER BY TABLE_SCHEMA, TABLE_NAME")) {
            String schema = String.valueOf(r[0]);
            if (SYSTEM_SCHEMAS.contains(schema.toLowerCase(Locale.ROOT))) continue;
            char kind = String.valueOf(r[2]).toUpperCase(Locale.ROOT).contains("VIEW") ? 'v' : 'r';
            out.add(new Relation(oid("rel", schema, String.valueOf(r[1])), schema, String.valueOf(r[1]), kind));
        }
        return out;
    }

    Relation relation(int oid) {
        String[] sn = relationOf(oid);
        if (sn == null) return null;
        for (Relation r : relations()) if (r.oid() == oid) return r;
        return null;
    }

    List<Column> columns(String schema, String table) {
        List<Column> out = new ArrayList<>();
        List<Object[]> rows = query("SELECT COLUMN_NAME, ORDINAL_POSITION, COLUMN_DEFAULT, IS_NULLABLE, DATA_TYPE, COLUMN_TYPE, EXTRA,"
                + " COLUMN_COMMENT FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = " + quote(schema)
                + " AND TABLE_NAME = " + quote(table) + " ORDER BY ORDINAL_POSITION");
        Map<String, LogicalType> logical = logicalTypes(schema, table, rows);
        for (Object[] r : rows) {
            PgTypeNames type = PgTypeNames.of(String.valueOf(r[4]), String.valueOf(r[5]), logical.get(String.valueOf(r[0])));
            String extra = r[6] == null ? "" : String.valueOf(r[6]).toLowerCase(Locale.ROOT);
            boolean identity = extra.contains("auto_increment");
            String def = r[2] == null ? null : defaultText(String.valueOf(r[2]), type, extra.contains("default_generated"));
            String comment = r[7] == null || String.valueOf(r[7]).isEmpty() ? null : String.valueOf(r[7]);
            out.add(new Column(String.valueOf(r[0]), Integer.parseInt(String.valueOf(r[1])), type,
                    "NO".equals(String.valueOf(r[3])), def, identity, comment));
        }
        return out;
    }

    /**
     * The logical types (uuid, jsonb) of a table's columns: information_schema shows only the MySQL
     * type under them, so when some column could carry one (a char(36) or json) the table's result
     * columns are read from an empty SELECT. Empty when none could, or the account may not select.
     */
    private Map<String, LogicalType> logicalTypes(String schema, String table, List<Object[]> columns) {
        boolean candidate = false;
        for (Object[] r : columns) {
            String columnType = String.valueOf(r[5]).toLowerCase(Locale.ROOT);
            candidate |= columnType.startsWith("char(36)") || columnType.equals("json");
        }
        if (!candidate) return Map.of();
        Map<String, LogicalType> out = new HashMap<>();
        try {
            PgCatalogQueries.Answer a = run("SELECT * FROM " + identifier(schema) + "." + identifier(table) + " LIMIT 0");
            for (var c : a.columns()) if (c.type().logical() != null) out.put(c.name(), c.type().logical());
        } catch (dev.basalt.engine.api.SqlException e) {
            return Map.of(); // no SELECT privilege on every column: shown as the MySQL type
        }
        return out;
    }

    private static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** A default as pg_get_expr shows it: numbers bare, text as 'value'::type, expressions as they are. */
    private static String defaultText(String value, PgTypeNames type, boolean expression) {
        // a uuid column's DEFAULT gen_random_uuid() is stored as MySQL's (UUID())
        if (expression) return type.oid() == PgTypes.UUID && value.equalsIgnoreCase("uuid()") ? "gen_random_uuid()" : pgExpression(value);
        if (type.numericLiteral()) {
            if (type.oid() == PgTypes.BOOL) return "1".equals(value) ? "true" : "false";
            if (type.oid() == PgTypes.NUMERIC && value.contains(".")) {
                String v = value.replaceAll("0+$", "");
                return v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
            }
            return value;
        }
        return "'" + value.replace("'", "''") + "'::" + type.castName();
    }

    /**
     * An expression default as MySQL's information_schema shows it ({@code (`n` * 2)},
     * {@code concat(_utf8mb4\'a\',`b`)}) in PostgreSQL's spelling: quotes unescaped, without
     * character set introducers, identifiers bare or double-quoted.
     */
    static String pgExpression(String mysql) {
        StringBuilder once = new StringBuilder(); // information_schema escapes quotes and backslashes once more
        for (int i = 0; i < mysql.length(); i++) {
            char c = mysql.charAt(i);
            once.append(c == '\\' && i + 1 < mysql.length() ? mysql.charAt(++i) : c);
        }
        String v = once.toString();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\'') {
                out.append('\'');
                int j = i + 1;
                for (; j < v.length(); j++) {
                    char d = v.charAt(j);
                    if (d == '\\' && j + 1 < v.length()) {
                        char e = v.charAt(++j);
                        out.append(e == '\'' ? "''" : String.valueOf(e));
                    } else if (d == '\'' && j + 1 < v.length() && v.charAt(j + 1) == '\'') {
                        out.append("''");
                        j++;
                    } else if (d == '\'') {
                        break;
                    } else {
                        out.append(d);
                    }
                }
                out.append('\'');
                i = j;
            } else if (c == '`') {
                int end = v.indexOf('`', i + 1);
                if (end < 0) return v;
                String name = v.substring(i + 1, end);
                out.append(name.matches("[a-z_][a-z0-9_]*") ? name : '"' + name.replace("\"", "\"\"") + '"');
                i = end;
            } else if (v.startsWith("_utf8mb4'", i)) {
                i += "_utf8mb4".length() - 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Indexes, the primary key first then by name (psql's order). */
    List<Index> indexes(String schema, String table) {
        Map<String, Index> byName = new LinkedHashMap<>();
        for (Object[] r : query("SELECT INDEX_NAME, NON_UNIQUE, COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = "
                + quote(schema) + " AND TABLE_NAME = " + quote(table) + " ORDER BY INDEX_NAME, SEQ_IN_INDEX")) {
            String mysqlName = String.valueOf(r[0]);
            boolean primary = mysqlName.equals("PRIMARY");
            String name = primary ? table + "_pkey" : mysqlName;
            Index idx = byName.computeIfAbsent(name, n -> new Index(oid("idx", schema, table + "." + n), n, primary,
                    primary || "0".equals(String.valueOf(r[1])), new ArrayList<>()));
            idx.columns().add(String.valueOf(r[2]));
        }
        List<Index> out = new ArrayList<>(byName.values());
        out.sort((a, b) -> a.primary() != b.primary() ? (a.primary() ? -1 : 1) : a.name().compareTo(b.name()));
        return out;
    }

    /** A foreign key: its columns in the child table and the parent's, and its rules as MySQL names them (CASCADE, NO ACTION...). */
    record ForeignKey(String name, String schema, String table, List<String> columns, String refSchema, String refTable,
                      List<String> refColumns, String updateRule, String deleteRule, String uniqueName) {

        /** pg_get_constraintdef: the parent qualified when it is not in the schema in use. */
        String definition(String currentSchema) {
            StringBuilder sb = new StringBuilder("FOREIGN KEY (").append(String.join(", ", columns)).append(") REFERENCES ");
            if (!refSchema.equals(currentSchema)) sb.append(refSchema).append('.');
            sb.append(refTable).append('(').append(String.join(", ", refColumns)).append(')');
            if (!updateRule.equals("NO ACTION")) sb.append(" ON UPDATE ").append(updateRule);
            if (!deleteRule.equals("NO ACTION")) sb.append(" ON DELETE ").append(deleteRule);
            return sb.toString();
        }
    }

    /** Every foreign key the session may see, by child schema, table and name. */
    List<ForeignKey> foreignKeys() {
        Map<String, String[]> rules = new HashMap<>();
        for (Object[] r : query("SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE, UNIQUE_CONSTRAINT_NAME"
                + " FROM information_schema.REFERENTIAL_CONSTRAINTS")) {
            rules.put(r[0] + "." + r[1] + "." + r[2], new String[] {String.valueOf(r[3]), String.valueOf(r[4]), String.valueOf(r[5])});
        }
        Map<String, ForeignKey> byName = new LinkedHashMap<>();
        for (Object[] r : query("SELECT TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_SCHEMA,"
                + " REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE"
                + " WHERE REFERENCED_TABLE_NAME IS NOT NULL ORDER BY TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION")) {
            String key = r[0] + "." + r[1] + "." + r[2];
            String[] rule = rules.getOrDefault(key, new String[] {"NO ACTION", "NO ACTION", "PRIMARY"});
            String refTable = String.valueOf(r[5]);
            ForeignKey fk = byName.computeIfAbsent(key, k -> new ForeignKey(String.valueOf(r[2]), String.valueOf(r[0]), String.valueOf(r[1]),
                    new ArrayList<>(), String.valueOf(r[4]), refTable, new ArrayList<>(), rule[0], rule[1],
                    rule[2].equals("PRIMARY") ? refTable + "_pkey" : rule[2]));
            fk.columns().add(String.valueOf(r[3]));
            fk.refColumns().add(String.valueOf(r[6]));
        }
        return new ArrayList<>(byName.values());
    }

    /** CHECK constraints of a table: name and PostgreSQL's text of it, by name. */
    List<String[]> checks(String schema, String table) {
        List<String> names = new ArrayList<>();
        for (Object[] r : query("SELECT CONSTRAINT_NAME FROM information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_TYPE = 'CHECK'"
                + " AND TABLE_SCHEMA = " + quote(schema) + " AND TABLE_NAME = " + quote(table))) {
            names.add(String.valueOf(r[0]));
        }
        List<String[]> out = new ArrayList<>();
        if (names.isEmpty()) return out;
        for (Object[] r : query("SELECT CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = "
                + quote(schema) + " ORDER BY CONSTRAINT_NAME")) {
            if (!names.contains(String.valueOf(r[0]))) continue;
            String clause = String.valueOf(r[1]).replace("`", "");
            if (!clause.startsWith("(")) clause = "(" + clause + ")";
            out.add(new String[] {String.valueOf(r[0]), "CHECK " + clause});
        }
        return out;
    }

    /** A stored function or procedure: its result type and arguments as pg_get_function_result/arguments show them. */
    record Routine(String schema, String name, boolean procedure, String result, String arguments) {}

    /** Stored functions and procedures, by schema and name. */
    List<Routine> routines() {
        Map<String, List<String>> args = new HashMap<>();
        Map<String, String> results = new HashMap<>();
        for (Object[] r : query("SELECT SPECIFIC_SCHEMA, SPECIFIC_NAME, ORDINAL_POSITION, PARAMETER_MODE, PARAMETER_NAME, DATA_TYPE,"
                + " DTD_IDENTIFIER FROM information_schema.PARAMETERS ORDER BY SPECIFIC_SCHEMA, SPECIFIC_NAME, ORDINAL_POSITION")) {
            String key = r[0] + "." + r[1];
            // function arguments and results carry no length in PostgreSQL
            String type = PgTypeNames.of(String.valueOf(r[5]), String.valueOf(r[6])).castName();
            if ("0".equals(String.valueOf(r[2]))) {
                results.put(key, type);
                continue;
            }
            String mode = r[3] == null || "IN".equals(String.valueOf(r[3])) ? "" : r[3] + " ";
            args.computeIfAbsent(key, k -> new ArrayList<>()).add(mode + r[4] + " " + type);
        }
        List<Routine> out = new ArrayList<>();
        for (Object[] r : query("SELECT ROUTINE_SCHEMA, ROUTINE_NAME, ROUTINE_TYPE FROM information_schema.ROUTINES ORDER BY ROUTINE_SCHEMA, ROUTINE_NAME")) {
            String key = r[0] + "." + r[1];
            boolean procedure = "PROCEDURE".equals(String.valueOf(r[2]));
            out.add(new Routine(String.valueOf(r[0]), String.valueOf(r[1]), procedure, procedure ? null : results.getOrDefault(key, ""),
                    String.join(", ", args.getOrDefault(key, List.of()))));
        }
        return out;
    }

    /** Account names (without host), each once, sorted, with whether one of its accounts is a superuser. */
    Map<String, Boolean> roles() {
        Map<String, Boolean> out = new java.util.TreeMap<>();
        try {
            for (Object[] r : query("SELECT User, Super_priv FROM mysql.user")) {
                out.merge(String.valueOf(r[0]), "Y".equalsIgnoreCase(String.valueOf(r[1])), Boolean::logicalOr);
            }
        } catch (RuntimeException e) {
            // an account that may not read mysql.user sees itself only, as PostgreSQL would show it at least
        }
        if (out.isEmpty()) out.put(user(), false);
        return out;
    }

    private List<Object[]> query(String sql) {
        List<Object[]> rows = new ArrayList<>();
        var results = session.execute(sql, false);
        Result r = PgCommands.single(results);
        if (r instanceof Result.Rows rs) {
            try (RowCursor c = rs.cursor()) {
                Object[] row;
                while ((row = c.next()) != null) rows.add(row);
            }
        }
        return rows;
    }

    static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** A PostgreSQL regular expression from psql's patterns, matched as a Java one (psql only sends simple ones). */
    static boolean matches(String regex, String value) {
        try {
            return java.util.regex.Pattern.compile(regex).matcher(value).find();
        } catch (java.util.regex.PatternSyntaxException e) {
            return false;
        }
    }
}
