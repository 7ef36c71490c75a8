package dev.basalt.engine.plan;

import dev.basalt.engine.exec.Operator;

import java.util.List;

/**
 * A planned query block: the operator tree, its output columns, and whether it reads columns of
 * an enclosing query (then it must run again for every outer row).
 */
public record PlannedQuery(Operator root, List<PlanColumn> columns, boolean correlated) {
}
