package dev.basalt.sql.ast;

import java.util.List;

/**
 * CREATE [DEFINER = user] {PROCEDURE | FUNCTION} [IF NOT EXISTS] name (params) [RETURNS type]
 * [characteristic ...] body.
 * @param definer the DEFINER clause as written, or null
 * @param returns the RETURNS type of a function, null for a procedure
 * @param returnsText the RETURNS type as written, or null
 * @param comment COMMENT 'text', or null
 * @param deterministic [NOT] DETERMINISTIC (default NOT)
 * @param dataAccess CONTAINS SQL (default), NO SQL, READS SQL DATA or MODIFIES SQL DATA, as written in upper case
 * @param invokerSecurity SQL SECURITY INVOKER (default DEFINER)
 * @param bodyText the body's source text
 * @param text the whole statement's source text
 */
public record CreateRoutine(String definer, RoutineKind kind, QualifiedName name, boolean ifNotExists,
        List<RoutineParameter> parameters, DataType returns, String returnsText, String comment,
        boolean deterministic, String dataAccess, boolean invokerSecurity, ProgramStatement body,
        String bodyText, String text) implements Statement {
    public CreateRoutine {
        parameters = List.copyOf(parameters);
    }
}
