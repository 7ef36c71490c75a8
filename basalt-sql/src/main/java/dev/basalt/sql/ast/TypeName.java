package dev.basalt.sql.ast;

/**
 * The canonical base type of a column definition. Synonyms are resolved by the parser: INTEGER / INT4 ->
 * INT, BOOL / BOOLEAN -> TINYINT(1), SERIAL -> BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE, REAL /
 * DOUBLE PRECISION / FLOAT8 -> DOUBLE, FLOAT(p) -> FLOAT (p <= 24) or DOUBLE, NUMERIC / DEC / FIXED ->
 * DECIMAL, NCHAR / NATIONAL CHAR -> CHAR utf8mb3, CHARACTER VARYING -> VARCHAR, LONG VARCHAR -> MEDIUMTEXT.
 */
public enum TypeName {
    TINYINT, SMALLINT, MEDIUMINT, INT, BIGINT,
    DECIMAL, FLOAT, DOUBLE, BIT, YEAR,
    CHAR, VARCHAR, TINYTEXT, TEXT, MEDIUMTEXT, LONGTEXT,
    BINARY, VARBINARY, TINYBLOB, BLOB, MEDIUMBLOB, LONGBLOB,
    DATE, TIME, DATETIME, TIMESTAMP,
    ENUM, SET, JSON,
    /** Spatial types; {@link DataType#length()} holds the SRID column attribute (null when not written). */
    GEOMETRY, POINT, LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING, MULTIPOLYGON, GEOMETRYCOLLECTION,
    /** {@code ARRAY(elem)}: a PostgreSQL array; {@link DataType#values()} holds the element's PostgreSQL name. */
    ARRAY,
    /** PostgreSQL's interval (months, days, microseconds). */
    INTERVAL,
    /** The PostgreSQL dialect's uuid: a CHAR(36) of canonical UUID text (the engine's logical type UUID). */
    UUID,
    /** The PostgreSQL dialect's jsonb: a JSON column declared as binary JSON (the engine's logical type BINARY_JSON). */
    JSONB
}
