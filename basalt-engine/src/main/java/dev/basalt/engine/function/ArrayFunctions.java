package dev.basalt.engine.function;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.expr.CompareOp;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.Literal;
import dev.basalt.engine.types.ArrayElement;
import dev.basalt.engine.types.ArrayText;
import dev.basalt.engine.types.ArrayValue;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import dev.basalt.engine.types.ValueComparator;
import dev.basalt.engine.types.ValueText;
import dev.basalt.engine.types.Values;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.basalt.engine.function.FunctionDef.VARIADIC;

/**
 * PostgreSQL's array functions and operators (issue 10). The PostgreSQL dialect writes the syntax
 * as calls: {@code ARRAY[a, b]} is {@code PG_ARRAY(a, b)}, {@code x::int[]} is
 * {@code PG_ARRAY_CAST(x, 'int4')}, {@code a[i]} is {@code PG_ARRAY_GET(a, i)},
 * {@code x = ANY(a)} is {@code PG_ARRAY_ANY(x, '=', a)}, {@code a @> b} is
 * {@code PG_ARRAY_CONTAINS(a, b)} ({@code a <@ b} {@code PG_ARRAY_CONTAINED(a, b)}), {@code a && b} is {@code PG_ARRAY_OVERLAPS(a, b)}; the
 * function names PostgreSQL has (array_length, cardinality, array_append...) keep their names.
 * An argument that is not an array (a string parameter such as {@code '{1,2}'}) is read as an
 * array literal of the element type the call implies.
 */
final class ArrayFunctions {
    private ArrayFunctions() {}

    /** A slice bound: the value, or {@code dflt} when it is missing (NULL). */
    private static long bound(Object v, long dflt) {
        return v == null ? dflt : dev.basalt.engine.types.Numbers.toDecimal(v).setScale(0, java.math.RoundingMode.HALF_UP).longValue();
    }

