package dev.basalt.sql.ast;

/**
 * The kind of a join. A comma join is CROSS; STRAIGHT is STRAIGHT_JOIN; OUTER is implied by LEFT / RIGHT.
 */
public enum JoinKind {
    INNER, CROSS, LEFT, RIGHT, STRAIGHT
}
