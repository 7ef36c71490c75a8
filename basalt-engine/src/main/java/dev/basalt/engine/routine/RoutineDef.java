package dev.basalt.engine.routine;

import dev.basalt.sql.ast.CreateRoutine;
import dev.basalt.sql.ast.RoutineKind;

import java.time.LocalDateTime;

/**
 * A stored procedure or function: its parsed CREATE statement (the source text is the stored
 * form) plus what MySQL records beside it.
 * @param definer as shown by SHOW CREATE, e.g. {@code `root`@`%`}
 * @param sqlMode the sql_mode in force at creation, which the routine runs with
 */
public record RoutineDef(String database, String name, CreateRoutine ast, String definer, String sqlMode,
                         LocalDateTime created) {
    public RoutineKind kind() { return ast.kind(); }
}
