package dev.basalt.engine.expr;

/** One ORDER BY key (GROUP_CONCAT(... ORDER BY ...), and reusable by the planner). */
public record OrderKey(Expr expr, boolean descending) {}
