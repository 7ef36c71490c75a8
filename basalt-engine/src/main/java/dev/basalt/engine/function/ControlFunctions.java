package dev.basalt.engine.function;

import dev.basalt.engine.expr.Coercion;
import dev.basalt.engine.expr.Conversion;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.Types;
import dev.basalt.engine.types.ValueComparator;
import dev.basalt.engine.types.Values;

import java.util.List;

import static dev.basalt.engine.function.FunctionDef.VARIADIC;

/** IF, IFNULL, NULLIF, COALESCE, ISNULL, INTERVAL. */
final class ControlFunctions {
    private ControlFunctions() {}

    static void register() {
        Functions.register("IF", 3, 3, (n, a) -> {
            Expr t = a.get(1), f = a.get(2);
            SqlType type = Types.unify(List.of(t.type(), f.type()));
            Conversion ct = Conversion.between(t.type(), type), cf = Conversion.between(f.type(), type);
            return new FunctionCall(n, a, type, t.nullable() || f.nullable(), true, (ctx, row, args) ->
                    args[0].test(ctx, row) ? ct.apply(ctx, args[1].eval(ctx, row)) : cf.apply(ctx, args[2].eval(ctx, row)));
        });
        Functions.register("IFNULL", 2, 2, (n, a) -> coalesce(n, a));
        Functions.register("COALESCE", 1, VARIADIC, ControlFunctions::coalesce);
        // ANY_VALUE(x) is x; its point is that ONLY_FULL_GROUP_BY accepts it (see plan/OnlyFullGroupBy)
        Functions.register("ANY_VALUE", 1, 1, ControlFunctions::coalesce);
        Functions.register("NULLIF", 2, 2, (n, a) -> {
            ValueComparator cmp = Values.comparator(a.get(0).type(), a.get(1).type());
            return new FunctionCall(n, a, a.get(0).type(), true, true, (ctx, row, args) -> {
                Object x = args[0].eval(ctx, row);
                if (x == null) return null;
                Object y = args[1].eval(ctx, row);
                return y != null && cmp.compare(x, y) == 0 ? null : x;
            });
        });
        Functions.register("ISNULL", 1, 1, (n, a) -> new FunctionCall(n, a, Types.BOOL_RESULT, false, true,
                (ctx, row, args) -> args[0].eval(ctx, row) == null ? 1L : 0L));
        Functions.register("INTERVAL", 2, VARIADIC, (n, a) -> new FunctionCall(n, a, SqlType.BIGINT, false, true, (ctx, row, args) -> {
            Object v = args[0].eval(ctx, row);
            if (v == null) return -1L;
            double x = Coercion.toDouble(ctx, v);
            long i = 0;
            for (int k = 1; k < args.length; k++) {
                Object b = args[k].eval(ctx, row);
                if (b != null && x < Coercion.toDouble(ctx, b)) break;
                i++;
            }
            return i;
        }));
    }

    private static Expr coalesce(String name, List<Expr> a) {
        SqlType type = Types.unify(a.stream().map(Expr::type).toList());
        Conversion[] conv = new Conversion[a.size()];
        boolean nullable = true;
        for (int i = 0; i < a.size(); i++) {
            conv[i] = Conversion.between(a.get(i).type(), type);
            if (!a.get(i).nullable()) nullable = false;
        }
        return new FunctionCall(name, a, type, nullable, true, (ctx, row, args) -> {
            for (int i = 0; i < args.length; i++) {
                Object v = args[i].eval(ctx, row);
                if (v != null) return conv[i].apply(ctx, v);
            }
            return null;
        });
    }
}
