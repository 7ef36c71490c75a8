package dev.basalt.engine.exec.window;

/**
 * A checked window frame. Without a frame clause MySQL uses RANGE BETWEEN UNBOUNDED PRECEDING AND
 * CURRENT ROW with an ORDER BY (peers of the current row included) and the whole partition without.
 */
public record FrameSpec(boolean rows, FrameBoundSpec start, FrameBoundSpec end) {

    public static final FrameSpec DEFAULT = new FrameSpec(false, FrameBoundSpec.of(FrameBoundSpec.Kind.UNBOUNDED_PRECEDING),
            FrameBoundSpec.of(FrameBoundSpec.Kind.CURRENT_ROW));

    /** Frames that only grow as the current row advances: running aggregates can be incremental. */
    boolean growing() { return start.kind() == FrameBoundSpec.Kind.UNBOUNDED_PRECEDING; }

    /** Frames that only shrink as the current row advances: evaluated backwards, they grow. */
    boolean shrinking() { return end.kind() == FrameBoundSpec.Kind.UNBOUNDED_FOLLOWING; }
}
