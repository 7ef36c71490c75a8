package dev.basalt.engine.function;

import dev.basalt.engine.expr.LikePattern;
import dev.basalt.engine.json.JsonWriter;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** JSON_SEARCH's walk: the paths of the string scalars that match a LIKE pattern, in document order. */
final class JsonSearch {
    private JsonSearch() {}

    /** Adds the path (from the root of doc) of every matching string at or below start. */
    static void collect(Object doc, Object start, LikePattern pattern, List<String> out) {
        Map<Object, String> paths = new IdentityHashMap<>();
        index(doc, "$", paths);
        String base = paths.getOrDefault(start, "$");
        walk(start, base, pattern, out);
    }

    /** Paths of the values (by identity), to find where a path argument's selection starts. */
    private static void index(Object v, String path, Map<Object, String> paths) {
        paths.putIfAbsent(v, path);
        if (v instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) index(l.get(i), path + "[" + i + "]", paths);
        } else if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) index(e.getValue(), path + "." + key((String) e.getKey()), paths);
        }
    }

    private static void walk(Object v, String path, LikePattern pattern, List<String> out) {
        if (v instanceof String s) {
            if (pattern.matches(s)) out.add(path);
        } else if (v instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) walk(l.get(i), path + "[" + i + "]", pattern, out);
        } else if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) walk(e.getValue(), path + "." + key((String) e.getKey()), pattern, out);
        }
    }

    /** A key as a path leg: bare when it is an identifier, quoted otherwise. */
    static String key(String k) {
        boolean plain = !k.isEmpty();
        for (int i = 0; i < k.length() && plain; i++) {
            char c = k.charAt(i);
            plain = Character.isLetter(c) || c == '_' || c == '$' || (i > 0 && Character.isDigit(c));
        }
        return plain ? k : JsonWriter.quote(k);
    }
}
