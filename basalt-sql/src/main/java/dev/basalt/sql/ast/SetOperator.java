package dev.basalt.sql.ast;

/**
 * A set operator between query blocks.
 */
public enum SetOperator {
    UNION, EXCEPT, INTERSECT
}
