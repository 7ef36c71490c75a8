package dev.basalt.engine.session;

import java.util.LinkedHashMap;
import java.util.Map;

/** SHOW STATUS rows of the text plan cache ({@link TextPlanCache}), server-wide since start. */
public final class TextPlanCacheStats {
    private TextPlanCacheStats() {}

    /**
     * Basalt_text_plan_cache_hits: text statements that ran a shape parsed before (no parsing);
     * Basalt_text_plan_cache_misses: shapes parsed for the cache (first sight in a session).
     */
    public static Map<String, String> snapshot() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Basalt_text_plan_cache_hits", String.valueOf(TextPlanCache.HITS.sum()));
        m.put("Basalt_text_plan_cache_misses", String.valueOf(TextPlanCache.MISSES.sum()));
        return m;
    }
}
