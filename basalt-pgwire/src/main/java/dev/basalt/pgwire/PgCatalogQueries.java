package dev.basalt.pgwire;

import dev.basalt.engine.api.ColumnInfo;
import dev.basalt.engine.types.SqlType;
import dev.basalt.sql.postgres.PgText;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalog queries of PostgreSQL tools, answered from Basalt's catalog. Basalt's engine runs
 * MySQL's SQL; the queries psql's backslash commands and pgjdbc's DatabaseMetaData send to
 * pg_catalog (regular-expression operators, regclass casts, arrays, set-returning functions)
 * are not SQL it can plan. So the protocol recognises those queries by their shape, takes their
 * filters (patterns, schema and table names, OIDs) and computes the rows they ask for: psql's
 * {@link PsqlCatalog} and pgjdbc's {@link JdbcCatalog}. Any other query that reads pg_catalog
 * gets an honest 0A000 instead of wrong rows.
 */
final class PgCatalogQueries {
    private PgCatalogQueries() {}

    /** The columns and rows of an answered query. */
    record Answer(List<ColumnInfo> columns, List<Object[]> rows) {}

    /** A reference to a catalog table: qualified, or one of the names tools use bare after FROM, JOIN or a comma. */
    private static final Pattern CATALOG = Pattern.compile(
            "(?i)\\bpg_catalog\\s*\\.\\s*pg_\\w+\\b(?!\\s*\\()|(\\bfrom|\\bjoin|,)\\s*pg_(" + PgCatalogTables.NAMES
                    + ")\\b(?!\\s*\\()|information_schema\\._pg_|'\\s*::\\s*(pg_catalog\\s*\\.\\s*)?regclass\\b"
                    + "|(?<![\\w.])(pg_catalog\\s*\\.\\s*)?(format_type|pg_get_userbyid|pg_table_is_visible|pg_get_indexdef|pg_get_constraintdef"
                    + "|obj_description|col_description|pg_encoding_to_char)\\s*\\(");
    private static final String[] TRIGGERS = {"pg_", "information_schema", "regclass", "format_type", "_description",
        "version", "current_database", "current_catalog", "current_schemas"};
    /** A query made of one session function alone. */
    private static final Pattern FUNCTION = Pattern.compile("(?is)\\s*select\\s+(pg_catalog\\.)?(version\\(\\)|current_database\\(\\)"
            + "|current_catalog|current_schemas\\((true|false)\\))(?:\\s+as\\s+\"?(\\w+)\"?)?\\s*;?\\s*");
    private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+)");
    /** Catalogs Basalt has nothing in (policies, statistics objects, publications, inheritance, triggers, rules). */
    private static final Pattern EMPTY = Pattern.compile(
            "(?i)\\bpg_catalog\\.(pg_policy|pg_statistic_ext|pg_publication|pg_inherits|pg_trigger|pg_rewrite"
                    + "|pg_event_trigger|pg_sequence|pg_partitioned_table|pg_foreign_table)\\b");

    /** True when the text reads PostgreSQL's catalog or its functions: the engine cannot run it. */
    static boolean handles(String sql) {
        String word = PgSqlText.firstWord(sql);
        // catalog queries are queries: other statements go to the engine whatever their literals say
        if (!word.equals("SELECT") && !word.equals("WITH")) return false;
        // a cheap test first: each form of CATALOG and FUNCTION has one of these words
        if (!PgText.containsAnyIgnoreCase(sql, TRIGGERS)) return false;
        return CATALOG.matcher(sql).find() || FUNCTION.matcher(sql).matches();
    }

    /**
     * The answer to a catalog query.
     *
     * @param parameters the values of $1, $2... (extended query), by number
     * @throws PgException 0A000 for a catalog query no tool we know sends
     */
    static Answer answer(String sql, Object[] parameters, PgCatalogData data, String database) {
        String text = substitute(sql, parameters).replaceAll("\\s+", " ").trim();
        if (text.endsWith(";")) text = text.substring(0, text.length() - 1).trim();
        Answer a = functions(text, data, database);
        if (a == null) a = PsqlCatalog.answer(text, data);
        if (a == null) a = JdbcCatalog.answer(text, data, database);
        if (a == null) a = pgbenchPartitions(text, data);
        if (a == null && EMPTY.matcher(text).find()) a = new Answer(List.of(), List.of());
        if (a == null) a = PgCatalogTables.run(PgFunctions.rewrite(text, database, data.currentSchema()), data);
        return a;
    }

    /** SELECT version(), current_database(), current_catalog, current_schemas(b): the whole query. */
    private static Answer functions(String text, PgCatalogData data, String database) {
        Matcher m = FUNCTION.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) return null;
        String fn = m.group(2);
        String name = m.group(4) != null ? m.group(4) : fn.replaceAll("\\(.*", "");
        Object value;
        if (fn.startsWith("version")) {
            value = PgFunctions.versionText();
        } else if (fn.startsWith("current_schemas")) {
            value = "{" + ("true".equals(m.group(3)) ? "pg_catalog," : "") + data.currentSchema() + "}";
        } else {
            value = database;
        }
        return new Answer(List.of(text(name)), List.<Object[]>of(new Object[] {value}));
    }

    /**
     * pgbench's question whether pgbench_accounts is partitioned (and in which position of the
     * search_path its schema is): Basalt has no partitioned tables in PostgreSQL's sense.
     */
    private static Answer pgbenchPartitions(String text, PgCatalogData data) {
        if (!text.toLowerCase(Locale.ROOT).startsWith("select o.n, p.partstrat, pg_catalog.count(i.inhparent) from pg_catalog.pg_class")) return null;
        String table = unquote(find(text, "c\\.relname = '((?:[^']++|'')*+)'"));
        List<Object[]> rows = new ArrayList<>();
        for (PgCatalogData.Relation r : data.relations()) {
            if (r.kind() == 'r' && r.name().equals(table) && r.schema().equals(data.currentSchema())) {
                rows.add(new Object[] {1, null, 0L});
                break;
            }
        }
        return new Answer(List.of(int4("n"), text("partstrat"), int8("count")), rows);
    }

    /** $n replaced by the value as a quoted literal (NULL when null). */
    private static String substitute(String sql, Object[] parameters) {
        if (parameters == null || parameters.length == 0) return sql;
        Matcher m = PARAMETER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int i = Integer.parseInt(m.group(1)) - 1;
            String literal = i < 0 || i >= parameters.length ? m.group() : parameters[i] == null ? "NULL"
                    : PgCatalogData.quote(parameters[i] instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8)
                    : String.valueOf(parameters[i]));
            m.appendReplacement(out, Matcher.quoteReplacement(literal));
        }
        m.appendTail(out);
        return out.toString();
    }

    // ---- helpers for the answers ----

    static ColumnInfo text(String name) {
        return named(name, SqlType.LONGTEXT);
    }

    static ColumnInfo int4(String name) {
        return named(name, SqlType.INT);
    }

    static ColumnInfo int8(String name) {
        return named(name, SqlType.BIGINT);
    }

    static ColumnInfo bool(String name) {
        return named(name, SqlType.BOOLEAN);
    }

    /** A column named as given (an original name, so PgColumnNames keeps titles such as "ICU Locale"). */
    private static ColumnInfo named(String name, SqlType type) {
        return new ColumnInfo("", "", "", name, name, type, true, false, false, false, false);
    }

    /** The first group of the pattern in the text, or null. */
    static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.CASE_INSENSITIVE).matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /** Every first group of the pattern in the text. */
    static List<String> findAll(String text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.CASE_INSENSITIVE).matcher(text);
        List<String> out = new ArrayList<>();
        while (m.find()) out.add(m.group(1));
        return out;
    }

    /** SQL LIKE (with its default escape, backslash) as a test. */
    static boolean like(String pattern, String value) {
        if (pattern == null) return true;
        if (pattern.indexOf('%') < 0 && pattern.indexOf('_') < 0 && pattern.indexOf('\\') < 0) return pattern.equals(value);
        // literal runs quoted once each: a long pattern makes a short regular expression
        StringBuilder re = new StringBuilder("(?s)"), run = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                run.append(pattern.charAt(++i));
                continue;
            }
            if (c != '%' && c != '_') {
                run.append(c);
                continue;
            }
            if (!run.isEmpty()) re.append(Pattern.quote(run.toString()));
            run.setLength(0);
            re.append(c == '%' ? ".*" : ".");
        }
        if (!run.isEmpty()) re.append(Pattern.quote(run.toString()));
        return value.matches(re.toString());
    }

    /** A quoted SQL literal's text ('' unescaped). */
    static String unquote(String literal) {
        return literal == null ? null : literal.replace("''", "'");
    }
}