    static void register() {
        Functions.register("PG_ARRAY", 0, VARIADIC, (n, a) -> {
            if (!a.isEmpty() && a.stream().allMatch(x -> x.type().kind() == TypeKind.ARRAY)) return nestedConstructor(n, a);
            ArrayElement e = constructorElement(a);
            return new FunctionCall(n, a, SqlType.array(e), false, true, (ctx, row, args) -> {
                List<Object> items = new ArrayList<>(args.length);
                for (Expr x : args) items.add(x.eval(ctx, row));
                return new ArrayValue(e, items);
            });
        });
        Functions.register("PG_CONCAT", 2, 2, (n, a) -> {
            // the PostgreSQL port's ||: array || array (or a string literal, which PostgreSQL reads as an
            // array) catenates, array || element appends, element || array prepends; else strings (CONCAT)
            boolean l = a.get(0).type().kind() == TypeKind.ARRAY, r = a.get(1).type().kind() == TypeKind.ARRAY;
            boolean lText = a.get(0) instanceof dev.basalt.engine.expr.Literal x && x.value() instanceof String;
            boolean rText = a.get(1) instanceof dev.basalt.engine.expr.Literal x && x.value() instanceof String;
            if (l && (r || rText) || r && lText) return Functions.create("ARRAY_CAT", a, null);
            if (l) return Functions.create("ARRAY_APPEND", a, null);
            if (r) return Functions.create("ARRAY_PREPEND", a, null);
            return Functions.create("CONCAT", a, null);
        });
        Functions.register("PG_ARRAY_CAST", 2, 2, (n, a) -> {
            ArrayElement e = namedElement(a.get(1));
            return new FunctionCall(n, a, SqlType.array(e), true, true, (ctx, row, args) -> {
                Object v = args[0].eval(ctx, row);
                return v == null ? null : ArrayText.of(v, e);
            });
        });
        Functions.register("PG_ARRAY_GET", 2, VARIADIC, (n, a) -> {
            // a[i] or a[i][j]...: one subscript per dimension reaches an element, any other number NULL
            ArrayElement e = elementOf(a.get(0), null);
            return new FunctionCall(n, a, e.elementType(), true, true, (ctx, row, args) -> {
                Object v = args[0].eval(ctx, row);
                if (v == null) return null;
                long[] subscripts = new long[args.length - 1];
                for (int k = 1; k < args.length; k++) {
                    Object i = args[k].eval(ctx, row);
                    if (i == null) return null;
                    subscripts[k - 1] = dev.basalt.engine.types.Numbers.toDecimal(i).longValue();
                }
                return ArrayText.of(v, e).get(subscripts);
            });
        });
        Functions.register("PG_ARRAY_NTH", 2, 2, (n, a) -> {
            // the i-th element in storage order, whatever the dimensions: unnest's, which flattens
            ArrayElement e = elementOf(a.get(0), null);
            return new FunctionCall(n, a, e.elementType(), true, true, (ctx, row, args) -> {
                Object v = args[0].eval(ctx, row), i = args[1].eval(ctx, row);
                if (v == null || i == null) return null;
                ArrayValue av = ArrayText.of(v, e);
                long at = dev.basalt.engine.types.Numbers.toDecimal(i).longValue();
                return at >= 1 && at <= av.size() ? av.items().get((int) at - 1) : null;
            });
        });
        Functions.register("PG_ARRAY_SLICE", 3, VARIADIC, (n, a) -> {
            // a[lo:hi] (a missing bound is NULL: the array's own), a pair per dimension; the result
            // counts from 1, as PostgreSQL's does
            if (a.size() % 2 == 0) {
                throw new SqlException(1582, "42000", "Incorrect parameter count in the call to native function '" + n + "'");
            }
            ArrayElement e = elementOf(a.get(0), null);
            return new FunctionCall(n, a, SqlType.array(e), true, true, (ctx, row, args) -> {
                Object v = args[0].eval(ctx, row);
                if (v == null) return null;
                ArrayValue av = ArrayText.of(v, e);
                int[] dims = av.dims();
                int pairs = (args.length - 1) / 2;
                // more ranges than dimensions (or an empty array): nothing is in range
                if (pairs > dims.length) return new ArrayValue(e, List.of());
                // bounds are subscripts, counted from each dimension's lower bound
                int[] lower = av.lower();
                long[] lo = new long[dims.length], hi = new long[dims.length];
                for (int d = 0; d < dims.length; d++) {
                    long first = lower[d], last = (long) lower[d] + dims[d] - 1;
                    lo[d] = d < pairs ? Math.max(bound(args[1 + 2 * d].eval(ctx, row), first), first) : first;
                    hi[d] = d < pairs ? Math.min(bound(args[2 + 2 * d].eval(ctx, row), last), last) : last;
                    if (lo[d] > hi[d]) return new ArrayValue(e, List.of());
                }
                return slice(av, lo, hi);
            });
        });
        Functions.register("ARRAY_NDIMS ARRAY_DIMS", 1, 1, (n, a) -> {
            ArrayElement e = elementOf(a.get(0), null);
            boolean dims = n.equals("ARRAY_DIMS");
            return new FunctionCall(n, a, dims ? SqlType.LONGTEXT : SqlType.INT, true, true, (ctx, row, args) -> {
                Object v = args[0].eval(ctx, row);
                if (v == null) return null;
                ArrayValue av = ArrayText.of(v, e);
                // an empty array has no dimensions, so NULL
                if (av.size() == 0) return null;
                if (!dims) return (long) av.ndims();
                StringBuilder sb = new StringBuilder();
                int[] d = av.dims(), lower = av.lower();
                for (int k = 0; k < d.length; k++) sb.append('[').append(lower[k]).append(':').append(lower[k] + d[k] - 1).append(']');
                return sb.toString();
            });
        });
        Functions.register("PG_ARRAY_ANY PG_ARRAY_ALL", 3, 3, (n, a) -> quantified(n, a));
        Functions.register("CARDINALITY", 1, 1, (n, a) -> {
            ArrayElement e = elementOf(a.get(0), null);
            return new FunctionCall(n, a, SqlType.INT, true, true, (ctx, row, args) -> {
                Object v = args[0].eval(ctx, row);
                return v == null ? null : (long) ArrayText.of(v, e).size();
            });
        });
        Functions.register("ARRAY_LENGTH ARRAY_UPPER ARRAY_LOWER", 2, 2, (n, a) -> {
            ArrayElement e = elementOf(a.get(0), null);
            return new FunctionCall(n, a, SqlType.INT, true, true, (ctx, row, args) -> {
                Object v = args[0].eval(ctx, row), d = args[1].eval(ctx, row);
                if (v == null || d == null) return null;
                ArrayValue av = ArrayText.of(v, e);
                // dimensions count from 1; an empty array has none
                double dim = dev.basalt.engine.types.Numbers.toDouble(d);
                if (av.size() == 0 || dim != Math.rint(dim) || dim < 1 || dim > av.ndims()) return null;
                int k = (int) dim - 1;
                return switch (n) {
                    case "ARRAY_LOWER" -> (long) av.lower()[k];
                    case "ARRAY_UPPER" -> (long) av.lower()[k] + av.dims()[k] - 1;
                    default -> (long) av.dims()[k];
                };
            });
        });
        Functions.register("PG_ARRAY_CONTAINS PG_ARRAY_CONTAINED PG_ARRAY_OVERLAPS", 2, 2, (n, a) -> {
            Expr jsonContains = jsonContainment(n, a);
            if (jsonContains != null) return jsonContains;
            ArrayElement e = elementOf(a.get(0), elementOf(a.get(1), null));
            boolean overlaps = n.equals("PG_ARRAY_OVERLAPS");
            boolean contained = n.equals("PG_ARRAY_CONTAINED"); // a <@ b is b @> a
            return new FunctionCall(n, a, SqlType.BOOLEAN, true, true, (ctx, row, args) -> {
                Object x = args[contained ? 1 : 0].eval(ctx, row), y = args[contained ? 0 : 1].eval(ctx, row);
                if (x == null || y == null) return null;
                ArrayValue left = ArrayText.of(x, e), right = ArrayText.of(y, e);
                for (Object item : right.items()) {
                    boolean found = item != null && indexOf(left, item) >= 0;
                    if (overlaps && found) return 1L;
                    if (!overlaps && !found) return 0L;
                }
                return overlaps ? 0L : 1L;
            });
        });
        Functions.register("ARRAY_APPEND ARRAY_PREPEND ARRAY_CAT ARRAY_REMOVE", 2, 2, (n, a) -> {
            boolean prepend = n.equals("ARRAY_PREPEND");
            Expr arrayArg = a.get(prepend ? 1 : 0), other = a.get(prepend ? 0 : 1);
            ArrayElement e = elementOf(arrayArg, n.equals("ARRAY_CAT") ? elementOf(other, null) : ArrayElement.ofSqlType(other.type()));
            return new FunctionCall(n, a, SqlType.array(e), true, true, (ctx, row, args) -> {
                Object v = args[prepend ? 1 : 0].eval(ctx, row), x = args[prepend ? 0 : 1].eval(ctx, row);
                if (n.equals("ARRAY_CAT")) {
                    if (v == null) return x == null ? null : ArrayText.of(x, e);
                    if (x == null) return ArrayText.of(v, e);
                    ArrayValue left = ArrayText.of(v, e), right = ArrayText.of(x, e);
                    if (left.isMultiDimensional() || right.isMultiDimensional()) return catDimensions(left, right);
                }
                ArrayValue array = v == null ? null : ArrayText.of(v, e);
                if (array != null && array.isMultiDimensional()) {
                    // PostgreSQL's own refusals, with its SQLSTATEs
                    if (n.equals("ARRAY_REMOVE")) {
                        throw new SqlException(1235, "0A000", "removing elements from multidimensional arrays is not supported");
                    }
                    throw new SqlException(1210, "22000", "argument must be empty or one-dimensional array");
                }
                List<Object> items = new ArrayList<>(array == null ? List.of() : array.items());
                switch (n) {
                    case "ARRAY_APPEND" -> items.add(x);
                    case "ARRAY_PREPEND" -> items.addFirst(x);
                    case "ARRAY_CAT" -> items.addAll(ArrayText.of(x, e).items());
                    default -> {
                        if (v == null) return null;
                        Object gone = e.convert(x);
                        items.removeIf(item -> gone == null ? item == null : item != null && e.compare(item, gone) == 0);
                    }
                }
                // the result keeps the array's lower bound ('[0:2]={1,2,3}' plus 4 is [0:3]={1,2,3,4}), as in PostgreSQL;
                // an empty array catenated with another is that other one
                ArrayValue from = array != null && array.size() > 0 ? array
                        : n.equals("ARRAY_CAT") && x != null ? ArrayText.of(x, e) : null;
                if (from != null && from.hasExplicitBounds() && !items.isEmpty()) {
                    return new ArrayValue(e, items, new int[] {items.size()}, from.lower());
                }
                return new ArrayValue(e, items);
            });
        });
        Functions.register("ARRAY_POSITION", 2, 2, (n, a) -> {
            ArrayElement e = elementOf(a.get(0), ArrayElement.ofSqlType(a.get(1).type()));
            return new FunctionCall(n, a, SqlType.INT, true, true, (ctx, row, args) -> {
                Object v = args[0].eval(ctx, row), x = args[1].eval(ctx, row);
                if (v == null) return null;
                ArrayValue av = ArrayText.of(v, e);
                if (av.isMultiDimensional()) {
                    throw new SqlException(1235, "0A000", "searching for elements in multidimensional arrays is not supported");
                }
                int at = x == null ? av.items().indexOf(null) : indexOf(av, e.convert(x));
                return at < 0 ? null : (long) at + 1;
            });
        });
        Functions.register("ARRAY_TO_STRING", 2, 3, (n, a) -> {
            ArrayElement e = elementOf(a.get(0), null);
            return new FunctionCall(n, a, SqlType.LONGTEXT, true, true, (ctx, row, args) -> {
                Object v = args[0].eval(ctx, row), sep = args[1].eval(ctx, row);
                Object nulls = args.length > 2 ? args[2].eval(ctx, row) : null;
                if (v == null || sep == null) return null;
                StringBuilder sb = new StringBuilder();
                boolean first = true;
                for (Object item : ArrayText.of(v, e).items()) {
                    if (item == null && nulls == null) continue;
                    if (!first) sb.append(ValueText.toText(sep, null));
                    sb.append(item == null ? ValueText.toText(nulls, null) : e.text(item));
                    first = false;
                }
                return sb.toString();
            });
        });
        Functions.register("STRING_TO_ARRAY", 2, 3, (n, a) -> new FunctionCall(n, a, SqlType.array(ArrayElement.TEXT), true, true,
                (ctx, row, args) -> {
                    Object s = args[0].eval(ctx, row), sep = args[1].eval(ctx, row);
                    Object nulls = args.length > 2 ? args[2].eval(ctx, row) : null;
                    if (s == null) return null;
                    String text = ValueText.toText(s, null);
                    List<Object> items = new ArrayList<>();
                    if (!text.isEmpty()) {
                        if (sep == null) {
                            text.codePoints().forEach(cp -> items.add(Character.toString(cp)));
                        } else {
                            String d = ValueText.toText(sep, null);
                            if (d.isEmpty()) items.add(text);
                            else items.addAll(List.of(text.split(java.util.regex.Pattern.quote(d), -1)));
                        }
                    }
                    if (nulls != null) {
                        String nullText = ValueText.toText(nulls, null);
                        items.replaceAll(item -> nullText.equals(item) ? null : item);
                    }
                    return new ArrayValue(ArrayElement.TEXT, items);
                }));
    }

