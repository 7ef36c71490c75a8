package dev.basalt.sql.ast;

import java.util.List;

/**
 * {@code WITH [RECURSIVE] cte, ... body}.
 */
public record WithQuery(boolean recursive, List<CommonTableExpression> ctes, Query body) implements Query {
}
