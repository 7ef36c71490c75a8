package dev.basalt.engine.types;

/**
 * MySQL's column types. The Java value of each kind (the contract every module relies on):
 * <ul>
 *   <li>integer kinds, BIT, YEAR, BOOLEAN (= TINYINT(1)): {@link Long}; an UNSIGNED BIGINT above
 *       {@code Long.MAX_VALUE} is a {@link java.math.BigInteger} (and only then)</li>
 *   <li>DECIMAL: {@link java.math.BigDecimal}</li>
 *   <li>FLOAT, DOUBLE: {@link Double} (FLOAT values rounded to float precision)</li>
 *   <li>CHAR, VARCHAR, TEXT family, ENUM, SET, JSON: {@link String}</li>
 *   <li>BINARY, VARBINARY, BLOB family: {@code byte[]}</li>
 *   <li>DATE: {@link java.time.LocalDate}; DATETIME, TIMESTAMP: {@link java.time.LocalDateTime};
 *       TIME: {@link java.time.Duration} (MySQL's TIME spans -838:59:59 .. 838:59:59)</li>
 *   <li>GEOMETRY, POINT, ... GEOMETRYCOLLECTION: {@code byte[]} in MySQL's internal format (4-byte
 *       little-endian SRID, then WKB); a column's SRID attribute is {@code values().get(0)} of its
 *       {@link SqlType} (empty when not written)</li>
 *   <li>SQL NULL: Java {@code null}; NULL_TYPE is the type of a bare NULL literal</li>
 *   <li>ARRAY (PostgreSQL's one-dimensional arrays, from the PostgreSQL dialect): {@link ArrayValue};
 *       the element type is {@link SqlType#arrayElement()}</li>
 *   <li>INTERVAL (PostgreSQL's interval, from the PostgreSQL dialect): {@link IntervalValue}</li>
 * </ul>
 */
public enum TypeKind {
    TINYINT, SMALLINT, MEDIUMINT, INT, BIGINT,
    DECIMAL, FLOAT, DOUBLE, BIT, YEAR,
    CHAR, VARCHAR, TINYTEXT, TEXT, MEDIUMTEXT, LONGTEXT,
    BINARY, VARBINARY, TINYBLOB, BLOB, MEDIUMBLOB, LONGBLOB,
    DATE, TIME, DATETIME, TIMESTAMP,
    ENUM, SET, JSON,
    NULL_TYPE,
    GEOMETRY, POINT, LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING, MULTIPOLYGON, GEOMETRYCOLLECTION,
    ARRAY,
    INTERVAL;

    public boolean isSpatial() {
        return ordinal() >= GEOMETRY.ordinal() && ordinal() <= GEOMETRYCOLLECTION.ordinal();
    }

    public boolean isInteger() {
        return this == TINYINT || this == SMALLINT || this == MEDIUMINT || this == INT || this == BIGINT
                || this == BIT || this == YEAR;
    }

    public boolean isNumeric() {
        return isInteger() || this == DECIMAL || this == FLOAT || this == DOUBLE;
    }

    public boolean isApproximate() { return this == FLOAT || this == DOUBLE; }

    public boolean isString() {
        return this == CHAR || this == VARCHAR || this == TINYTEXT || this == TEXT || this == MEDIUMTEXT
                || this == LONGTEXT || this == ENUM || this == SET || this == JSON;
    }

    public boolean isBinary() {
        return this == BINARY || this == VARBINARY || this == TINYBLOB || this == BLOB || this == MEDIUMBLOB
                || this == LONGBLOB || isSpatial(); // geometry values are bytes: compared and shown as binary
    }

    public boolean isTemporal() {
        return this == DATE || this == TIME || this == DATETIME || this == TIMESTAMP;
    }

    /** TEXT and BLOB families: not indexable without a prefix length, no DEFAULT. */
    public boolean isLob() {
        return this == TINYTEXT || this == TEXT || this == MEDIUMTEXT || this == LONGTEXT
                || this == TINYBLOB || this == BLOB || this == MEDIUMBLOB || this == LONGBLOB || this == JSON
                || isSpatial() || this == ARRAY || this == INTERVAL; // no key encoding: not indexable
    }
}
