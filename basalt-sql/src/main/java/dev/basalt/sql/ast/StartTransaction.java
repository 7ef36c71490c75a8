package dev.basalt.sql.ast;

/**
 * BEGIN [WORK] or START TRANSACTION [WITH CONSISTENT SNAPSHOT | READ ONLY | READ WRITE], ...
 * @param readOnly null when not written
 */
public record StartTransaction(boolean consistentSnapshot, Boolean readOnly) implements Statement {
}
