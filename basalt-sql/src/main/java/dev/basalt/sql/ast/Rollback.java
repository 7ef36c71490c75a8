package dev.basalt.sql.ast;

/**
 * ROLLBACK [WORK] [TO [SAVEPOINT] name] [AND [NO] CHAIN] [[NO] RELEASE].
 * @param savepoint null unless ROLLBACK TO
 */
public record Rollback(String savepoint, Boolean chain, Boolean release) implements Statement {
}
