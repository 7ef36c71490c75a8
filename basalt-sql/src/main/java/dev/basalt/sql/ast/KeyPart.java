package dev.basalt.sql.ast;

/**
 * One part of an index: {@code col[(len)] [ASC|DESC]} or a functional part {@code ((expr))}.
 * @param column null for a functional part
 * @param prefixLength null when absent
 * @param expression the functional key part, or null
 */
public record KeyPart(String column, Long prefixLength, boolean descending, Expression expression) {
}
