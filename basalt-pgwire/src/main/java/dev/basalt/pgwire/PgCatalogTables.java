package dev.basalt.pgwire;

import dev.basalt.sql.postgres.PgDialect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ad-hoc queries on pg_catalog ({@code SELECT relname FROM pg_class WHERE relkind = 'r'}): each
 * catalog table the query names becomes a derived table of literal rows computed from Basalt's
 * catalog, and the engine runs the rest of the query as it runs any other (joins, filters,
 * ordering). PostgreSQL's regular-expression operators become REGEXP (case-insensitive under
 * Basalt's default collation, unlike PostgreSQL's ~). What MySQL's SQL cannot express
 * (regclass casts, arrays, pg_catalog functions) fails as the engine reports it.
 */
final class PgCatalogTables {
    private PgCatalogTables() {}

    /** The catalog tables Basalt fills, without their pg_ prefix. */
    static final String NAMES = "namespace|class|attribute|type|index|database|roles|user|authid|description|am|constraint"
            + "|settings|proc|attrdef|tables|views|indexes|collation|inherits|policy|trigger|rewrite|statistic_ext|tablespace"
            + "|extension|auth_members|sequence|event_trigger|shdescription|depend|enum|range|matviews|foreign_table"
            + "|partitioned_table|publication|publication_rel|publication_namespace";
    private static final Pattern TABLE = Pattern.compile(
            "(?i)(\\bpg_catalog\\s*\\.\\s*pg_(\\w+)\\b|(?<=\\bfrom|\\bjoin|,)(\\s*)pg_(" + NAMES + ")\\b)(?!\\s*[(.])(\\s+(?:as\\s+)?(\\w+))?");
    private static final Set<String> KEYWORDS = Set.of("where", "join", "left", "right", "inner", "outer", "cross", "natural",
            "on", "using", "order", "group", "having", "limit", "offset", "union", "except", "intersect", "window", "for",
            "fetch", "full", "straight_join", "lateral");
    private static final int PG_CATALOG = 11, PUBLIC_ROLE = 10, INFORMATION_SCHEMA = 13000, HEAP = 2, BTREE = 403;

    /** The answer of the engine to the query with its catalog tables made literal. */
    static PgCatalogQueries.Answer run(String text, PgCatalogData data) {
        String sql = rewrite(text, data);
        try {
            return data.run(PgDialect.translate(sql).sql());
        } catch (dev.basalt.engine.api.SqlException e) {
            // PostgreSQL syntax MySQL's cannot express (arrays, regclass casts, pg_catalog functions): say so
            if (e.errorCode() != 1064 && e.errorCode() != 1305 && e.errorCode() != 1054) throw e;
            throw new PgException("0A000", "this query on PostgreSQL's catalog is not supported by Basalt: " + e.getMessage());
        }
    }

    /** 'name'::regclass: the OID of a relation (catalog tables have PostgreSQL's fixed ones). */
    private static final Pattern REGCLASS = Pattern.compile("(?i)'((?:[^']++|'')*+)'\\s*::\\s*(?:pg_catalog\\s*\\.\\s*)?regclass\\b");
    private static final Map<String, Integer> CATALOG_OIDS = Map.ofEntries(Map.entry("pg_class", 1259), Map.entry("pg_namespace", 2615),
            Map.entry("pg_type", 1247), Map.entry("pg_attribute", 1249), Map.entry("pg_proc", 1255), Map.entry("pg_constraint", 2606),
            Map.entry("pg_database", 1262), Map.entry("pg_authid", 1260), Map.entry("pg_index", 2610), Map.entry("pg_description", 2609),
            Map.entry("pg_am", 2601), Map.entry("pg_attrdef", 2604), Map.entry("pg_trigger", 2620), Map.entry("pg_rewrite", 2618));

    /** 'name'::regproc: compared with pg_type.typinput, which holds function names. */
    private static final Pattern REGPROC = Pattern.compile("(?i)'(?:pg_catalog\\.)?((?:[^']++|'')*+)'\\s*::\\s*(?:pg_catalog\\s*\\.\\s*)?regproc\\b");

