package dev.basalt.sql.ast;

/**
 * One end of a window frame.
 * @param offset the n of {@code n PRECEDING / n FOLLOWING} (a literal, parameter or {@link IntervalExpr}),
 *               null for the other kinds
 */
public record FrameBound(Kind kind, Expression offset) {
    public enum Kind { UNBOUNDED_PRECEDING, PRECEDING, CURRENT_ROW, FOLLOWING, UNBOUNDED_FOLLOWING }
}
