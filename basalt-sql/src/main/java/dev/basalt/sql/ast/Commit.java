package dev.basalt.sql.ast;

/**
 * COMMIT [WORK] [AND [NO] CHAIN] [[NO] RELEASE]; null when not written.
 */
public record Commit(Boolean chain, Boolean release) implements Statement {
}
