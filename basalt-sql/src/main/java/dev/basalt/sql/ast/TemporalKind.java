package dev.basalt.sql.ast;

/**
 * The keyword of a temporal literal such as {@code DATE '2024-01-31'}.
 */
public enum TemporalKind {
    DATE, TIME, TIMESTAMP
}
