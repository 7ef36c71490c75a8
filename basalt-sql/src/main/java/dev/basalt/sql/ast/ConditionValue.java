package dev.basalt.sql.ast;

/**
 * What a handler catches or SIGNAL raises: SQLSTATE 'xxxxx', a MySQL error number, a declared
 * condition name, or one of the classes SQLWARNING, NOT FOUND, SQLEXCEPTION.
 * @param value the SQLSTATE or the condition name; null for the classes and error numbers
 * @param errno the MySQL error number for {@link Kind#ERRNO}, else 0
 */
public record ConditionValue(Kind kind, String value, int errno) {
    public enum Kind { SQLSTATE, ERRNO, NAMED, SQLWARNING, NOT_FOUND, SQLEXCEPTION }
}
