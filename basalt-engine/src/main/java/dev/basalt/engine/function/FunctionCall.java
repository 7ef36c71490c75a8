package dev.basalt.engine.function;

import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.types.SqlType;

import java.util.List;

/**
 * A bound scalar function call: the implementation ({@link Body}) was resolved when the call was
 * built, so evaluation is a direct call.
 */
public final class FunctionCall implements Expr {

    /** The implementation: evaluates its arguments as it needs (lazily for IF, COALESCE...). */
    @FunctionalInterface
    public interface Body {
        Object eval(EvalContext ctx, Object[] row, Expr[] args);
    }

    @FunctionalInterface public interface F0 { Object apply(EvalContext ctx); }
    @FunctionalInterface public interface F1 { Object apply(EvalContext ctx, Object a); }
    @FunctionalInterface public interface F2 { Object apply(EvalContext ctx, Object a, Object b); }
    @FunctionalInterface public interface F3 { Object apply(EvalContext ctx, Object a, Object b, Object c); }
    @FunctionalInterface public interface FN { Object apply(EvalContext ctx, Object[] values); }

    private final String name;
    private final Expr[] args;
    private final SqlType type;
    private final boolean nullable;
    private final boolean deterministic;
    private final Body body;

    public FunctionCall(String name, List<Expr> args, SqlType type, boolean nullable, boolean deterministic, Body body) {
        this.name = name;
        this.args = args.toArray(Expr[]::new);
        this.type = type;
        this.nullable = nullable;
        this.deterministic = deterministic;
        this.body = body;
    }

    /** Upper-case function name as called. */
    public String name() { return name; }

    public List<Expr> args() { return List.of(args); }

    @Override public SqlType type() { return type; }

    @Override public boolean nullable() { return nullable; }

    @Override public Object eval(EvalContext ctx, Object[] row) { return body.eval(ctx, row, args); }

    @Override public boolean isDeterministic() { return deterministic; }

    @Override public List<Expr> children() { return List.of(args); }

    @Override
    public Expr withChildren(List<Expr> c) { return new FunctionCall(name, c, type, nullable, deterministic, body); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name.toLowerCase()).append('(');
        for (int i = 0; i < args.length; i++) sb.append(i > 0 ? "," : "").append(args[i]);
        return sb.append(')').toString();
    }

    // ---- body helpers: NULL in, NULL out ---------------------------------------------------------

    public static Body of0(F0 f) { return (ctx, row, a) -> f.apply(ctx); }

    public static Body strict1(F1 f) {
        return (ctx, row, a) -> {
            Object x = a[0].eval(ctx, row);
            return x == null ? null : f.apply(ctx, x);
        };
    }

    public static Body strict2(F2 f) {
        return (ctx, row, a) -> {
            Object x = a[0].eval(ctx, row);
            if (x == null) return null;
            Object y = a[1].eval(ctx, row);
            return y == null ? null : f.apply(ctx, x, y);
        };
    }

    public static Body strict3(F3 f) {
        return (ctx, row, a) -> {
            Object x = a[0].eval(ctx, row);
            if (x == null) return null;
            Object y = a[1].eval(ctx, row);
            if (y == null) return null;
            Object z = a[2].eval(ctx, row);
            return z == null ? null : f.apply(ctx, x, y, z);
        };
    }

    public static Body strictN(FN f) {
        return (ctx, row, a) -> {
            Object[] v = new Object[a.length];
            for (int i = 0; i < a.length; i++) {
                v[i] = a[i].eval(ctx, row);
                if (v[i] == null) return null;
            }
            return f.apply(ctx, v);
        };
    }

    /** All arguments evaluated, NULLs passed through to the function. */
    public static Body lenientN(FN f) {
        return (ctx, row, a) -> {
            Object[] v = new Object[a.length];
            for (int i = 0; i < a.length; i++) v[i] = a[i].eval(ctx, row);
            return f.apply(ctx, v);
        };
    }
}
