package dev.basalt.engine.exec.window;

import dev.basalt.engine.expr.Expr;

/**
 * One bound end of a frame, ready to evaluate.
 * @param rows the row count of ROWS n PRECEDING/FOLLOWING
 * @param value for RANGE n PRECEDING/FOLLOWING: the current row's ORDER BY key moved by n in the
 *              bound's direction (key - n for PRECEDING under ASC, ...), evaluated per row
 */
public record FrameBoundSpec(Kind kind, long rows, Expr value) {
    public enum Kind { UNBOUNDED_PRECEDING, PRECEDING, CURRENT_ROW, FOLLOWING, UNBOUNDED_FOLLOWING }

    public static FrameBoundSpec of(Kind kind) { return new FrameBoundSpec(kind, 0, null); }
}
