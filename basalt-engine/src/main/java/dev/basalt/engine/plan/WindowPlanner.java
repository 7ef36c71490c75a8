package dev.basalt.engine.plan;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.exec.Operator;
import dev.basalt.engine.exec.window.FrameBoundSpec;
import dev.basalt.engine.exec.window.FrameSpec;
import dev.basalt.engine.exec.window.WindowFunctionSpec;
import dev.basalt.engine.exec.window.WindowGroup;
import dev.basalt.engine.exec.window.WindowOperator;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.Exprs;
import dev.basalt.engine.function.AggregateFunction;
import dev.basalt.engine.function.Aggregates;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import dev.basalt.engine.types.Types;
import dev.basalt.sql.ast.AggregateCall;
import dev.basalt.sql.ast.BinaryOp;
import dev.basalt.sql.ast.BinaryOperator;
import dev.basalt.sql.ast.Expression;
import dev.basalt.sql.ast.FrameBound;
import dev.basalt.sql.ast.FunctionCall;
import dev.basalt.sql.ast.IntervalExpr;
import dev.basalt.sql.ast.NamedWindow;
import dev.basalt.sql.ast.NumberKind;
import dev.basalt.sql.ast.NumberLiteral;
import dev.basalt.sql.ast.OrderItem;
import dev.basalt.sql.ast.Query;
import dev.basalt.sql.ast.WindowFrame;
import dev.basalt.sql.ast.WindowFunction;
import dev.basalt.sql.ast.WindowSpec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The window functions of one SELECT block. As a {@link ExprBinder.Grouping} wrapped around the
 * block's own grouping (if any), it turns each window function met while binding the select list
 * and ORDER BY into a reference to an output slot of the {@link WindowOperator}, which runs after
 * GROUP BY / HAVING and before DISTINCT / ORDER BY / LIMIT. Arguments, PARTITION BY and ORDER BY
 * are bound like select items (on the aggregation row in a grouped block). Named windows (WINDOW
 * w AS (...)) are resolved and checked here, used or not, as MySQL does.
 */
final class WindowPlanner implements ExprBinder.Grouping {
    private final ExprBinder.Grouping inner;
    private final ExprBinder argBinder;
    private final EvalContext ctx;
    private final Map<String, NamedWindow> named = new LinkedHashMap<>();
    private final List<WindowFunction> registered = new ArrayList<>();
    private final List<WindowResultRef> refs = new ArrayList<>();
    private final Map<List<Object>, Builder> groups = new LinkedHashMap<>();
    private final int[] base = {0};

    /** A window after following its references: the parts that decide sorting and framing. */
    private record Resolved(String name, List<Expression> partition, List<OrderItem> order, WindowFrame frame) {}

    private static final class Builder {
        Expr[] partition;
        Expr[] order;
        boolean[] descending;
        final List<WindowFunctionSpec> functions = new ArrayList<>();
        final List<Integer> numbers = new ArrayList<>();
    }

    /**
     * @param inner     the block's grouping, or null when it is not grouped
     * @param argBinder binds arguments and window keys (the block's item binder, without window functions)
     */
    WindowPlanner(List<NamedWindow> windows, ExprBinder.Grouping inner, ExprBinder argBinder, EvalContext ctx) {
        this.inner = inner;
        this.argBinder = argBinder;
        this.ctx = ctx;
        for (NamedWindow w : windows) {
            if (named.put(w.name().toLowerCase(Locale.ROOT), w) != null) throw WindowErrors.duplicateName(w.name());
        }
        for (NamedWindow w : windows) {
            Resolved r = resolve(w.spec(), w.name(), new HashSet<>(Set.of(w.name().toLowerCase(Locale.ROOT))));
            frame(r, keys(r).order);
        }
    }

    /** True if the AST holds a window function outside subqueries. */
    static boolean containsWindowFunction(Object ast) {
        return AstWalker.any(ast, n -> n instanceof WindowFunction, n -> n instanceof Query);
    }

    /** The function's name as MySQL's messages spell it (lower case). */
    static String functionName(WindowFunction w) {
        String name = w.function() instanceof AggregateCall a ? a.name()
                : w.function() instanceof FunctionCall f ? f.name() : "?";
        return name.toLowerCase(Locale.ROOT);
    }

