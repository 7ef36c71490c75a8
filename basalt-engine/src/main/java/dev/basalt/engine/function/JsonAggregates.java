package dev.basalt.engine.function;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.expr.Coercion;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.json.Json;
import dev.basalt.engine.json.JsonValues;

import java.util.List;
import java.util.Map;

/**
 * JSON_ARRAYAGG(v): the group's values as an array (SQL NULL becomes JSON null), and
 * JSON_OBJECTAGG(k, v): an object (a NULL key is 3158; a repeated key keeps the last value).
 * Both are NULL for an empty group.
 */
final class JsonAggregates {
    private JsonAggregates() {}

    static Accumulator accumulator(String name, Expr[] args) {
        return name.equals("JSON_ARRAYAGG") ? new ArrayAgg(args[0]) : new ObjectAgg(args[0], args[1]);
    }

    private static final class ArrayAgg implements Accumulator {
        private final Expr arg;
        private List<Object> items;

        ArrayAgg(Expr arg) { this.arg = arg; }

        public void add(EvalContext ctx, Object[] row) {
            if (items == null) items = Json.newArray();
            items.add(JsonValues.fromSql(arg.eval(ctx, row), arg.type()));
        }

        public Object result() { return items == null ? null : Json.print(items); }
    }

    private static final class ObjectAgg implements Accumulator {
        private final Expr key;
        private final Expr value;
        private Map<String, Object> members;

        ObjectAgg(Expr key, Expr value) {
            this.key = key;
            this.value = value;
        }

        public void add(EvalContext ctx, Object[] row) {
            Object k = key.eval(ctx, row);
            if (k == null) throw new SqlException(3158, "22032", "JSON documents may not contain NULL member names.");
            if (members == null) members = Json.newObject();
            members.put(Coercion.toText(k, key.type()), JsonValues.fromSql(value.eval(ctx, row), value.type()));
        }

        public Object result() { return members == null ? null : Json.print(members); }
    }
}
