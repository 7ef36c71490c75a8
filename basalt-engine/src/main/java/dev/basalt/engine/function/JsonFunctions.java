package dev.basalt.engine.function;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.expr.Coercion;
import dev.basalt.engine.expr.LikePattern;
import dev.basalt.engine.json.Json;
import dev.basalt.engine.json.JsonCompare;
import dev.basalt.engine.json.JsonParser;
import dev.basalt.engine.json.JsonPath;
import dev.basalt.engine.json.JsonSyntaxException;
import dev.basalt.engine.json.JsonValues;
import dev.basalt.engine.json.JsonWriter;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.basalt.engine.function.FunctionDef.VARIADIC;
import static dev.basalt.engine.function.JsonArgs.JSON;

/**
 * MySQL 8's JSON functions that build, read and describe documents. The functions that change
 * documents are in {@link JsonModifyFunctions}. A NULL document or path makes the result NULL.
 */
final class JsonFunctions {
    private JsonFunctions() {}

    static void register() {
        // a part of a document declared binary JSON (jsonb) is declared so too
        Functions.register("JSON_EXTRACT", 2, VARIADIC, (n, a) -> new FunctionCall(n, a,
                a.get(0).type().logical() == dev.basalt.engine.types.LogicalType.BINARY_JSON ? a.get(0).type() : JSON, true, true, (ctx, row, args) -> {
            Object doc = JsonArgs.document(ctx, row, args, 0, n);
            if (doc == null) return null;
            List<JsonPath> paths = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                JsonPath p = JsonArgs.path(ctx, row, args, i);
                if (p == null) return null;
                paths.add(p);
            }
            if (paths.size() == 1 && !paths.getFirst().canMatchMany()) return JsonArgs.result(paths.getFirst().first(doc));
            List<Object> hits = Json.newArray();
            for (JsonPath p : paths) hits.addAll(p.select(doc));
            return hits.isEmpty() ? null : JsonArgs.result(hits);
        }));
        Functions.register("JSON_UNQUOTE", 1, 1, (n, a) -> new FunctionCall(n, a, SqlType.LONGTEXT, true, true, (ctx, row, args) -> {
            Object v = args[0].eval(ctx, row);
            if (v == null) return null;
            if (args[0].type().kind() == TypeKind.JSON) return JsonValues.unquoted(Json.parse((String) v));
            String s = Coercion.toText(v, args[0].type());
            if (s.length() < 2 || s.charAt(0) != '"' || s.charAt(s.length() - 1) != '"') return s;
            try {
                return JsonValues.unquoted(JsonParser.parse(s));
            } catch (JsonSyntaxException e) {
                throw JsonValues.invalidText(e, 1, "json_unquote");
            }
        }));
        Functions.register("JSON_QUOTE", 1, 1, (n, a) -> new FunctionCall(n, a, SqlType.LONGTEXT, true, true, (ctx, row, args) -> {
            String s = JsonArgs.text(ctx, row, args, 0);
            return s == null ? null : JsonWriter.quote(s);
        }));
        Functions.register("JSON_ARRAY", 0, VARIADIC, (n, a) -> new FunctionCall(n, a, JSON, false, true, (ctx, row, args) -> {
            List<Object> arr = Json.newArray();
            for (int i = 0; i < args.length; i++) arr.add(JsonArgs.value(ctx, row, args, i));
            return JsonArgs.result(arr);
        }));
        Functions.register("JSON_OBJECT", 0, VARIADIC, (n, a) -> {
            if (a.size() % 2 != 0) throw paramCount(n);
            return new FunctionCall(n, a, JSON, false, true, (ctx, row, args) -> {
                Map<String, Object> obj = Json.newObject();
                for (int i = 0; i < args.length; i += 2) {
                    String key = JsonArgs.text(ctx, row, args, i);
                    if (key == null) throw new SqlException(3158, "22032", "JSON documents may not contain NULL member names.");
                    obj.put(key, JsonArgs.value(ctx, row, args, i + 1));
                }
                return JsonArgs.result(obj);
            });
        });
        Functions.register("JSON_VALID", 1, 1, (n, a) -> new FunctionCall(n, a, SqlType.BIGINT, true, true, (ctx, row, args) -> {
            Object v = args[0].eval(ctx, row);
            if (v == null) return null;
            if (args[0].type().kind() == TypeKind.JSON) return 1L;
            if (!(v instanceof String s)) return 0L;
            return JsonParser.isValid(s) ? 1L : 0L;
        }));
        Functions.register("JSON_TYPE", 1, 1, (n, a) -> new FunctionCall(n, a, SqlType.varchar(16), true, true, (ctx, row, args) -> {
            Object doc = JsonArgs.document(ctx, row, args, 0, n);
            return doc == null ? null : Json.typeName(doc);
        }));
        Functions.register("JSON_DEPTH", 1, 1, (n, a) -> new FunctionCall(n, a, SqlType.BIGINT, true, true, (ctx, row, args) -> {
            Object doc = JsonArgs.document(ctx, row, args, 0, n);
            return doc == null ? null : (long) Json.depth(doc);
        }));
        Functions.register("JSON_LENGTH", 1, 2, (n, a) -> new FunctionCall(n, a, SqlType.BIGINT, true, true, (ctx, row, args) -> {
            Object doc = target(ctx, row, args, n, false);
            if (doc == null) return null;
            return (long) (doc instanceof List<?> l ? l.size() : doc instanceof Map<?, ?> m ? m.size() : 1);
        }));
        Functions.register("JSON_KEYS", 1, 2, (n, a) -> new FunctionCall(n, a, JSON, true, true, (ctx, row, args) -> {
            Object doc = target(ctx, row, args, n, true);
            if (!(doc instanceof Map<?, ?> m)) return null;
            return JsonArgs.result(new ArrayList<Object>(m.keySet()));
        }));
        Functions.register("JSON_PRETTY", 1, 1, (n, a) -> new FunctionCall(n, a, SqlType.LONGTEXT, true, true, (ctx, row, args) -> {
            Object doc = JsonArgs.document(ctx, row, args, 0, n);
            return doc == null ? null : JsonWriter.pretty(doc);
        }));
        Functions.register("JSON_CONTAINS", 2, 3, (n, a) -> new FunctionCall(n, a, SqlType.BIGINT, true, true, (ctx, row, args) -> {
            Object doc = JsonArgs.document(ctx, row, args, 0, n);
            if (doc == null) return null;
            Object candidate = JsonArgs.document(ctx, row, args, 1, n);
            if (candidate == null) return null;
            if (args.length == 3) {
                JsonPath p = JsonArgs.path(ctx, row, args, 2);
                if (p == null) return null;
                doc = p.requireSingle().first(doc);
                if (doc == null) return null;
            }
            return contains(doc, candidate) ? 1L : 0L;
        }));
        Functions.register("JSON_CONTAINS_PATH", 3, VARIADIC, (n, a) -> new FunctionCall(n, a, SqlType.BIGINT, true, true, (ctx, row, args) -> {
            Object doc = JsonArgs.document(ctx, row, args, 0, n);
            if (doc == null) return null;
            Boolean all = oneOrAll(JsonArgs.text(ctx, row, args, 1), n);
            if (all == null) return null;
            boolean result = all;
            for (int i = 2; i < args.length; i++) {
                JsonPath p = JsonArgs.path(ctx, row, args, i);
                if (p == null) return null;
                boolean found = !p.select(doc).isEmpty();
                if (all && !found) result = false;
                if (!all && found) result = true;
            }
            return result ? 1L : 0L;
        }));
        Functions.register("JSON_OVERLAPS", 2, 2, (n, a) -> new FunctionCall(n, a, SqlType.BIGINT, true, true, (ctx, row, args) -> {
            Object x = JsonArgs.document(ctx, row, args, 0, n);
            if (x == null) return null;
            Object y = JsonArgs.document(ctx, row, args, 1, n);
            if (y == null) return null;
            return overlaps(x, y) ? 1L : 0L;
        }));
        Functions.register("JSON_MEMBER_OF", 2, 2, (n, a) -> new FunctionCall(n, a, SqlType.BIGINT, true, true, (ctx, row, args) -> {
            Object v = args[0].eval(ctx, row);
            if (v == null) return null;
            Object arr = JsonArgs.document(ctx, row, args, 1, "member of");
            if (arr == null) return null;
            Object needle = JsonValues.fromSql(v, args[0].type());
            List<?> items = arr instanceof List<?> l ? l : List.of(arr);
            for (Object e : items) if (JsonCompare.equal(e, needle)) return 1L;
            return 0L;
        }));
        Functions.register("JSON_SEARCH", 3, VARIADIC, (n, a) -> new FunctionCall(n, a, JSON, true, true, (ctx, row, args) -> {
            Object doc = JsonArgs.document(ctx, row, args, 0, n);
            if (doc == null) return null;
            Boolean all = oneOrAll(JsonArgs.text(ctx, row, args, 1), n);
            String search = JsonArgs.text(ctx, row, args, 2);
            if (all == null || search == null) return null;
            char escape = '\\';
            if (args.length > 3) {
                String e = JsonArgs.text(ctx, row, args, 3);
                if (e != null && !e.isEmpty()) escape = e.charAt(0);
            }
            LikePattern pattern = LikePattern.compile(search, escape);
            List<String> found = new ArrayList<>();
            if (args.length > 4) {
                for (int i = 4; i < args.length; i++) {
                    JsonPath p = JsonArgs.path(ctx, row, args, i);
                    if (p == null) return null;
                    for (Object start : p.select(doc)) JsonSearch.collect(doc, start, pattern, found);
                }
            } else {
                JsonSearch.collect(doc, doc, pattern, found);
            }
            List<String> distinct = found.stream().distinct().toList();
            if (distinct.isEmpty()) return null;
            if (!all || distinct.size() == 1) return JsonArgs.result(distinct.getFirst());
            return JsonArgs.result(new ArrayList<Object>(distinct));
        }));
        // JSON_VALUE(doc, path) without RETURNING: the selected scalar as text (VARCHAR(512), MySQL's default)
        Functions.register("JSON_VALUE", 2, 2, (n, a) -> new FunctionCall(n, a, SqlType.varchar(512), true, true, (ctx, row, args) -> {
            Object doc = JsonArgs.document(ctx, row, args, 0, n);
            if (doc == null) return null;
            JsonPath p = JsonArgs.path(ctx, row, args, 1);
            if (p == null) return null;
            Object v = p.requireSingle().first(doc);
            if (v == null || v == Json.NULL) return null;
            if (JsonValues.isContainer(v)) {
                throw new SqlException(3966, "22034", "Can't store an array or an object in a scalar column.");
            }
            return JsonValues.unquoted(v);
        }));
        Functions.register("JSON_SCHEMA_VALID JSON_SCHEMA_VALIDATION_REPORT", 2, 2, (n, a) -> {
            throw new SqlException(1235, "42000", "This version of MySQL doesn't yet support '" + n + "'");
        });
        JsonModifyFunctions.register();
    }

    static SqlException paramCount(String name) {
        return new SqlException(1582, "42000", "Incorrect parameter count in the call to native function '" + name + "'");
    }

    /** The document, or with a second argument the value the path selects (null when none). */
    private static Object target(dev.basalt.engine.expr.EvalContext ctx, Object[] row, dev.basalt.engine.expr.Expr[] args,
                                 String fn, boolean single) {
        Object doc = JsonArgs.document(ctx, row, args, 0, fn);
        if (doc == null || args.length < 2) return doc;
        JsonPath p = JsonArgs.path(ctx, row, args, 1);
        if (p == null) return null;
        if (single) p.requireSingle();
        return p.first(doc);
    }

    /** 'one' is false, 'all' true, NULL null; anything else 3154. */
    static Boolean oneOrAll(String s, String fn) {
        if (s == null) return null;
        if (s.equalsIgnoreCase("all")) return true;
        if (s.equalsIgnoreCase("one")) return false;
        throw new SqlException(3154, "42000", "The oneOrAll argument to " + fn.toLowerCase(Locale.ROOT)
                + " may take these values: 'one' or 'all'.");
    }

    /** JSON_CONTAINS: arrays contain each candidate element; objects each candidate member; scalars are equal. */
    static boolean contains(Object target, Object candidate) {
        if (target instanceof List<?> t) {
            if (candidate instanceof List<?> c) {
                for (Object e : c) if (!contains(target, e)) return false;
                return true;
            }
            for (Object e : t) if (contains(e, candidate)) return true;
            return false;
        }
        if (target instanceof Map<?, ?> t) {
            if (!(candidate instanceof Map<?, ?> c)) return false;
            for (Map.Entry<?, ?> e : c.entrySet()) {
                if (!t.containsKey(e.getKey()) || !contains(t.get(e.getKey()), e.getValue())) return false;
            }
            return true;
        }
        if (JsonValues.isContainer(candidate)) return false;
        return JsonCompare.equal(target, candidate);
    }

    /** JSON_OVERLAPS: a common array element, a common object member, or equal scalars. */
    static boolean overlaps(Object x, Object y) {
        if (!(x instanceof List<?>) && y instanceof List<?>) return overlaps(y, x);
        if (x instanceof List<?> l) {
            List<?> other = y instanceof List<?> m ? m : List.of(y);
            for (Object a : l) for (Object b : other) if (JsonCompare.equal(a, b)) return true;
            return false;
        }
        if (x instanceof Map<?, ?> a && y instanceof Map<?, ?> b) {
            for (Map.Entry<?, ?> e : a.entrySet()) {
                if (b.containsKey(e.getKey()) && JsonCompare.equal(e.getValue(), b.get(e.getKey()))) return true;
            }
            return false;
        }
        return JsonCompare.equal(x, y);
    }
}
