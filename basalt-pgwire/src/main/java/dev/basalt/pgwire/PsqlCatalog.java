package dev.basalt.pgwire;

import dev.basalt.engine.api.ColumnInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.basalt.pgwire.PgCatalogQueries.bool;
import static dev.basalt.pgwire.PgCatalogQueries.find;
import static dev.basalt.pgwire.PgCatalogQueries.findAll;
import static dev.basalt.pgwire.PgCatalogQueries.int4;
import static dev.basalt.pgwire.PgCatalogQueries.int8;
import static dev.basalt.pgwire.PgCatalogQueries.text;

/**
 * The catalog queries of psql's describe commands (\l, \dn, \du, \dt, \di, \dv, \d, \d NAME), as
 * psql 15 and later send them (learnt with psql -E against PostgreSQL). psql reads their columns
 * by position and their booleans as 't'/'f'; the listing commands name their columns with
 * {@code AS "Title"}, which is where the column list is taken from.
 */
final class PsqlCatalog {
    private PsqlCatalog() {}

    /** Basalt has no object owners; its built-in superuser stands for them. */
    static final String OWNER = "root";
    private static final String COLLATION = "utf8mb4_0900_ai_ci";

    static PgCatalogQueries.Answer answer(String text, PgCatalogData data) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("from pg_catalog.pg_database d") && t.contains("as \"name\"")) return databases(text, data);
        if (t.contains("from pg_catalog.pg_namespace n") && t.contains("as \"name\"")) return schemas(text, data);
        if (t.contains("from pg_catalog.pg_roles r") && t.startsWith("select r.rolname, r.rolsuper")) return roles(text, data);
        if (t.contains("from pg_catalog.pg_class c") && t.contains("as \"schema\"") && t.contains("c.relkind in (")) {
            return relations(text, data);
        }
        if (t.startsWith("select c.oid, n.nspname, c.relname from pg_catalog.pg_class c")) return lookup(text, data);
        if (t.contains("from pg_catalog.pg_proc p") && t.contains("as \"schema\"")) return functions(text, data);
        // \dT: Basalt has no user-defined types
        if (t.contains("from pg_catalog.pg_type t") && t.contains("as \"schema\"")) return listing(titles(text), List.of());
        String oid = find(text, "c\\.oid = '(\\d+)'");
        if (t.startsWith("select c.relchecks, c.relkind") && oid != null) return tableInfo(Integer.parseInt(oid), data);
        String attrelid = find(text, "a\\.attrelid = '(\\d+)'");
        if (t.startsWith("select a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod)") && attrelid != null) {
            return columns(t, Integer.parseInt(attrelid), data);
        }
        if (t.startsWith("select c2.relname, i.indisprimary, i.indisunique") && oid != null) return indexes(Integer.parseInt(oid), data);
        String conrelid = find(text, "r\\.conrelid = '(\\d+)'");
        if (t.startsWith("select r.conname, pg_catalog.pg_get_constraintdef(r.oid, true) from pg_catalog.pg_constraint r") && conrelid != null
                && t.contains("r.contype = 'c'")) {
            return checks(Integer.parseInt(conrelid), data);
        }
        if (t.startsWith("select true as sametable, conname") && conrelid != null) return foreignKeys(Integer.parseInt(conrelid), data);
        String confrelid = find(text, "VALUES \\('(\\d+)'::pg_catalog\\.regclass\\)");
        if (t.startsWith("select conname, conrelid::pg_catalog.regclass as ontable") && confrelid != null) {
            return referencedBy(Integer.parseInt(confrelid), data);
        }
        return null;
    }

    /** The AS "Title" names of a listing query, in order. */
    private static List<String> titles(String text) {
        return findAll(text, "\\bas \"([^\"]+)\"");
    }

    /** A listing: each title's value from the map of lower-case title to value. */
    private static PgCatalogQueries.Answer listing(List<String> titles, List<Map<String, Object>> rows) {
        List<ColumnInfo> cols = new ArrayList<>();
        for (String title : titles) cols.add(text(title));
        List<Object[]> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            Object[] row = new Object[titles.size()];
            for (int i = 0; i < row.length; i++) row[i] = r.get(titles.get(i).toLowerCase(Locale.ROOT));
            out.add(row);
        }
        return new PgCatalogQueries.Answer(cols, out);
    }

    /** The regular expression psql made of a pattern for this column, or null. */
    private static String pattern(String text, String column) {
        String p = find(text, java.util.regex.Pattern.quote(column) + " OPERATOR\\(pg_catalog\\.~\\) '((?:[^']++|'')*+)'");
        return p == null ? null : PgCatalogQueries.unquote(p);
    }

    /** \l: the PostgreSQL databases. Connecting to postgres means schema public; to any other schema's name, that schema. */
    private static PgCatalogQueries.Answer databases(String text, PgCatalogData data) {
        String re = pattern(text, "d.datname");
        List<String> names = new ArrayList<>();
        names.add("postgres");
        for (String s : data.schemas()) if (!s.equals(PgDatabases.PUBLIC)) names.add(s);
        names.sort(null);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String n : names) {
            if (re != null && !PgCatalogData.matches(re, n)) continue;
            Map<String, Object> r = new java.util.HashMap<>();
            r.put("name", n);
            r.put("owner", OWNER);
            r.put("encoding", "UTF8");
            r.put("collate", COLLATION);
            r.put("ctype", COLLATION);
            r.put("locale provider", "libc");
            rows.add(r);
        }
        return listing(titles(text), rows);
    }

    /** \dn: schemas, that is Basalt databases. */
    private static PgCatalogQueries.Answer schemas(String text, PgCatalogData data) {
        String re = pattern(text, "n.nspname");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String s : data.schemas()) {
            if (re != null && !PgCatalogData.matches(re, s)) continue;
            rows.add(new java.util.HashMap<>(Map.of("name", s, "owner", OWNER)));
        }
        return listing(titles(text), rows);
    }

    /** \du: account names; a name with a superuser account shows as PostgreSQL's superuser does. */
    private static PgCatalogQueries.Answer roles(String text, PgCatalogData data) {
        String re = pattern(text, "r.rolname");
        boolean description = text.contains("shobj_description");
        List<ColumnInfo> cols = new ArrayList<>(List.of(text("rolname"), bool("rolsuper"), bool("rolinherit"),
                bool("rolcreaterole"), bool("rolcreatedb"), bool("rolcanlogin"), int4("rolconnlimit"), text("rolvaliduntil"),
                text("memberof")));
        if (description) cols.add(text("description"));
        cols.add(bool("rolreplication"));
        cols.add(bool("rolbypassrls"));
        List<Object[]> rows = new ArrayList<>();
        for (var e : data.roles().entrySet()) {
            if (re != null && !PgCatalogData.matches(re, e.getKey())) continue;
            boolean su = e.getValue();
            List<Object> r = new ArrayList<>(List.of(e.getKey(), su, true, su, su, true, -1));
            r.add(null);
            r.add("{}");
            if (description) r.add(null);
            r.add(su);
            r.add(su);
            rows.add(r.toArray());
        }
        return new PgCatalogQueries.Answer(cols, rows);
    }

    /** \dt, \di, \dv, \d: relations of the kinds asked, in visible schemas (search_path) or the schema pattern's. */
    private static PgCatalogQueries.Answer relations(String text, PgCatalogData data) {
        String kinds = find(text, "c\\.relkind IN \\(([^)]*)\\)");
        boolean tables = kinds.contains("'r'"), views = kinds.contains("'v'"), indexes = kinds.contains("'i'");
        String nameRe = pattern(text, "c.relname"), schemaRe = pattern(text, "n.nspname");
        boolean visibleOnly = text.contains("pg_table_is_visible(c.oid)");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PgCatalogData.Relation rel : data.relations()) {
            if (visibleOnly && !rel.schema().equals(data.currentSchema())) continue;
            if (schemaRe != null && !PgCatalogData.matches(schemaRe, rel.schema())) continue;
            if (rel.kind() == 'r' ? tables : views) {
                if (nameRe == null || PgCatalogData.matches(nameRe, rel.name())) {
                    rows.add(relationRow(rel.schema(), rel.name(), rel.kind() == 'r' ? "table" : "view", "heap", null));
                }
            }
            if (indexes && rel.kind() == 'r') {
                for (PgCatalogData.Index idx : data.indexes(rel.schema(), rel.name())) {
                    if (nameRe == null || PgCatalogData.matches(nameRe, idx.name())) {
                        rows.add(relationRow(rel.schema(), idx.name(), "index", "btree", rel.name()));
                    }
                }
            }
        }
        rows.sort((a, b) -> {
            int c = ((String) a.get("schema")).compareTo((String) b.get("schema"));
            return c != 0 ? c : ((String) a.get("name")).compareTo((String) b.get("name"));
        });
        return listing(titles(text), rows);
    }

    private static Map<String, Object> relationRow(String schema, String name, String type, String am, String table) {
        Map<String, Object> r = new java.util.HashMap<>();
        r.put("schema", schema);
        r.put("name", name);
        r.put("type", type);
        r.put("owner", OWNER);
        r.put("table", table);
        r.put("persistence", "permanent");
        r.put("access method", type.equals("view") ? null : am);
        return r;
    }

    /** \df: stored functions and procedures (in the schema in use, or the pattern's). */
    private static PgCatalogQueries.Answer functions(String text, PgCatalogData data) {
        String nameRe = pattern(text, "p.proname"), schemaRe = pattern(text, "n.nspname");
        boolean visibleOnly = text.contains("pg_function_is_visible(p.oid)");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PgCatalogData.Routine r : data.routines()) {
            if (visibleOnly && !r.schema().equals(data.currentSchema())) continue;
            if (schemaRe != null && !PgCatalogData.matches(schemaRe, r.schema())) continue;
            if (nameRe != null && !PgCatalogData.matches(nameRe, r.name())) continue;
            Map<String, Object> row = new java.util.HashMap<>();
            row.put("schema", r.schema());
            row.put("name", r.name());
            row.put("result data type", r.result());
            row.put("argument data types", r.arguments());
            row.put("type", r.procedure() ? "proc" : "func");
            rows.add(row);
        }
        return listing(titles(text), rows);
    }

    /** \d NAME, first step: the relations the pattern names (tables and views), with their OIDs. */
    private static PgCatalogQueries.Answer lookup(String text, PgCatalogData data) {
        String nameRe = pattern(text, "c.relname"), schemaRe = pattern(text, "n.nspname");
        boolean visibleOnly = text.contains("pg_table_is_visible(c.oid)");
        List<Object[]> rows = new ArrayList<>();
        for (PgCatalogData.Relation rel : data.relations()) {
            if (visibleOnly && !rel.schema().equals(data.currentSchema())) continue;
            if (schemaRe != null && !PgCatalogData.matches(schemaRe, rel.schema())) continue;
            if (nameRe != null && !PgCatalogData.matches(nameRe, rel.name())) continue;
            rows.add(new Object[] {(long) rel.oid(), rel.schema(), rel.name()});
        }
        return new PgCatalogQueries.Answer(List.of(int8("oid"), text("nspname"), text("relname")), rows);
    }

    /** \d NAME, second step: the kind of relation and which footers psql should ask for. */
    private static PgCatalogQueries.Answer tableInfo(int oid, PgCatalogData data) {
        List<ColumnInfo> cols = List.of(int4("relchecks"), text("relkind"), bool("relhasindex"), bool("relhasrules"),
                bool("relhastriggers"), bool("relrowsecurity"), bool("relforcerowsecurity"), bool("relhasoids"),
                bool("relispartition"), text("?column?"), int8("reltablespace"), text("reloftype"), text("relpersistence"),
                text("relreplident"), text("amname"));
        PgCatalogData.Relation rel = data.relation(oid);
        if (rel == null) return new PgCatalogQueries.Answer(cols, List.of());
        boolean table = rel.kind() == 'r';
        boolean hasIndex = table && !data.indexes(rel.schema(), rel.name()).isEmpty();
        int checks = table ? data.checks(rel.schema(), rel.name()).size() : 0;
        // psql asks for foreign keys (both ways) only of a table with triggers, which is how PostgreSQL enforces them
        boolean foreignKeys = table && data.foreignKeys().stream().anyMatch(fk -> fk.schema().equals(rel.schema()) && fk.table().equals(rel.name())
                || fk.refSchema().equals(rel.schema()) && fk.refTable().equals(rel.name()));
        return new PgCatalogQueries.Answer(cols, List.<Object[]>of(new Object[] {checks, String.valueOf(rel.kind()), hasIndex, false,
                foreignKeys, false, false, false, false, "", 0L, "", "p", "d", table ? "heap" : null}));
    }

    /** \d NAME, the columns: name, type, default, not null, collation, identity, generated (\d+ adds more). */
    private static PgCatalogQueries.Answer columns(String lower, int oid, PgCatalogData data) {
        List<ColumnInfo> cols = new ArrayList<>(List.of(text("attname"), text("format_type"), text("pg_get_expr"),
                bool("attnotnull"), text("attcollation"), text("attidentity"), text("attgenerated")));
        boolean storage = lower.contains("a.attstorage"), compression = lower.contains("attcompression"),
                statTarget = lower.contains("attstattarget"), description = lower.contains("col_description");
        if (storage) cols.add(text("attstorage"));
        if (compression) cols.add(text("attcompression"));
        if (statTarget) cols.add(int4("attstattarget"));
        if (description) cols.add(text("col_description"));
        PgCatalogData.Relation rel = data.relation(oid);
        List<Object[]> rows = new ArrayList<>();
        if (rel != null) {
            for (PgCatalogData.Column c : data.columns(rel.schema(), rel.name())) {
                List<Object> r = new ArrayList<>();
                r.add(c.name());
                r.add(c.type().formatted());
                r.add(c.identity() ? null : c.defaultText());
                r.add(c.notNull() && rel.kind() == 'r'); // a view's columns carry no NOT NULL in PostgreSQL
                r.add(null);
                r.add(c.identity() ? "d" : "");
                r.add("");
                if (storage) r.add(c.type().typlen() > 0 ? "p" : "x");
                if (compression) r.add("");
                if (statTarget) r.add(null);
                if (description) r.add(c.comment());
                rows.add(r.toArray());
            }
        }
        return new PgCatalogQueries.Answer(cols, rows);
    }

    /** \d NAME, "Check constraints:". */
    private static PgCatalogQueries.Answer checks(int oid, PgCatalogData data) {
        PgCatalogData.Relation rel = data.relation(oid);
        List<Object[]> rows = new ArrayList<>();
        if (rel != null) for (String[] c : data.checks(rel.schema(), rel.name())) rows.add(new Object[] {c[0], c[1]});
        return new PgCatalogQueries.Answer(List.of(text("conname"), text("pg_get_constraintdef")), rows);
    }

    /** \d NAME, "Foreign-key constraints:". */
    private static PgCatalogQueries.Answer foreignKeys(int oid, PgCatalogData data) {
        PgCatalogData.Relation rel = data.relation(oid);
        List<Object[]> rows = new ArrayList<>();
        if (rel != null) {
            for (PgCatalogData.ForeignKey fk : data.foreignKeys()) {
                if (fk.schema().equals(rel.schema()) && fk.table().equals(rel.name())) {
                    rows.add(new Object[] {true, fk.name(), fk.definition(data.currentSchema()), regclass(fk.schema(), fk.table(), data)});
                }
            }
            rows.sort((a, b) -> ((String) a[1]).compareTo((String) b[1]));
        }
        return new PgCatalogQueries.Answer(List.of(bool("sametable"), text("conname"), text("condef"), text("ontable")), rows);
    }

    /** \d NAME, "Referenced by:". */
    private static PgCatalogQueries.Answer referencedBy(int oid, PgCatalogData data) {
        PgCatalogData.Relation rel = data.relation(oid);
        List<Object[]> rows = new ArrayList<>();
        if (rel != null) {
            for (PgCatalogData.ForeignKey fk : data.foreignKeys()) {
                if (fk.refSchema().equals(rel.schema()) && fk.refTable().equals(rel.name())) {
                    rows.add(new Object[] {fk.name(), regclass(fk.schema(), fk.table(), data), fk.definition(data.currentSchema())});
                }
            }
            rows.sort((a, b) -> ((String) a[0]).compareTo((String) b[0]));
        }
        return new PgCatalogQueries.Answer(List.of(text("conname"), text("ontable"), text("condef")), rows);
    }

    /** A relation as regclass prints it: qualified when its schema is not the one in use. */
    private static String regclass(String schema, String name, PgCatalogData data) {
        return schema.equals(data.currentSchema()) ? name : schema + "." + name;
    }

    /** \d NAME, the indexes footer. */
    private static PgCatalogQueries.Answer indexes(int oid, PgCatalogData data) {
        List<ColumnInfo> cols = List.of(text("relname"), bool("indisprimary"), bool("indisunique"), bool("indisclustered"),
                bool("indisvalid"), text("pg_get_indexdef"), text("pg_get_constraintdef"), text("contype"), bool("condeferrable"),
                bool("condeferred"), bool("indisreplident"), int8("reltablespace"));
        PgCatalogData.Relation rel = data.relation(oid);
        List<Object[]> rows = new ArrayList<>();
        if (rel != null && rel.kind() == 'r') {
            for (PgCatalogData.Index idx : data.indexes(rel.schema(), rel.name())) {
                String columns = String.join(", ", idx.columns());
                rows.add(new Object[] {idx.name(), idx.primary(), idx.unique(), false, true, indexDef(rel, idx),
                        idx.primary() ? "PRIMARY KEY (" + columns + ")" : null, idx.primary() ? "p" : null,
                        idx.primary() ? false : null, idx.primary() ? false : null, false, 0L});
            }
        }
        return new PgCatalogQueries.Answer(cols, rows);
    }

    /** pg_get_indexdef: how PostgreSQL would write the CREATE INDEX. */
    static String indexDef(PgCatalogData.Relation rel, PgCatalogData.Index idx) {
        return "CREATE " + (idx.unique() ? "UNIQUE " : "") + "INDEX " + idx.name() + " ON " + rel.schema() + "." + rel.name()
                + " USING btree (" + String.join(", ", idx.columns()) + ")";
    }
}
