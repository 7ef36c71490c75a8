package dev.basalt.engine.external;

/**
 * One column of an external table, in the words of information_schema.COLUMNS (the engine turns
 * the type text into its own type, so providers need not know engine types).
 *
 * @param columnType COLUMN_TYPE, e.g. {@code decimal(10,2) unsigned}, {@code enum('a','b')}
 * @param collation  COLLATION_NAME or null
 * @param key        COLUMN_KEY: PRI, UNI, MUL or ""
 * @param extra      EXTRA, e.g. auto_increment
 */
public record ColumnSpec(String name, String columnType, String collation, boolean nullable, String key, String extra) {}