    boolean hasFunctions() { return !registered.isEmpty(); }

    @Override
    public Expr match(Expression ast, ExprBinder from) {
        if (ast instanceof WindowFunction w) return register(w);
        return inner == null ? null : inner.match(ast, from);
    }

    @Override
    public Expr column(int fromIndex, PlanColumn column) {
        return inner != null ? inner.column(fromIndex, column)
                : Exprs.column(fromIndex, column.type(), column.nullable(), column.name());
    }

    /** The window operator over {@code input}, whose rows are {@code inputWidth} wide. */
    Operator operator(Operator input, int inputWidth) {
        base[0] = inputWidth;
        List<WindowGroup> list = new ArrayList<>();
        for (Builder b : groups.values()) {
            int[] slots = new int[b.numbers.size()];
            for (int i = 0; i < slots.length; i++) slots[i] = inputWidth + b.numbers.get(i);
            list.add(new WindowGroup(b.partition, b.order, b.descending, List.copyOf(b.functions), slots));
        }
        return new WindowOperator(input, inputWidth, inputWidth + registered.size(), list, ctx);
    }

    // ---- one window function ---------------------------------------------------------------

    private Expr register(WindowFunction w) {
        for (int i = 0; i < registered.size(); i++) {
            if (registered.get(i).equals(w)) return refs.get(i);
        }
        Resolved r = resolve(w.window(), w.window().nameOnly() ? w.window().reference() : WindowErrors.UNNAMED,
                new HashSet<>());
        Builder keys = keys(r);
        FrameSpec frame = frame(r, keys.order);
        WindowFunctionSpec spec = function(w, frame);
        SqlType type = resultType(spec);
        boolean nullable = switch (spec.kind()) {
            case ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST, NTILE -> false;
            case AGGREGATE -> spec.aggregate().nullable();
            default -> true;
        };
        int number = registered.size();
        List<Object> key = List.of(r.partition(), r.order());
        Builder b = groups.computeIfAbsent(key, k -> keys);
        b.functions.add(spec);
        b.numbers.add(number);
        WindowResultRef ref = new WindowResultRef(base, number, type, nullable);
        registered.add(w);
        refs.add(ref);
        return ref;
    }

    private static SqlType resultType(WindowFunctionSpec spec) {
        return switch (spec.kind()) {
            case ROW_NUMBER, RANK, DENSE_RANK, NTILE -> SqlType.BIGINT;
            case PERCENT_RANK, CUME_DIST -> SqlType.DOUBLE;
            case AGGREGATE -> spec.aggregate().resultType();
            case LAG, LEAD -> spec.defaultValue() == null ? spec.args()[0].type()
                    : Types.unify(List.of(spec.args()[0].type(), spec.defaultValue().type()));
            default -> spec.args()[0].type();
        };
    }

