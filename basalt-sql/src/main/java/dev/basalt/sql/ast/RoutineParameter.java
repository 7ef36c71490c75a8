package dev.basalt.sql.ast;

/**
 * One parameter of a stored routine. Functions only have IN parameters.
 * @param typeText the type as written (for SHOW CREATE and information_schema.PARAMETERS)
 */
public record RoutineParameter(Mode mode, String name, DataType type, String typeText) {
    public enum Mode { IN, OUT, INOUT }
}