    /** {@code x op ANY(a)} / {@code x op ALL(a)} with SQL's three-valued logic over the elements. */
    private static Expr quantified(String n, List<Expr> a) {
        boolean all = n.equals("PG_ARRAY_ALL");
        CompareOp op = operator(a.get(1));
        Expr x = a.get(0);
        ArrayElement e = elementOf(a.get(2), ArrayElement.ofSqlType(x.type()));
        ValueComparator c = Values.comparator(x.type(), e.elementType());
        return new FunctionCall(n, a, SqlType.BOOLEAN, true, true, (ctx, row, args) -> {
            Object arr = args[2].eval(ctx, row);
            if (arr == null) return null;
            ArrayValue av = ArrayText.of(arr, e);
            if (av.size() == 0) return all ? 1L : 0L;
            Object left = args[0].eval(ctx, row);
            if (left == null) return null;
            boolean sawNull = false;
            for (Object item : av.items()) {
                if (item == null) {
                    sawNull = true;
                    continue;
                }
                boolean holds = op.holds(c.compare(left, item));
                if (all && !holds) return 0L;
                if (!all && holds) return 1L;
            }
            return sawNull ? null : all ? 1L : 0L;
        });
    }

    private static CompareOp operator(Expr e) {
        String symbol = constantText(e);
        for (CompareOp op : CompareOp.values()) {
            if (op.symbol().equals(symbol) && op != CompareOp.NULL_SAFE_EQ) return op;
        }
        if ("!=".equals(symbol)) return CompareOp.NE;
        throw new SqlException(1235, "42000", "This version of Basalt doesn't yet support 'operator " + symbol + " with ANY/ALL'");
    }

