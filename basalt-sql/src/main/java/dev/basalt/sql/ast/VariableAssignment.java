package dev.basalt.sql.ast;

/**
 * {@code [scope] var = value}, {@code @@[scope.]var = value}, {@code @u = value} (or {@code :=}).
 * A bare word value such as ON, OFF or TRADITIONAL is a {@link ColumnRef}; DEFAULT is a {@link DefaultExpr}.
 */
public record VariableAssignment(Variable target, Expression value) implements SetItem {
}
