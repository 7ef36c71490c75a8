package dev.basalt.engine.catalog;

/** A database (schema). Names are case-sensitive (lower_case_table_names=0). */
public record DatabaseDef(String name, String charset, String collation) {
    public static DatabaseDef of(String name) { return new DatabaseDef(name, "utf8mb4", "utf8mb4_0900_ai_ci"); }
}
