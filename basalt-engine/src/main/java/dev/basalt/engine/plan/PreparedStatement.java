package dev.basalt.engine.plan;

import dev.basalt.engine.api.ColumnInfo;
import dev.basalt.engine.api.PreparedStatementHandle;
import dev.basalt.sql.ast.Statement;

import java.util.List;

/**
 * A parsed statement kept for repeated execution. The AST is immutable, so every execution
 * plans it again with its own {@link BoundParameters}.
 */
public record PreparedStatement(Statement statement, String text, int parameterCount,
                                List<ColumnInfo> columns) implements PreparedStatementHandle {
}
