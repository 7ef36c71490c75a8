package dev.basalt.sql.ast;

/**
 * A query expression: a SELECT block, a set operation (UNION/EXCEPT/INTERSECT) of queries, or a
 * query with a WITH clause. Used as a statement and inside subqueries, derived tables, views,
 * INSERT ... SELECT and CREATE TABLE ... SELECT.
 */
public sealed interface Query extends Statement
        permits Select, SetOperation, WithQuery {
}
