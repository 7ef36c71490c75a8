package dev.basalt.engine.plan;

/** One table access the planner chose, as EXPLAIN shows it (type: const, ref, range, ALL). */
public record ExplainRow(String table, String type, String key, String extra) {
}
