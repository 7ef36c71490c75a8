package dev.basalt.sql.ast;

/**
 * DEALLOCATE | DROP PREPARE name.
 */
public record DeallocatePrepare(String name) implements Statement {
}
