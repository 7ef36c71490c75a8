package dev.basalt.engine.catalog;

/**
 * A database (schema). Names are case-sensitive (lower_case_table_names=0).
 *
 * @param external for an external database (see {@code dev.basalt.engine.external}): the
 *                 provider's opaque spec, which may hold credentials and is never shown; null for a
 *                 local database
 */
public record DatabaseDef(String name, String charset, String collation, String external) {

    public DatabaseDef(String name, String charset, String collation) {
        this(name, charset, collation, null);
    }

    public static DatabaseDef of(String name) { return new DatabaseDef(name, "utf8mb4", "utf8mb4_0900_ai_ci"); }

    public boolean isExternal() { return external != null; }

    public DatabaseDef withCharset(String charset, String collation) {
        return new DatabaseDef(name, charset, collation, external);
    }
}
