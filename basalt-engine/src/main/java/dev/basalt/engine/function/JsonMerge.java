package dev.basalt.engine.function;

import dev.basalt.engine.json.Json;

import java.util.List;
import java.util.Map;

/** JSON_MERGE_PRESERVE (arrays concatenate, objects merge keeping both values) and JSON_MERGE_PATCH (RFC 7396). */
final class JsonMerge {
    private JsonMerge() {}

    @SuppressWarnings("unchecked")
    static Object preserve(Object a, Object b) {
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            Map<String, Object> out = (Map<String, Object>) x;
            for (Map.Entry<?, ?> e : y.entrySet()) {
                String k = (String) e.getKey();
                out.put(k, out.containsKey(k) ? preserve(out.get(k), e.getValue()) : e.getValue());
            }
            return out;
        }
        List<Object> out = JsonModifyFunctions.listOf(a);
        if (b instanceof List<?> l) out.addAll(l);
        else out.add(b);
        return out;
    }

    @SuppressWarnings("unchecked")
    static Object patch(Object target, Object patch) {
        if (!(patch instanceof Map<?, ?> p)) return patch;
        Map<String, Object> out = target instanceof Map<?, ?> t ? (Map<String, Object>) t : Json.newObject();
        for (Map.Entry<?, ?> e : p.entrySet()) {
            String k = (String) e.getKey();
            if (e.getValue() == Json.NULL) out.remove(k);
            else out.put(k, patch(out.get(k), e.getValue()));
        }
        return out;
    }
}