    private static int indexOf(ArrayValue a, Object item) {
        for (int i = 0; i < a.size(); i++) {
            Object v = a.items().get(i);
            if (v != null && a.element().compare(v, item) == 0) return i;
        }
        return -1;
    }

    /**
     * {@code ARRAY[ARRAY[1,2], ARRAY[3,4]]} (and {@code ARRAY[[1,2],[3,4]]}): one more dimension over
     * sub-arrays of equal dimensions, as PostgreSQL builds it.
     */
    private static Expr nestedConstructor(String n, List<Expr> a) {
        ArrayElement common = null;
        for (Expr x : a) common = common == null ? x.type().arrayElement() : widen(common, x.type().arrayElement());
        ArrayElement e = common;
        return new FunctionCall(n, a, SqlType.array(e), false, true, (ctx, row, args) -> {
            List<Object> items = new ArrayList<>();
            int[] inner = null;
            for (Expr x : args) {
                Object v = x.eval(ctx, row);
                ArrayValue sub = v == null ? null : ArrayText.of(v, e);
                int[] dims = sub == null ? new int[0] : sub.dims();
                if (inner == null) inner = dims;
                if (sub == null || !java.util.Arrays.equals(inner, dims)) {
                    throw new SqlException(1210, "2202E", "multidimensional arrays must have array expressions with matching dimensions");
                }
                items.addAll(sub.items());
            }
            if (items.isEmpty()) return new ArrayValue(e, List.of());
            int[] dims = new int[inner.length + 1];
            dims[0] = args.length;
            System.arraycopy(inner, 0, dims, 1, inner.length);
            return new ArrayValue(e, items, dims);
        });
    }

