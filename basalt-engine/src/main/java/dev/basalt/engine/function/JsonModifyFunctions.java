package dev.basalt.engine.function;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.json.Json;
import dev.basalt.engine.json.JsonPath;
import dev.basalt.engine.json.JsonPath.Cell;
import dev.basalt.engine.json.JsonPath.Leg;
import dev.basalt.engine.json.JsonPath.Member;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.basalt.engine.function.FunctionDef.VARIADIC;
import static dev.basalt.engine.function.JsonArgs.JSON;

/**
 * JSON_SET / JSON_INSERT / JSON_REPLACE / JSON_REMOVE / JSON_ARRAY_APPEND / JSON_ARRAY_INSERT and
 * the merges. Paths are applied left to right, each to the document the previous one produced;
 * paths must select one value (3149). A scalar addressed as an array is treated as an array of
 * one (MySQL's auto-wrapping), so {@code JSON_SET('1', '$[1]', 2)} is {@code [1, 2]}.
 */
final class JsonModifyFunctions {
    private JsonModifyFunctions() {}

    private enum Mode { SET, INSERT, REPLACE }

    static void register() {
        for (Mode mode : Mode.values()) {
            Functions.register("JSON_" + mode.name(), 3, VARIADIC, (n, a) -> {
                if (a.size() % 2 == 0) throw JsonFunctions.paramCount(n);
                return new FunctionCall(n, a, JSON, true, true, (ctx, row, args) -> pairs(ctx, row, args, n, (doc, path, value) ->
                        write(doc, path.requireSingle().legs(), 0, mode, value)));
            });
        }
        Functions.register("JSON_ARRAY_APPEND", 3, VARIADIC, (n, a) -> {
            if (a.size() % 2 == 0) throw JsonFunctions.paramCount(n);
            return new FunctionCall(n, a, JSON, true, true, (ctx, row, args) -> pairs(ctx, row, args, n, (doc, path, value) ->
                    append(doc, path.requireSingle().legs(), 0, value)));
        });
        Functions.register("JSON_ARRAY_INSERT", 3, VARIADIC, (n, a) -> {
            if (a.size() % 2 == 0) throw JsonFunctions.paramCount(n);
            return new FunctionCall(n, a, JSON, true, true, (ctx, row, args) -> pairs(ctx, row, args, n, (doc, path, value) -> {
                List<Leg> legs = path.requireSingle().legs();
                if (legs.isEmpty() || !(legs.getLast() instanceof Cell cell)) {
                    throw new SqlException(3165, "42000", "A path expression is not a path to a cell in an array.");
                }
                Object parent = JsonPath.follow(legs.subList(0, legs.size() - 1), doc);
                if (parent instanceof List<?> l) {
                    @SuppressWarnings("unchecked") List<Object> list = (List<Object>) l;
                    int i = Math.max(0, Math.min(cell.fromEnd() ? list.size() - 1 - cell.index() : cell.index(), list.size()));
                    list.add(i, value);
                }
                return doc;
            }));
        });
        Functions.register("JSON_REMOVE", 2, VARIADIC, (n, a) -> new FunctionCall(n, a, JSON, true, true, (ctx, row, args) -> {
            Object doc = JsonArgs.document(ctx, row, args, 0, n);
            if (doc == null) return null;
            for (int i = 1; i < args.length; i++) {
                JsonPath p = JsonArgs.path(ctx, row, args, i);
                if (p == null) return null;
                List<Leg> legs = p.requireSingle().legs();
                if (legs.isEmpty()) throw new SqlException(3153, "42000", "The path expression '$' is not allowed in this context.");
                Object parent = JsonPath.follow(legs.subList(0, legs.size() - 1), doc);
                Leg last = legs.getLast();
                if (last instanceof Member m && parent instanceof Map<?, ?> o) {
                    o.remove(m.key());
                } else if (last instanceof Cell c && parent instanceof List<?> l) {
                    int at = c.fromEnd() ? l.size() - 1 - c.index() : c.index();
                    if (at >= 0 && at < l.size()) l.remove(at);
                }
            }
            return JsonArgs.result(doc);
        }));
        Functions.register("JSON_MERGE_PRESERVE JSON_MERGE", 2, VARIADIC, (n, a) -> new FunctionCall(n, a, JSON, true, true, (ctx, row, args) -> {
            Object doc = JsonArgs.document(ctx, row, args, 0, n);
            if (doc == null) return null;
            for (int i = 1; i < args.length; i++) {
                Object next = JsonArgs.document(ctx, row, args, i, n);
                if (next == null) return null;
                doc = JsonMerge.preserve(doc, next);
            }
            return JsonArgs.result(doc);
        }));
        Functions.register("JSON_MERGE_PATCH", 2, VARIADIC, (n, a) -> new FunctionCall(n, a, JSON, true, true, (ctx, row, args) -> {
            Object doc = JsonArgs.document(ctx, row, args, 0, n);
            for (int i = 1; i < args.length; i++) {
                Object patch = JsonArgs.document(ctx, row, args, i, n);
                // A NULL patch makes the result NULL, unless a later object patch replaces it.
                doc = patch == null ? null : JsonMerge.patch(doc, patch);
            }
            return JsonArgs.result(doc);
        }));
    }

