package dev.basalt.sql.ast;

/**
 * A SHOW statement, one record for all kinds.
 * @param full FULL (TABLES, COLUMNS, PROCESSLIST)
 * @param scope GLOBAL / SESSION for VARIABLES and STATUS, else DEFAULT
 * @param target the table (COLUMNS, INDEX, CREATE TABLE/VIEW; schema = FROM db when given) or the
 * database (CREATE DATABASE: name only); null otherwise
 * @param database FROM | IN db of TABLES / TABLE STATUS / OPEN_TABLES / TRIGGERS / EVENTS, or null
 * @param likePattern the LIKE pattern, or null
 * @param where the WHERE condition, or null
 * @param limit WARNINGS / ERRORS LIMIT, or null
 * @param text the statement's source text (for OTHER and GRANTS FOR ...)
 */
public record Show(ShowKind kind, boolean full, VariableScope scope, QualifiedName target, String database,
        String likePattern, Expression where, Limit limit, boolean ifNotExists, String text) implements Statement {
}
