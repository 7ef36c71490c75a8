package dev.basalt.engine.function;

import dev.basalt.engine.expr.Expr;

import java.util.List;

/** The scalar function library: name lookup at build time, one implementation object per call site. */
public final class Functions {
    private Functions() {}

    /** Whether a scalar function of that name exists (case-insensitive). */
    public static boolean exists(String name) { return false; }

    /**
     * @throws dev.basalt.engine.api.SqlException 1305 unknown function, 1582 wrong argument count
     */
    public static Expr create(String name, List<Expr> args, String currentDatabase) {
        throw new UnsupportedOperationException("functions");
    }
}
