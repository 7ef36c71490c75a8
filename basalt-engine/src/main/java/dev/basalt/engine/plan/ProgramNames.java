package dev.basalt.engine.plan;

import dev.basalt.engine.expr.Expr;
import dev.basalt.sql.ast.ColumnRef;

import java.util.List;
import java.util.function.Supplier;

/**
 * Names a running stored program adds to expressions: its local variables and parameters, and
 * in a trigger NEW.col / OLD.col. Program statements are planned afresh for each execution, so
 * such a name binds to a literal of its current value, the way a prepared statement's
 * placeholder does. MySQL lets a local variable hide a column of the same name; so does this.
 */
public final class ProgramNames {
    private ProgramNames() {}

    /** What the program in progress knows. */
    public interface Resolver {
        /** The value of a local name or NEW/OLD column as an expression, or null when it is not one. */
        Expr resolve(ColumnRef ref);

        /** Stores {@code value} into local variable {@code name}; false when there is no such variable. */
        boolean assign(String name, Object value, dev.basalt.engine.types.SqlType type);
    }

    /** Calls of stored functions, supplied by the engine's stored-program support. */
    public interface FunctionResolver {
        /** A call of the stored function, or null when there is none of that name. */
        Expr call(String schema, String name, List<Expr> args);
    }

    private static final ScopedValue<Resolver> CURRENT = ScopedValue.newInstance();
    private static final ScopedValue<FunctionResolver> FUNCTIONS = ScopedValue.newInstance();

    public static <T> T with(Resolver resolver, Supplier<T> body) {
        return ScopedValue.where(CURRENT, resolver).call(body::get);
    }

    public static <T> T withFunctions(FunctionResolver functions, Supplier<T> body) {
        return ScopedValue.where(FUNCTIONS, functions).call(body::get);
    }

    /** The running program's resolver, or null outside a stored program. */
    public static Resolver current() { return CURRENT.isBound() ? CURRENT.get() : null; }

    static Expr resolve(ColumnRef ref) {
        return CURRENT.isBound() ? CURRENT.get().resolve(ref) : null;
    }

    static Expr function(String schema, String name, List<Expr> args) {
        return FUNCTIONS.isBound() ? FUNCTIONS.get().call(schema, name, args) : null;
    }
}
