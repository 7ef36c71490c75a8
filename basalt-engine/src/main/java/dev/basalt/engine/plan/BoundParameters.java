package dev.basalt.engine.plan;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.Exprs;
import dev.basalt.engine.expr.Literal;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The values of a prepared statement's {@code ?} placeholders while one execution is planned.
 * Statements are planned afresh for every execution, so a placeholder binds to a plain
 * {@link Literal} typed by its value: index ranges, LIKE prefixes and constant folding treat it
 * exactly like the same value written in the SQL text.
 */
public final class BoundParameters {
    private BoundParameters() {}

    private static final ScopedValue<Object[]> CURRENT = ScopedValue.newInstance();
    /** While a plan meant to be kept is made: placeholders bind to runtime slots, not literals. */
    private static final ScopedValue<ParameterSlots> SLOTS = ScopedValue.newInstance();

    /** Runs {@code body} (planning and running one statement) with the placeholders bound to {@code values}. */
    public static <T> T with(Object[] values, Supplier<T> body) {
        return ScopedValue.where(CURRENT, values).call(body::get);
    }

    /** Runs {@code body} (planning a statement to keep) with the placeholders bound to {@code slots}. */
    public static <T> T withSlots(ParameterSlots slots, Supplier<T> body) {
        return ScopedValue.where(SLOTS, slots).call(body::get);
    }

    /**
     * Runs {@code body} with {@code count} stand-in values, to learn a statement's result columns
     * at prepare time. 0 is a value every clause accepts (LIMIT ?, arithmetic, comparisons).
     */
    public static <T> T withPlaceholders(int count, Supplier<T> body) {
        Object[] zeros = new Object[count];
        Arrays.fill(zeros, 0L);
        return with(zeros, body);
    }

    /** The values of the prepared execution in progress, or null outside one. */
    public static Object[] current() { return CURRENT.isBound() ? CURRENT.get() : null; }

    /** The expression for placeholder {@code index}; outside a prepared execution '?' is a syntax error. */
    static Expr bind(int index) {
        if (!CURRENT.isBound()) {
            throw new SqlException(ErrorCode.ER_PARSE_ERROR,
                    "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near '?' at line 1");
        }
        Object[] values = CURRENT.get();
        if (index >= values.length) throw new SqlException(ErrorCode.ER_WRONG_ARGUMENTS, "mysqld_stmt_execute");
        if (SLOTS.isBound()) return SLOTS.get().slot(index);
        return literal(values[index]);
    }

    /** A literal carrying {@code value} with the type MySQL gives a parameter of that kind. */
    public static Literal literal(Object value) {
        return switch (value) {
            case null -> Exprs.nullLiteral();
            case Long l -> new Literal(l, SqlType.BIGINT);
            case BigInteger b -> new Literal(b, SqlType.BIGINT_UNSIGNED);
            case Double d -> new Literal(d, SqlType.DOUBLE);
            case BigDecimal d -> new Literal(d, SqlType.decimal(Math.max(d.precision(), Math.max(d.scale(), 0) + 1),
                    Math.max(d.scale(), 0)));
            case String s -> Exprs.stringLiteral(s);
            case byte[] b -> new Literal(b, SqlType.of(TypeKind.VARBINARY, b.length));
            case LocalDate d -> new Literal(d, SqlType.DATE);
            case LocalDateTime t -> new Literal(t, t.getNano() == 0 ? SqlType.DATETIME : withFsp(TypeKind.DATETIME));
            case Duration d -> new Literal(d, d.getNano() == 0 ? SqlType.TIME : withFsp(TypeKind.TIME));
            default -> throw new IllegalArgumentException("unsupported parameter value " + value.getClass().getName());
        };
    }

    private static SqlType withFsp(TypeKind kind) {
        return new SqlType(kind, 0, 0, 6, false, false, java.util.List.of(), null);
    }
}