    static String regclasses(String text, PgCatalogData data) {
        text = REGPROC.matcher(text).replaceAll("'$1'");
        Matcher m = REGCLASS.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = PgCatalogQueries.unquote(m.group(1)).replace("\"", "");
            String bare = name.startsWith("pg_catalog.") ? name.substring(11) : name;
            Integer oid = CATALOG_OIDS.get(bare);
            if (oid == null) {
                int dot = name.indexOf('.');
                String schema = dot > 0 ? name.substring(0, dot) : data.currentSchema(), table = dot > 0 ? name.substring(dot + 1) : name;
                for (PgCatalogData.Relation r : data.relations()) {
                    if (r.schema().equals(schema) && r.name().equals(table)) oid = r.oid();
                }
            }
            if (oid == null) throw new PgException("42P01", "relation \"" + name + "\" does not exist");
            m.appendReplacement(out, oid.toString());
        }
        m.appendTail(out);
        return out.toString();
    }

    static String rewrite(String text, PgCatalogData data) {
        text = PgCatalogFunctions.rewrite(regclasses(text, data), data);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'') {
                int end = i + 1;
                while (end < text.length() && !(text.charAt(end) == '\'' && (end + 1 >= text.length() || text.charAt(end + 1) != '\''))) {
                    end += text.charAt(end) == '\'' ? 2 : 1;
                }
                end = Math.min(end + 1, text.length());
                out.append(text, i, end);
                i = end;
                continue;
            }
            int next = text.indexOf('\'', i);
            if (next < 0) next = text.length();
            out.append(code(text.substring(i, next), data));
            i = next;
        }
        return out.toString();
    }

    private static String code(String code, PgCatalogData data) {
        code = code.replaceAll("(?i)\\s*COLLATE\\s+pg_catalog\\.\\w+", "")
                .replaceAll("(?i)OPERATOR\\s*\\(\\s*pg_catalog\\s*\\.\\s*~\\s*\\)", " REGEXP ")
                .replaceAll("!~\\*?", " NOT REGEXP ")
                .replaceAll("(?<![<>!=])~\\*?(?=\\s*$|\\s)", " REGEXP ");
        Matcher m = TABLE.matcher(code);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = (m.group(2) != null ? m.group(2) : m.group(4)).toLowerCase(Locale.ROOT);
            String lead = m.group(3) == null ? "" : m.group(3);
            String alias = m.group(6);
            String derived = derived(name, data);
            String replacement;
            if (alias != null && !KEYWORDS.contains(alias.toLowerCase(Locale.ROOT))) {
                replacement = lead + derived + m.group(5);
            } else {
                replacement = lead + derived + " AS pg_" + name + (m.group(5) == null ? "" : m.group(5));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A derived table of literal rows: (SELECT v AS col, ... UNION ALL SELECT ...). */
    private static String derived(String name, PgCatalogData data) {
        Table t = table(name, data);
        if (t == null) throw new PgException("0A000", "pg_catalog.pg_" + name + " is not available in Basalt");
        StringBuilder sb = new StringBuilder("(");
        if (t.rows.isEmpty()) {
            sb.append("SELECT ");
            for (int i = 0; i < t.columns.length; i++) sb.append(i > 0 ? ", " : "").append("NULL AS ").append(t.columns[i]);
            sb.append(" FROM DUAL WHERE FALSE");
        }
        for (int r = 0; r < t.rows.size(); r++) {
            sb.append(r > 0 ? " UNION ALL SELECT " : "SELECT ");
            Object[] row = t.rows.get(r);
            for (int i = 0; i < t.columns.length; i++) {
                if (i > 0) sb.append(", ");
                sb.append(literal(row[i]));
                if (r == 0) sb.append(" AS ").append(t.columns[i]);
            }
        }
        return sb.append(")").toString();
    }

    private static String literal(Object v) {
        if (v == null) return "NULL";
        if (v instanceof Boolean b) return b ? "TRUE" : "FALSE";
        if (v instanceof Number n) return n.toString();
        return PgCatalogData.quote(v.toString());
    }

    private record Table(String[] columns, List<Object[]> rows) {}

    private static Table table(String name, PgCatalogData data) {
        List<Object[]> rows = new ArrayList<>();
        String owner = PsqlCatalog.OWNER;
        switch (name) {
            case "namespace" -> {
                rows.add(new Object[] {PG_CATALOG, "pg_catalog", PUBLIC_ROLE, null});
                rows.add(new Object[] {INFORMATION_SCHEMA, "information_schema", PUBLIC_ROLE, null});
                for (String s : data.schemas()) rows.add(new Object[] {data.oid("nsp", s, ""), s, PUBLIC_ROLE, null});
                return new Table(cols("oid nspname nspowner nspacl"), rows);
            }
            case "class" -> {
                for (PgCatalogData.Relation r : data.relations()) {
                    List<PgCatalogData.Index> idx = r.kind() == 'r' ? data.indexes(r.schema(), r.name()) : List.of();
                    rows.add(new Object[] {r.oid(), r.name(), data.oid("nsp", r.schema(), ""), 0, PUBLIC_ROLE, r.kind() == 'r' ? HEAP : 0,
                            String.valueOf(r.kind()), "p", !idx.isEmpty(), 0, -1, 0, false, 0, data.columns(r.schema(), r.name()).size(), null});
                    for (PgCatalogData.Index i : idx) {
                        rows.add(new Object[] {i.oid(), i.name(), data.oid("nsp", r.schema(), ""), 0, PUBLIC_ROLE, BTREE, "i", "p",
                                false, 0, -1, 0, false, 0, i.columns().size(), null});
                    }
                }
                return new Table(cols("oid relname relnamespace reltype relowner relam relkind relpersistence relhasindex relchecks"
                        + " reltuples relpages relispartition reltablespace relnatts relacl"), rows);
            }
            case "attribute" -> {
                for (PgCatalogData.Relation r : data.relations()) {
                    for (PgCatalogData.Column c : data.columns(r.schema(), r.name())) {
                        rows.add(new Object[] {r.oid(), c.name(), c.type().oid(), c.position(), c.type().typlen(), c.type().typmod(),
                                c.notNull(), c.defaultText() != null, false, c.identity() ? "d" : "", "", 0, null});
                    }
                }
                return new Table(cols("attrelid attname atttypid attnum attlen atttypmod attnotnull atthasdef attisdropped"
                        + " attidentity attgenerated attcollation attacl"), rows);
            }
            case "attrdef" -> {
                for (PgCatalogData.Relation r : data.relations()) {
                    for (PgCatalogData.Column c : data.columns(r.schema(), r.name())) {
                        if (c.defaultText() != null && !c.identity()) {
                            rows.add(new Object[] {data.oid("def", r.schema(), r.name() + "." + c.name()), r.oid(), c.position(), c.defaultText()});
                        }
                    }
                }
                return new Table(cols("oid adrelid adnum adbin"), rows);
            }
            case "type" -> {
                Object[][] types = {{16, "bool", 1}, {17, "bytea", -1}, {19, "name", 64}, {20, "int8", 8}, {21, "int2", 2},
                        {23, "int4", 4}, {25, "text", -1}, {26, "oid", 4}, {114, "json", -1}, {700, "float4", 4}, {701, "float8", 8},
                        {1042, "bpchar", -1}, {1043, "varchar", -1}, {1082, "date", 4}, {1083, "time", 8}, {1114, "timestamp", 8},
                        {1184, "timestamptz", 8}, {1186, "interval", 16}, {1700, "numeric", -1}, {3802, "jsonb", -1}};
                for (Object[] t : types) {
                    PgArrayTypes.Entry array = null;
                    for (PgArrayTypes.Entry e : PgArrayTypes.ENTRIES) if (e.elementOid() == (int) t[0]) array = e;
                    rows.add(new Object[] {t[0], t[1], PG_CATALOG, t[2], "b", 0, -1, false, 0, 0, PUBLIC_ROLE, 0,
                            array == null ? 0 : array.arrayOid(), ",", true, t[1] + "in"});
                }
                // array types: typelem names the element (pgjdbc's getArray reads it), typcategory A
                for (PgArrayTypes.Entry e : PgArrayTypes.ENTRIES) {
                    rows.add(new Object[] {e.arrayOid(), e.arrayName(), PG_CATALOG, -1, "b", 0, -1, false, 0, e.elementOid(),
                            PUBLIC_ROLE, 0, 0, ",", true, "array_in"});
                }
                rows.add(new Object[] {PgArrayTypes.UUID_OID, "uuid", PG_CATALOG, 16, "b", 0, -1, false, 0, 0, PUBLIC_ROLE, 0,
                        2951, ",", true, "uuid_in"});
                return new Table(cols("oid typname typnamespace typlen typtype typbasetype typtypmod typnotnull typcollation typelem typowner"
                        + " typrelid typarray typdelim typisdefined typinput"), rows);
            }
            case "index" -> {
                for (PgCatalogData.Relation r : data.relations()) {
                    if (r.kind() != 'r') continue;
                    Map<String, Integer> positions = new java.util.HashMap<>();
                    for (PgCatalogData.Column c : data.columns(r.schema(), r.name())) positions.put(c.name(), c.position());
                    for (PgCatalogData.Index i : data.indexes(r.schema(), r.name())) {
                        StringBuilder key = new StringBuilder();
                        for (String col : i.columns()) key.append(key.isEmpty() ? "" : " ").append(positions.getOrDefault(col, 0));
                        rows.add(new Object[] {i.oid(), r.oid(), i.columns().size(), i.unique(), i.primary(), false, true, key.toString()});
                    }
                }
                return new Table(cols("indexrelid indrelid indnatts indisunique indisprimary indisclustered indisvalid indkey"), rows);
            }
            case "indexes" -> {
                for (PgCatalogData.Relation r : data.relations()) {
                    if (r.kind() != 'r') continue;
                    for (PgCatalogData.Index i : data.indexes(r.schema(), r.name())) {
                        rows.add(new Object[] {r.schema(), r.name(), i.name(), null, PsqlCatalog.indexDef(r, i)});
                    }
                }
                return new Table(cols("schemaname tablename indexname tablespace indexdef"), rows);
            }
            case "constraint" -> {
                for (PgCatalogData.Relation r : data.relations()) {
                    if (r.kind() != 'r') continue;
                    for (PgCatalogData.Index i : data.indexes(r.schema(), r.name())) {
                        if (!i.primary()) continue;
                        rows.add(new Object[] {data.oid("con", r.schema(), i.name()), i.name(), data.oid("nsp", r.schema(), ""), "p",
                                r.oid(), i.oid(), 0, false, false, "PRIMARY KEY (" + String.join(", ", i.columns()) + ")"});
                    }
                }
                for (PgCatalogData.ForeignKey fk : data.foreignKeys()) {
                    rows.add(new Object[] {data.oid("con", fk.schema(), fk.name()), fk.name(), data.oid("nsp", fk.schema(), ""), "f",
                            data.oid("rel", fk.schema(), fk.table()), 0, data.oid("rel", fk.refSchema(), fk.refTable()), false, false,
                            fk.definition(data.currentSchema())});
                }
                return new Table(cols("oid conname connamespace contype conrelid conindid confrelid condeferrable condeferred condef"), rows);
            }
            case "tables", "views" -> {
                boolean views = name.equals("views");
                for (PgCatalogData.Relation r : data.relations()) {
                    if ((r.kind() == 'v') != views) continue;
                    rows.add(views ? new Object[] {r.schema(), r.name(), owner, null}
                            : new Object[] {r.schema(), r.name(), owner, null, !data.indexes(r.schema(), r.name()).isEmpty(), false, false, false});
                }
                return new Table(cols(views ? "schemaname viewname viewowner definition"
                        : "schemaname tablename tableowner tablespace hasindexes hasrules hastriggers rowsecurity"), rows);
            }
            case "database" -> {
                rows.add(new Object[] {data.oid("db", "postgres", ""), "postgres", PUBLIC_ROLE, 6, "utf8mb4_0900_ai_ci",
                        "utf8mb4_0900_ai_ci", false, true, -1, null});
                for (String s : data.schemas()) {
                    if (s.equals(PgDatabases.PUBLIC)) continue;
                    rows.add(new Object[] {data.oid("db", s, ""), s, PUBLIC_ROLE, 6, "utf8mb4_0900_ai_ci", "utf8mb4_0900_ai_ci", false, true, -1, null});
                }
                return new Table(cols("oid datname datdba encoding datcollate datctype datistemplate datallowconn datconnlimit datacl"), rows);
            }
            case "roles", "authid", "user" -> {
                for (var e : data.roles().entrySet()) {
                    boolean su = e.getValue();
                    // the owner of everything (PsqlCatalog.OWNER) is PostgreSQL's bootstrap superuser, OID 10
                    int oid = e.getKey().equals(PsqlCatalog.OWNER) ? PUBLIC_ROLE : data.oid("role", e.getKey(), "");
                    rows.add(name.equals("user") ? new Object[] {e.getKey(), oid, su, su, su, su, null, null}
                            : new Object[] {oid, e.getKey(), su, true, su, su, true, su, -1, null, su, null});
                }
                return new Table(cols(name.equals("user") ? "usename usesysid usecreatedb usesuper userepl usebypassrls passwd valuntil"
                        : "oid rolname rolsuper rolinherit rolcreaterole rolcreatedb rolcanlogin rolreplication rolconnlimit"
                        + " rolvaliduntil rolbypassrls rolpassword"), rows);
            }
            case "description" -> {
                for (PgCatalogData.Relation r : data.relations()) {
                    for (PgCatalogData.Column c : data.columns(r.schema(), r.name())) {
                        if (c.comment() != null) rows.add(new Object[] {r.oid(), 1259, c.position(), c.comment()});
                    }
                }
                return new Table(cols("objoid classoid objsubid description"), rows);
            }
            case "am" -> {
                rows.add(new Object[] {HEAP, "heap", "t"});
                rows.add(new Object[] {BTREE, "btree", "i"});
                return new Table(cols("oid amname amtype"), rows);
            }
            case "settings" -> {
                for (String[] s : data.settings()) rows.add(new Object[] {s[0], s[1], null, "Basalt", s[0], "user", "string", "session"});
                return new Table(cols("name setting unit category short_desc context vartype source"), rows);
            }
            case "proc" -> {
                // the functions Basalt answers itself (PgFunctions); the engine's MySQL functions are not listed
                String[] fns = {"version", "current_database", "current_schemas", "pg_backend_pid"};
                int[] ret = {25, 19, 1003, 23};
                for (int i = 0; i < fns.length; i++) rows.add(new Object[] {data.oid("proc", "pg_catalog", fns[i]), fns[i], PG_CATALOG, ret[i], "f", PUBLIC_ROLE});
                return new Table(cols("oid proname pronamespace prorettype prokind proowner"), rows);
            }
            case "collation", "inherits", "policy", "trigger", "rewrite", "statistic_ext", "tablespace", "extension", "auth_members",
                 "sequence", "event_trigger", "shdescription", "depend", "enum", "range", "matviews", "foreign_table",
                 "partitioned_table", "publication", "publication_rel", "publication_namespace" -> {
                return new Table(cols("oid"), rows); // nothing of the kind in Basalt
            }
            default -> {
                return null;
            }
        }
    }

    /** OID and pg_get_constraintdef of every primary key and foreign key (pg_constraint's rows). */
    static List<String[]> constraintDefinitions(PgCatalogData data) {
        List<String[]> out = new ArrayList<>();
        Table t = table("constraint", data);
        for (Object[] r : t.rows()) out.add(new String[] {String.valueOf(r[0]), String.valueOf(r[r.length - 1])});
        return out;
    }

    private static String[] cols(String names) {
        return names.split(" ");
    }
}
