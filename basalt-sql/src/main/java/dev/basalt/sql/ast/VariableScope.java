package dev.basalt.sql.ast;

/**
 * The scope written for a system variable. DEFAULT means none was written ({@code @@x}, {@code SET x = 1}):
 * session if the variable has a session value. LOCAL is reported as SESSION.
 */
public enum VariableScope {
    DEFAULT, SESSION, GLOBAL, PERSIST, PERSIST_ONLY
}
