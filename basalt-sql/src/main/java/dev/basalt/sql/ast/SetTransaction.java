package dev.basalt.sql.ast;

/**
 * SET [GLOBAL | SESSION] TRANSACTION characteristic, ...
 * @param scope DEFAULT (only the next transaction), SESSION or GLOBAL
 * @param isolationLevel null when not written
 * @param readOnly TRUE for READ ONLY, FALSE for READ WRITE, null when not written
 */
public record SetTransaction(VariableScope scope, IsolationLevel isolationLevel, Boolean readOnly) implements Statement {
}
