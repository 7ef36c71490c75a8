package dev.basalt.sql.ast;

/**
 * A target type of CAST / CONVERT. REAL is reported as DOUBLE, NCHAR as CHAR with charset utf8mb3.
 */
public enum CastKind {
    SIGNED, UNSIGNED, DECIMAL, CHAR, BINARY, DATE, DATETIME, TIME, DOUBLE, FLOAT, JSON, YEAR
}
