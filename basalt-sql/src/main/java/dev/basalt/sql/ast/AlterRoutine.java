package dev.basalt.sql.ast;

/**
 * ALTER {PROCEDURE | FUNCTION} name [characteristic ...]: only what is written changes.
 * @param comment the new COMMENT, or null
 * @param dataAccess the new CONTAINS SQL / NO SQL / READS SQL DATA / MODIFIES SQL DATA, or null
 * @param invokerSecurity the new SQL SECURITY (true = INVOKER), or null
 */
public record AlterRoutine(RoutineKind kind, QualifiedName name, String comment, String dataAccess,
                           Boolean invokerSecurity) implements Statement {
}
