package dev.basalt.sql.ast;

/**
 * {@code ALTER INSTANCE RELOAD TLS [FOR CHANNEL mysql_main] [NO ROLLBACK ON ERROR]}. Kept in the
 * account family: it is security administration, and the statement list grows by nothing.
 * (Other ALTER INSTANCE actions are refused by the parser.)
 *
 * @param rollbackOnError false when NO ROLLBACK ON ERROR was written
 */
public record AlterInstance(boolean rollbackOnError) implements AccountStatement {
}
