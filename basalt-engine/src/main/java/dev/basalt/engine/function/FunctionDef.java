package dev.basalt.engine.function;

import dev.basalt.engine.expr.Expr;

import java.util.List;

/** One library entry: arity bounds and the builder that binds a call. */
record FunctionDef(String name, int minArgs, int maxArgs, Builder builder) {

    /** Binds a call: decides the result type and picks the implementation. */
    @FunctionalInterface
    interface Builder {
        Expr build(String name, List<Expr> args);
    }

    static final int VARIADIC = Integer.MAX_VALUE;
}
