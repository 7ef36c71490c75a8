package dev.basalt.engine.function;

import dev.basalt.engine.expr.Coercion;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.json.Json;
import dev.basalt.engine.json.JsonPath;
import dev.basalt.engine.json.JsonValues;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;

/** Reading the arguments of JSON functions: documents, paths, values; and the JSON result type. */
final class JsonArgs {
    private JsonArgs() {}

    static final SqlType JSON = SqlType.of(TypeKind.JSON);

    /** Evaluates argument i as a document; null for SQL NULL. */
    static Object document(EvalContext ctx, Object[] row, Expr[] args, int i, String fn) {
        Object v = args[i].eval(ctx, row);
        return v == null ? null : JsonValues.document(v, args[i].type(), i + 1, fn);
    }

    /** Evaluates argument i as a path; null for SQL NULL. */
    static JsonPath path(EvalContext ctx, Object[] row, Expr[] args, int i) {
        Object v = args[i].eval(ctx, row);
        return v == null ? null : JsonPath.parse(Coercion.toText(v, args[i].type()));
    }

    /** Evaluates argument i as a value to put into a document (SQL NULL is JSON null). */
    static Object value(EvalContext ctx, Object[] row, Expr[] args, int i) {
        return JsonValues.fromSql(args[i].eval(ctx, row), args[i].type());
    }

    /** A JSON result: the canonical text, or SQL NULL. */
    static String result(Object json) { return json == null ? null : Json.print(json); }

    static String text(EvalContext ctx, Object[] row, Expr[] args, int i) {
        Object v = args[i].eval(ctx, row);
        return v == null ? null : Coercion.toText(v, args[i].type());
    }
}