    @FunctionalInterface
    private interface Change {
        Object apply(Object doc, JsonPath path, Object value);
    }

    /** (doc, path, value, path, value...): each pair applied in order to the document. */
    private static Object pairs(EvalContext ctx, Object[] row, Expr[] args, String fn, Change change) {
        Object doc = JsonArgs.document(ctx, row, args, 0, fn);
        if (doc == null) return null;
        for (int i = 1; i < args.length; i += 2) {
            JsonPath p = JsonArgs.path(ctx, row, args, i);
            if (p == null) return null;
            doc = change.apply(doc, p, JsonArgs.value(ctx, row, args, i + 1));
        }
        return JsonArgs.result(doc);
    }

    /** The node after writing value at legs[i..] below it (set, insert or replace). */
    @SuppressWarnings("unchecked")
    private static Object write(Object node, List<Leg> legs, int i, Mode mode, Object value) {
        if (i == legs.size()) return mode == Mode.INSERT ? node : Json.copy(value);
        boolean last = i == legs.size() - 1;
        Leg leg = legs.get(i);
        if (leg instanceof Member m) {
            if (!(node instanceof Map<?, ?> o)) return node;
            Map<String, Object> obj = (Map<String, Object>) o;
            if (obj.containsKey(m.key())) obj.put(m.key(), write(obj.get(m.key()), legs, i + 1, mode, value));
            else if (last && mode != Mode.REPLACE) obj.put(m.key(), Json.copy(value));
            return node;
        }
        Cell c = (Cell) leg;
        if (node instanceof List<?> l) {
            List<Object> list = (List<Object>) l;
            int at = c.fromEnd() ? list.size() - 1 - c.index() : c.index();
            if (at >= 0 && at < list.size()) list.set(at, write(list.get(at), legs, i + 1, mode, value));
            else if (last && at >= list.size() && mode != Mode.REPLACE) list.add(Json.copy(value));
            return node;
        }
        int at = c.fromEnd() ? -c.index() : c.index();
        if (at == 0) return write(node, legs, i + 1, mode, value);
        if (last && at > 0 && mode != Mode.REPLACE) {
            List<Object> wrapped = Json.newArray();
            wrapped.add(node);
            wrapped.add(Json.copy(value));
            return wrapped;
        }
        return node;
    }

    /** JSON_ARRAY_APPEND: the selected array gets value at its end; a selected non-array becomes [it, value]. */
    @SuppressWarnings("unchecked")
    private static Object append(Object node, List<Leg> legs, int i, Object value) {
        if (i == legs.size()) {
            if (node instanceof List<?> l) {
                ((List<Object>) l).add(Json.copy(value));
                return node;
            }
            List<Object> wrapped = Json.newArray();
            wrapped.add(node);
            wrapped.add(Json.copy(value));
            return wrapped;
        }
        Leg leg = legs.get(i);
        if (leg instanceof Member m) {
            if (node instanceof Map<?, ?> o && o.containsKey(m.key())) {
                Map<String, Object> obj = (Map<String, Object>) o;
                obj.put(m.key(), append(obj.get(m.key()), legs, i + 1, value));
            }
            return node;
        }
        Cell c = (Cell) leg;
        if (node instanceof List<?> l) {
            List<Object> list = (List<Object>) l;
            int at = c.fromEnd() ? list.size() - 1 - c.index() : c.index();
            if (at >= 0 && at < list.size()) list.set(at, append(list.get(at), legs, i + 1, value));
            return node;
        }
        return c.index() == 0 ? append(node, legs, i + 1, value) : node;
    }

    static List<Object> listOf(Object v) {
        if (v instanceof List<?> l) return new ArrayList<>(l);
        List<Object> r = Json.newArray();
        r.add(v);
        return r;
    }
}