    /**
     * array_cat with a multi-dimensional side, as PostgreSQL joins them: along the first dimension
     * when both have the same number of dimensions and the same lengths past the first, or the
     * side with one dimension fewer as one more row (appended or prepended); an empty side gives
     * the other. Anything else is 2202E.
     */
    private static ArrayValue catDimensions(ArrayValue left, ArrayValue right) {
        if (left.size() == 0) return right;
        if (right.size() == 0) return left;
        int[] l = left.dims(), r = right.dims();
        int[] dims;
        if (l.length == r.length && java.util.Arrays.equals(l, 1, l.length, r, 1, r.length)) {
            dims = l.clone();
            dims[0] += r[0];
        } else if (l.length == r.length + 1 && java.util.Arrays.equals(l, 1, l.length, r, 0, r.length)) {
            dims = l.clone();
            dims[0]++;
        } else if (r.length == l.length + 1 && java.util.Arrays.equals(r, 1, r.length, l, 0, l.length)) {
            dims = r.clone();
            dims[0]++;
        } else {
            throw new SqlException(1210, "2202E", "cannot concatenate incompatible arrays");
        }
        List<Object> items = new ArrayList<>(left.items());
        items.addAll(right.items());
        return new ArrayValue(left.element(), items, dims);
    }

    /** The elements within [lo, hi] of every dimension (subscripts, already clamped and non-empty); the result counts from 1. */
    private static ArrayValue slice(ArrayValue a, long[] lo, long[] hi) {
        int[] dims = a.dims();
        int[] out = new int[dims.length];
        for (int d = 0; d < dims.length; d++) out[d] = (int) (hi[d] - lo[d] + 1);
        List<Object> items = new ArrayList<>();
        long[] at = lo.clone();
        while (true) {
            items.add(a.get(at));
            int d = dims.length - 1;
            while (d >= 0 && at[d] == hi[d]) at[d] = lo[d--];
            if (d < 0) break;
            at[d]++;
        }
        return new ArrayValue(a.element(), items, out);
    }

