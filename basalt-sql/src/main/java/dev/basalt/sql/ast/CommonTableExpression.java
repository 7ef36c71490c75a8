package dev.basalt.sql.ast;

import java.util.List;

/**
 * One {@code name [(cols)] AS (query)} of a WITH clause.
 */
public record CommonTableExpression(String name, List<String> columns, Query query) {
}
