package dev.basalt.sql.ast;

/**
 * A target type of CAST / CONVERT. REAL is reported as DOUBLE, NCHAR as CHAR with charset utf8mb3.
 * INT2 and INT4 are the PostgreSQL port's {@code ::smallint} and {@code ::integer} (a SIGNED of that
 * range and type), TIMESTAMPTZ its {@code CAST(x AS timestamptz)} (a DATETIME(6) typed as the
 * engine's TIMESTAMP), UUID and JSONB its {@code ::uuid} and {@code ::jsonb}, TEXT its {@code ::text} (and the other
 * string types without a length: unbounded text, where MySQL's CAST AS CHAR is as wide as its operand);
 * MySQL's text never names them.
 */
public enum CastKind {
    SIGNED, UNSIGNED, DECIMAL, CHAR, BINARY, DATE, DATETIME, TIME, DOUBLE, FLOAT, JSON, YEAR, INT2, INT4, TIMESTAMPTZ, UUID, JSONB, TEXT
}
