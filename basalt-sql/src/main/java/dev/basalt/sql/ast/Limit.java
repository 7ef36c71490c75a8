package dev.basalt.sql.ast;

/**
 * LIMIT count / LIMIT offset, count / LIMIT count OFFSET offset. Both are integer literals or
 * {@link Parameter}s.
 * @param offset null when absent
 */
public record Limit(Expression count, Expression offset) {
}
