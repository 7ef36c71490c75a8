package dev.basalt.pgwire;

import dev.basalt.engine.api.ColumnInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.basalt.pgwire.PgCatalogQueries.bool;
import static dev.basalt.pgwire.PgCatalogQueries.find;
import static dev.basalt.pgwire.PgCatalogQueries.int4;
import static dev.basalt.pgwire.PgCatalogQueries.int8;
import static dev.basalt.pgwire.PgCatalogQueries.like;
import static dev.basalt.pgwire.PgCatalogQueries.text;
import static dev.basalt.pgwire.PgCatalogQueries.unquote;

/**
 * The catalog queries of pgjdbc's DatabaseMetaData (42.7): getCatalogs, getSchemas, getTables,
 * getColumns, getPrimaryKeys, getIndexInfo. Each is recognised by the column aliases pgjdbc gives
 * it; its filters are the LIKE patterns and names in its WHERE clause (parameters are already
 * substituted). getColumns' query returns raw attributes that pgjdbc turns into JDBC's columns.
 */
final class JdbcCatalog {
    private JdbcCatalog() {}

    private static final String LITERAL = "'((?:[^']++|'')*+)'";

    static PgCatalogQueries.Answer answer(String text, PgCatalogData data, String database) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.startsWith("select datname as \"table_cat\" from pg_catalog.pg_database")) return catalogs(data);
        if (t.startsWith("select nspname as \"table_schem\"")) return schemas(text, data, database);
        if (t.contains("as \"table_type\"") && t.contains("from pg_catalog.pg_namespace n, pg_catalog.pg_class c")) {
            return tables(text, t, data, database);
        }
        if (t.contains("a.atttypid") && t.contains("from pg_catalog.pg_namespace n join pg_catalog.pg_class c")) {
            return columns(text, data, database);
        }
        if (t.contains("as \"pk_name\"") && t.contains("con.contype = 'p'")) return primaryKeys(text, data, database);
        if (t.contains("as \"asc_or_desc\"")) return indexInfo(text, t, data, database);
        if (t.contains("as \"fktable_cat\"") && t.contains("con.contype = 'f'")) return foreignKeys(text, data, database);
        return null;
    }

    private static String value(String text, String regex) {
        return unquote(find(text, regex + " " + LITERAL));
    }

    /** PostgreSQL databases as \l lists them. */
    private static PgCatalogQueries.Answer catalogs(PgCatalogData data) {
        List<String> names = new ArrayList<>();
        names.add("postgres");
        for (String s : data.schemas()) if (!s.equals(PgDatabases.PUBLIC)) names.add(s);
        names.sort(null);
        List<Object[]> rows = new ArrayList<>();
        for (String n : names) rows.add(new Object[] {n});
        return new PgCatalogQueries.Answer(List.of(text("TABLE_CAT")), rows);
    }

    private static PgCatalogQueries.Answer schemas(String text, PgCatalogData data, String database) {
        String pattern = value(text, "nspname LIKE");
        List<String> names = new ArrayList<>(data.schemas());
        names.add("information_schema");
        names.add("pg_catalog");
        names.sort(null);
        List<Object[]> rows = new ArrayList<>();
        for (String n : names) if (like(pattern, n)) rows.add(new Object[] {n, database});
        return new PgCatalogQueries.Answer(List.of(text("TABLE_SCHEM"), text("TABLE_CATALOG")), rows);
    }

    private static PgCatalogQueries.Answer tables(String text, String lower, PgCatalogData data, String database) {
        String schema = value(text, "n\\.nspname LIKE"), name = value(text, "c\\.relname LIKE");
        boolean filtered = lower.contains("and (false");
        boolean tables = !filtered || lower.contains("c.relkind = 'r' and n.nspname !~ '^pg_'")
                || lower.contains("c.relkind in ('r','p') and n.nspname !~ '^pg_'");
        boolean views = !filtered || lower.contains("c.relkind = 'v' and n.nspname <> 'pg_catalog'");
        List<Object[]> rows = new ArrayList<>();
        for (PgCatalogData.Relation r : data.relations()) {
            if (!like(schema, r.schema()) || !like(name, r.name())) continue;
            if (r.kind() == 'r' ? !tables : !views) continue;
            rows.add(new Object[] {database, r.schema(), r.name(), r.kind() == 'r' ? "TABLE" : "VIEW", null, "", "", "", "", ""});
        }
        rows.sort((a, b) -> {
            for (int i : new int[] {3, 1, 2}) {
                int c = ((String) a[i]).compareTo((String) b[i]);
                if (c != 0) return c;
            }
            return 0;
        });
        return new PgCatalogQueries.Answer(List.of(text("TABLE_CAT"), text("TABLE_SCHEM"), text("TABLE_NAME"), text("TABLE_TYPE"),
                text("REMARKS"), text("TYPE_CAT"), text("TYPE_SCHEM"), text("TYPE_NAME"), text("SELF_REFERENCING_COL_NAME"),
                text("REF_GENERATION")), rows);
    }

    /** The raw attribute rows pgjdbc's getColumns reads by name. */
    private static PgCatalogQueries.Answer columns(String text, PgCatalogData data, String database) {
        String schema = value(text, "n\\.nspname LIKE"), table = value(text, "c\\.relname LIKE"), column = value(text, "attname LIKE");
        List<ColumnInfo> cols = List.of(text("current_database"), text("nspname"), text("relname"), text("attname"),
                int8("atttypid"), bool("attnotnull"), int4("atttypmod"), int4("attlen"), int4("typtypmod"), int8("attnum"),
                text("attidentity"), text("attgenerated"), text("adsrc"), text("description"), int8("typbasetype"), text("typtype"));
        List<Object[]> rows = new ArrayList<>();
        for (PgCatalogData.Relation r : data.relations()) {
            if (!like(schema, r.schema()) || !like(table, r.name())) continue;
            for (PgCatalogData.Column c : data.columns(r.schema(), r.name())) {
                if (!like(column, c.name())) continue;
                PgTypeNames ty = c.type();
                rows.add(new Object[] {database, r.schema(), r.name(), c.name(), (long) ty.oid(), c.notNull(), ty.typmod(),
                        ty.typlen(), -1, (long) c.position(), c.identity() ? "d" : null, null, c.identity() ? null : c.defaultText(),
                        c.comment(), 0L, "b"});
            }
        }
        return new PgCatalogQueries.Answer(cols, rows);
    }

    private static PgCatalogQueries.Answer primaryKeys(String text, PgCatalogData data, String database) {
        String schema = value(text, "n\\.nspname ="), table = value(text, "ct\\.relname =");
        List<Object[]> rows = new ArrayList<>();
        for (PgCatalogData.Relation r : data.relations()) {
            if (r.kind() != 'r' || schema != null && !schema.equals(r.schema()) || table != null && !table.equals(r.name())) continue;
            for (PgCatalogData.Index idx : data.indexes(r.schema(), r.name())) {
                if (!idx.primary()) continue;
                for (int i = 0; i < idx.columns().size(); i++) {
                    rows.add(new Object[] {database, r.schema(), r.name(), idx.columns().get(i), i + 1, idx.name()});
                }
            }
        }
        return new PgCatalogQueries.Answer(List.of(text("TABLE_CAT"), text("TABLE_SCHEM"), text("TABLE_NAME"), text("COLUMN_NAME"),
                int4("KEY_SEQ"), text("PK_NAME")), rows);
    }

    /** getImportedKeys (filter on the child), getExportedKeys (on the parent), getCrossReference (both). */
    private static PgCatalogQueries.Answer foreignKeys(String text, PgCatalogData data, String database) {
        String fkSchema = value(text, "fkn\\.nspname ="), fkTable = value(text, "fkc\\.relname =");
        String pkSchema = value(text, "pkn\\.nspname ="), pkTable = value(text, "pkc\\.relname =");
        List<Object[]> rows = new ArrayList<>();
        List<PgCatalogData.ForeignKey> fks = new ArrayList<>(data.foreignKeys());
        boolean exported = fkTable == null;
        fks.sort((a, b) -> {
            String ka = exported ? a.schema() + "\u0000" + a.table() : a.refSchema() + "\u0000" + a.refTable();
            String kb = exported ? b.schema() + "\u0000" + b.table() : b.refSchema() + "\u0000" + b.refTable();
            int c = ka.compareTo(kb);
            return c != 0 ? c : a.name().compareTo(b.name());
        });
        for (PgCatalogData.ForeignKey fk : fks) {
            if (fkSchema != null && !fkSchema.equals(fk.schema()) || fkTable != null && !fkTable.equals(fk.table())
                    || pkSchema != null && !pkSchema.equals(fk.refSchema()) || pkTable != null && !pkTable.equals(fk.refTable())) {
                continue;
            }
            for (int i = 0; i < fk.columns().size(); i++) {
                rows.add(new Object[] {database, fk.refSchema(), fk.refTable(), fk.refColumns().get(i), database, fk.schema(), fk.table(),
                        fk.columns().get(i), i + 1, rule(fk.updateRule()), rule(fk.deleteRule()), fk.name(), fk.uniqueName(), 7});
            }
        }
        return new PgCatalogQueries.Answer(List.of(text("PKTABLE_CAT"), text("PKTABLE_SCHEM"), text("PKTABLE_NAME"), text("PKCOLUMN_NAME"),
                text("FKTABLE_CAT"), text("FKTABLE_SCHEM"), text("FKTABLE_NAME"), text("FKCOLUMN_NAME"), int4("KEY_SEQ"),
                int4("UPDATE_RULE"), int4("DELETE_RULE"), text("FK_NAME"), text("PK_NAME"), int4("DEFERRABILITY")), rows);
    }

    /** JDBC's importedKey* codes for a referential action. */
    private static int rule(String action) {
        return switch (action) {
            case "CASCADE" -> 0;
            case "RESTRICT" -> 1;
            case "SET NULL" -> 2;
            case "SET DEFAULT" -> 4;
            default -> 3; // NO ACTION
        };
    }

    private static PgCatalogQueries.Answer indexInfo(String text, String lower, PgCatalogData data, String database) {
        String schema = value(text, "n\\.nspname ="), table = value(text, "ct\\.relname =");
        boolean uniqueOnly = lower.contains("and i.indisunique");
        List<Object[]> rows = new ArrayList<>();
        for (PgCatalogData.Relation r : data.relations()) {
            if (r.kind() != 'r' || schema != null && !schema.equals(r.schema()) || table != null && !table.equals(r.name())) continue;
            List<PgCatalogData.Index> indexes = new ArrayList<>(data.indexes(r.schema(), r.name()));
            // pgjdbc's order: unique ones first, then by name
            indexes.sort((a, b) -> a.unique() != b.unique() ? (a.unique() ? -1 : 1) : a.name().compareTo(b.name()));
            for (PgCatalogData.Index idx : indexes) {
                if (uniqueOnly && !idx.unique()) continue;
                for (int i = 0; i < idx.columns().size(); i++) {
                    rows.add(new Object[] {database, r.schema(), r.name(), !idx.unique(), null, idx.name(), 3, i + 1,
                            idx.columns().get(i), "A", 0L, 0L, null, null});
                }
            }
        }
        return new PgCatalogQueries.Answer(List.of(text("TABLE_CAT"), text("TABLE_SCHEM"), text("TABLE_NAME"), bool("NON_UNIQUE"),
                text("INDEX_QUALIFIER"), text("INDEX_NAME"), int4("TYPE"), int4("ORDINAL_POSITION"), text("COLUMN_NAME"),
                text("ASC_OR_DESC"), int8("CARDINALITY"), int8("PAGES"), text("FILTER_CONDITION"), text("REMARKS")), rows);
    }
}
