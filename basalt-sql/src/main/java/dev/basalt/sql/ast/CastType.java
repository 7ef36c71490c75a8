package dev.basalt.sql.ast;

/**
 * A CAST / CONVERT target type.
 * @param length CHAR(n) / BINARY(n) length, DECIMAL precision, DATETIME/TIME fsp, FLOAT(p); null if absent
 * @param scale DECIMAL scale, or null
 * @param charset CHAR ... CHARACTER SET x, or null
 */
public record CastType(CastKind kind, Integer length, Integer scale, String charset) {
}
