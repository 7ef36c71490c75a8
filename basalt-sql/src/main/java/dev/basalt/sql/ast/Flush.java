package dev.basalt.sql.ast;

/**
 * FLUSH ... (any options; the engine treats it as a no-op). text is the source text.
 */
public record Flush(String text) implements Statement {
}
