package dev.basalt.engine.plan;

import dev.basalt.engine.api.ColumnInfo;
import dev.basalt.engine.api.PreparedStatementHandle;
import dev.basalt.sql.ast.Statement;

import java.util.List;

/**
 * A parsed statement kept for repeated execution. The AST is immutable; a SELECT whose plan does
 * not depend on the parameter values keeps its plan in {@link #plan} (see statement.PlanReuse),
 * every other statement is planned again at each execution with its own {@link BoundParameters}.
 *
 * @param database the default database when it was prepared: as in MySQL, every execution runs
 *                 with it (unqualified names keep meaning the tables they meant at PREPARE)
 */
public record PreparedStatement(Statement statement, String text, int parameterCount,
                                List<ColumnInfo> columns, PreparedPlan plan, String database)
        implements PreparedStatementHandle {

    public PreparedStatement(Statement statement, String text, int parameterCount, List<ColumnInfo> columns,
                             String database) {
        this(statement, text, parameterCount, columns, new PreparedPlan(statement), database);
    }

    /** Runs one execution with the placeholders bound to {@code values}. */
    public <T> T execute(Object[] values, java.util.function.Supplier<T> body) {
        return BoundParameters.with(values, () -> plan.with(body));
    }
}