    private WindowFunctionSpec function(WindowFunction w, FrameSpec frame) {
        String name = switch (w.function()) {
            case FunctionCall f -> f.name();
            case AggregateCall a -> a.name();
            default -> throw new IllegalStateException("not a window function: " + w.function());
        };
        String lower = name.toLowerCase(Locale.ROOT);
        if (w.fromLast()) throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET, "FROM LAST");
        if (w.ignoreNulls()) throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET, "IGNORE NULLS");
        if (w.function() instanceof AggregateCall a) {
            if (a.distinct()) throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET, "<window function>(DISTINCT ..)");
            if (a.name().equals("GROUP_CONCAT")) throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET, "group_concat as window function");
            List<Expr> args = new ArrayList<>();
            for (Expression e : a.args()) args.add(bindArgument(e, lower));
            AggregateFunction f = Aggregates.create(a.name(), false, args, List.of(), ",");
            return new WindowFunctionSpec(WindowFunctionSpec.Kind.AGGREGATE, new Expr[0], f, 0, null, frame);
        }
        FunctionCall f = (FunctionCall) w.function();
        WindowFunctionSpec.Kind kind = WindowFunctionSpec.Kind.valueOf(name);
        List<Expression> a = f.args();
        return switch (kind) {
            case NTILE -> new WindowFunctionSpec(kind, new Expr[0], null, count(a.get(0), lower, 1), null, frame);
            case LAG, LEAD -> {
                Expr value = bindArgument(a.get(0), lower);
                long offset = a.size() > 1 ? count(a.get(1), lower, 0) : 1;
                Expr dflt = a.size() > 2 ? bindArgument(a.get(2), lower) : null;
                if (dflt != null) {
                    SqlType t = Types.unify(List.of(value.type(), dflt.type()));
                    if (value.type().kind() != t.kind() && value.type().kind() != TypeKind.NULL_TYPE) value = Exprs.cast(value, t);
                    if (dflt.type().kind() != t.kind() && dflt.type().kind() != TypeKind.NULL_TYPE) dflt = Exprs.cast(dflt, t);
                }
                yield new WindowFunctionSpec(kind, new Expr[]{value}, null, offset, dflt, frame);
            }
            case FIRST_VALUE, LAST_VALUE -> new WindowFunctionSpec(kind, new Expr[]{bindArgument(a.get(0), lower)}, null, 0, null, frame);
            case NTH_VALUE -> new WindowFunctionSpec(kind, new Expr[]{bindArgument(a.get(0), lower)}, null,
                    count(a.get(1), lower, 1), null, frame);
            default -> new WindowFunctionSpec(kind, new Expr[0], null, 0, null, frame);
        };
    }

    private Expr bindArgument(Expression e, String function) {
        if (containsWindowFunction(e)) throw WindowErrors.invalidUse(function);
        return argBinder.bind(e);
    }

    /** NTILE's buckets, LAG/LEAD's offset, NTH_VALUE's N: a constant integer of at least {@code min}. */
    private long count(Expression e, String function, long min) {
        Expr x = argBinder.bind(e);
        if (!x.isConstant()) throw WindowErrors.wrongArguments(function);
        Object v = x.eval(ctx, null);
        long n;
        if (v instanceof Long l) n = l;
        else if (v instanceof BigInteger) n = Long.MAX_VALUE;
        else if (v instanceof BigDecimal d && d.scale() <= 0) n = d.longValue();
        else throw WindowErrors.wrongArguments(function);
        // a '?' is planned with 0 at PREPARE time to learn the result columns: not an error yet
        if (n < min && e instanceof dev.basalt.sql.ast.Parameter && n == 0) return min;
        if (n < min) throw WindowErrors.wrongArguments(function);
        return n;
    }

    // ---- windows: references, keys, frames ---------------------------------------------------

    private Resolved resolve(WindowSpec spec, String name, Set<String> visiting) {
        if (spec.reference() == null) return new Resolved(name, spec.partitionBy(), spec.orderBy(), spec.frame());
        String ref = spec.reference().toLowerCase(Locale.ROOT);
        NamedWindow base = named.get(ref);
        if (base == null) throw WindowErrors.noSuchWindow(spec.reference());
        if (!visiting.add(ref)) throw WindowErrors.circularity();
        Resolved b = resolve(base.spec(), base.name(), visiting);
        if (spec.nameOnly()) return new Resolved(name, b.partition(), b.order(), b.frame());
        if (!spec.partitionBy().isEmpty()) throw WindowErrors.noChildPartitioning();
        if (b.frame() != null) throw WindowErrors.noInheritFrame(base.name());
        if (!b.order().isEmpty() && !spec.orderBy().isEmpty()) throw WindowErrors.noRedefineOrderBy(name, base.name());
        return new Resolved(name, b.partition(), spec.orderBy().isEmpty() ? b.order() : spec.orderBy(), spec.frame());
    }

    /** Binds PARTITION BY and ORDER BY into a group builder (its functions are added by the caller). */
    private Builder keys(Resolved r) {
        if (containsWindowFunction(r.partition()) || containsWindowFunction(r.order())) throw WindowErrors.nestedInSpec(r.name());
        Builder b = new Builder();
        b.partition = new Expr[r.partition().size()];
        for (int i = 0; i < b.partition.length; i++) {
            Expression e = r.partition().get(i);
            if (isPosition(e)) throw WindowErrors.illegalOrderBy(r.name());
            b.partition[i] = argBinder.bind(e);
        }
        b.order = new Expr[r.order().size()];
        b.descending = new boolean[b.order.length];
        for (int i = 0; i < b.order.length; i++) {
            OrderItem o = r.order().get(i);
            if (isPosition(o.expression())) throw WindowErrors.illegalOrderBy(r.name());
            b.order[i] = argBinder.bind(o.expression());
            b.descending[i] = o.descending();
        }
        return b;
    }

    private static boolean isPosition(Expression e) {
        return e instanceof NumberLiteral n && n.kind() == NumberKind.INTEGER;
    }

    /** Checks a frame as MySQL does (3596, 3587-3590, 3586) and prepares its bounds. */
    private FrameSpec frame(Resolved r, Expr[] order) {
        WindowFrame f = r.frame();
        String name = r.name();
        if (f == null) {
            return order.length > 0 ? FrameSpec.DEFAULT : new FrameSpec(true, FrameBoundSpec.of(FrameBoundSpec.Kind.UNBOUNDED_PRECEDING),
                    FrameBoundSpec.of(FrameBoundSpec.Kind.UNBOUNDED_FOLLOWING));
        }
        for (FrameBound b : List.of(f.start(), f.end())) {
            if (f.rows() && b.offset() instanceof IntervalExpr) throw WindowErrors.rowsInterval(name);
        }
        boolean valueBounds = f.start().offset() != null || f.end().offset() != null;
        if (!f.rows() && valueBounds) {
            TypeKind k = order.length == 1 ? order[0].type().kind() : null;
            if (k == null || !(k.isNumeric() || k.isTemporal())) throw WindowErrors.rangeOrderType(name);
            for (FrameBound b : List.of(f.start(), f.end())) {
                if (b.offset() == null) continue;
                if (k.isTemporal() && !(b.offset() instanceof IntervalExpr)) throw WindowErrors.rangeTemporalType(name);
                if (k.isNumeric() && b.offset() instanceof IntervalExpr) throw WindowErrors.rangeNumericType(name);
            }
        }
        FrameBoundSpec start = bound(f, f.start(), r, order);
        FrameBoundSpec end = bound(f, f.end(), r, order);
        if (rank(start.kind()) > rank(end.kind()) || start.kind() == FrameBoundSpec.Kind.UNBOUNDED_FOLLOWING
                || end.kind() == FrameBoundSpec.Kind.UNBOUNDED_PRECEDING) {
            throw WindowErrors.frameIllegal(name);
        }
        return new FrameSpec(f.rows(), start, end);
    }

    private static int rank(FrameBoundSpec.Kind k) {
        return k.ordinal(); // UNBOUNDED PRECEDING < n PRECEDING < CURRENT ROW < n FOLLOWING < UNBOUNDED FOLLOWING
    }

    private FrameBoundSpec bound(WindowFrame f, FrameBound b, Resolved r, Expr[] order) {
        FrameBoundSpec.Kind kind = FrameBoundSpec.Kind.valueOf(b.kind().name());
        if (b.offset() == null) return FrameBoundSpec.of(kind);
        Expression amount = b.offset() instanceof IntervalExpr iv ? iv.value() : b.offset();
        Expr x = argBinder.bind(amount);
        if (!x.isConstant()) throw WindowErrors.boundNotConstant(r.name());
        Object v = x.eval(ctx, null);
        if (f.rows()) {
            long n;
            if (v instanceof Long l) n = l;
            else if (v instanceof BigInteger) n = Long.MAX_VALUE;
            else throw WindowErrors.frameIllegal(r.name());
            if (n < 0) throw WindowErrors.frameIllegal(r.name());
            return new FrameBoundSpec(kind, n, null);
        }
        if (v == null || negative(v)) throw WindowErrors.frameIllegal(r.name());
        // the key moved by the offset, toward the bound's side in sort order
        boolean descending = r.order().getFirst().descending();
        boolean subtract = (kind == FrameBoundSpec.Kind.PRECEDING) != descending;
        Expression moved = new BinaryOp(subtract ? BinaryOperator.SUBTRACT : BinaryOperator.ADD,
                r.order().getFirst().expression(), b.offset());
        return new FrameBoundSpec(kind, 0, argBinder.bind(moved));
    }

    private static boolean negative(Object v) {
        return switch (v) {
            case Long l -> l < 0;
            case BigInteger b -> b.signum() < 0;
            case BigDecimal d -> d.signum() < 0;
            case Double d -> d < 0;
            case Float d -> d < 0;
            default -> false;
        };
    }
}
