package dev.basalt.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.api.Engine;

import java.util.Map;

/**
 * {@code GET /v1/status}: the running totals the console's status page charts, as one small JSON
 * object (the page turns totals into rates between two polls). The same figures as /metrics,
 * without the Prometheus text to parse in a browser.
 */
final class StatusReport {

    private StatusReport() {}

    static String json(ObjectMapper mapper, Engine engine, HttpSessions sessions, HttpMetrics metrics) {
        ObjectNode o = mapper.createObjectNode();
        o.put("timeMillis", System.currentTimeMillis());
        o.put("httpSessions", sessions.size());
        if (engine instanceof BasaltEngine e) {
            o.put("uptimeSeconds", e.uptimeSeconds());
            o.put("connections", e.sessions().size());
            o.put("questions", e.questions());
            ObjectNode statements = o.putObject("statements");
            long total = 0;
            for (Map.Entry<String, Long> c : e.commands().snapshot().entrySet()) {
                if (c.getValue() == 0) continue;
                String type = c.getKey().startsWith("Com_") ? c.getKey().substring(4) : c.getKey();
                statements.put(type, c.getValue());
                total += c.getValue();
            }
            o.put("statementsTotal", total);
            Map<String, String> external = e.externalStatus();
            ObjectNode cache = o.putObject("remoteCache");
            cache.put("enabled", external.containsKey("Basalt_remote_cache_hits"));
            cache.put("hits", number(external.get("Basalt_remote_cache_hits")));
            cache.put("misses", number(external.get("Basalt_remote_cache_misses")));
            // every server has this one: text statements whose shape was parsed before (the chart without a remote cache)
            Map<String, String> plans = dev.basalt.engine.session.TextPlanCacheStats.snapshot();
            ObjectNode planCache = o.putObject("planCache");
            planCache.put("hits", number(plans.get("Basalt_text_plan_cache_hits")));
            planCache.put("misses", number(plans.get("Basalt_text_plan_cache_misses")));
        }
        times(o.putObject("httpStatements"), metrics.statementTotals("basalt_http_statement_duration"));
        // every protocol's client statements (the engine's StatementObserver): the latency chart
        if (engine instanceof BasaltEngine) times(o.putObject("allStatements"), metrics.statementTotals("basalt_statement_duration"));
        return o.toString();
    }

    private static void times(ObjectNode latency, double[] t) {
        latency.put("count", (long) t[0]);
        latency.put("totalMillis", t[1]);
        latency.put("maxMillis", t[2]);
    }

    private static long number(String s) {
        if (s == null) return 0;
        try {
            return (long) Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