    /** The element type of an array argument; for a non-array argument the fallback, else text. */
    private static ArrayElement elementOf(Expr arg, ArrayElement fallback) {
        if (arg.type().kind() == TypeKind.ARRAY) return arg.type().arrayElement();
        return fallback != null ? fallback : ArrayElement.TEXT;
    }

    /** {@code ARRAY[...]}'s element type: the common type of the items, as PostgreSQL resolves it. */
    private static ArrayElement constructorElement(List<Expr> items) {
        ArrayElement common = null;
        for (Expr item : items) {
            if (item.type().kind() == TypeKind.ARRAY) {
                throw new SqlException(1235, "42000", "This version of Basalt doesn't yet support 'multidimensional arrays'");
            }
            if (item.type().kind() == TypeKind.NULL_TYPE) continue;
            ArrayElement e = ArrayElement.ofSqlType(item.type());
            if (e == ArrayElement.INT8 && item instanceof Literal l && l.value() instanceof Long v && v == v.intValue()) {
                e = ArrayElement.INT4; // PostgreSQL types an integer constant as int4 when it fits (MySQL: BIGINT)
            }
            if (e == null) {
                throw new SqlException(1235, "42000", "This version of Basalt doesn't yet support 'arrays of "
                        + item.type().kind().name().toLowerCase(Locale.ROOT) + "'");
            }
            common = common == null ? e : widen(common, e);
        }
        return common == null ? ArrayElement.TEXT : common;
    }

    private static ArrayElement widen(ArrayElement a, ArrayElement b) {
        if (a == b) return a;
        List<ArrayElement> numeric = List.of(ArrayElement.INT2, ArrayElement.INT4, ArrayElement.INT8,
                ArrayElement.NUMERIC, ArrayElement.FLOAT4, ArrayElement.FLOAT8);
        if (numeric.contains(a) && numeric.contains(b)) return numeric.get(Math.max(numeric.indexOf(a), numeric.indexOf(b)));
        if ((a == ArrayElement.TEXT || a == ArrayElement.VARCHAR) && (b == ArrayElement.TEXT || b == ArrayElement.VARCHAR)) {
            return ArrayElement.TEXT;
        }
        if ((a == ArrayElement.DATE || a == ArrayElement.TIMESTAMP) && (b == ArrayElement.DATE || b == ArrayElement.TIMESTAMP)) {
            return ArrayElement.TIMESTAMP;
        }
        throw new SqlException(1235, "42000", "This version of Basalt doesn't yet support 'ARRAY of " + a.pgName()
                + " and " + b.pgName() + " values'");
    }

    private static ArrayElement namedElement(Expr e) {
        String name = constantText(e);
        ArrayElement element = name == null ? null : ArrayElement.ofPgName(name);
        if (element == null) {
            throw new SqlException(1235, "42000", "This version of Basalt doesn't yet support 'arrays of " + name + "'");
        }
        return element;
    }

    private static String constantText(Expr e) {
        return e instanceof Literal l && l.value() != null ? ValueText.toText(l.value(), l.type()) : null;
    }

    /**
     * {@code a @> b} / {@code a <@ b} where the container is a JSON value (PostgreSQL's jsonb
     * containment): MySQL's JSON_CONTAINS(container, contained), typed boolean. Null for arrays.
     */
    private static Expr jsonContainment(String n, List<Expr> a) {
        if (n.equals("PG_ARRAY_OVERLAPS")) return null;
        boolean contained = n.equals("PG_ARRAY_CONTAINED");
        Expr container = a.get(contained ? 1 : 0), item = a.get(contained ? 0 : 1);
        if (container.type().kind() != dev.basalt.engine.types.TypeKind.JSON) return null;
        Expr test = Functions.create("JSON_CONTAINS", List.of(container, item), null);
        return new FunctionCall(n, a, SqlType.BOOLEAN, true, true, (ctx, row, args) -> {
            Object v = test.eval(ctx, row);
            return v == null ? null : ((Number) v).longValue() != 0 ? 1L : 0L;
        });
    }
}
