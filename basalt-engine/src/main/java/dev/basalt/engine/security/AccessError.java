package dev.basalt.engine.security;

import dev.basalt.engine.api.SqlException;

/**
 * MySQL 8's errors about accounts and privileges. Kept beside the feature instead of in
 * {@link dev.basalt.engine.api.ErrorCode} to keep that shared list's churn low.
 */
public enum AccessError {
    ER_DBACCESS_DENIED(1044, "42000", "Access denied for user '%s'@'%s' to database '%s'"),
    ER_ACCESS_DENIED(1045, "28000", "Access denied for user '%s'@'%s' (using password: %s)"),
    ER_NONEXISTING_GRANT(1141, "42000", "There is no such grant defined for user '%s' on host '%s'"),
    ER_TABLEACCESS_DENIED(1142, "42000", "%s command denied to user '%s'@'%s' for table '%s'"),
    ER_COLUMNACCESS_DENIED(1143, "42000", "%s command denied to user '%s'@'%s' for column '%s' in table '%s'"),
    ER_ILLEGAL_GRANT_FOR_TABLE(1144, "42000", "Illegal GRANT/REVOKE command; please consult the manual to see which privileges can be used"),
    ER_NONEXISTING_TABLE_GRANT(1147, "42000", "There is no such grant defined for user '%s' on host '%s' on table '%s'"),
    ER_SPECIFIC_ACCESS_DENIED(1227, "42000", "Access denied; you need (at least one of) the %s privilege(s) for this operation"),
    ER_CANNOT_USER(1396, "HY000", "Operation %s failed for %s"),
    ER_PASSWORD_NO_MATCH(1133, "42000", "Can't find any matching row in the user table"),
    ER_PASSWORD_ANONYMOUS_USER(1131, "42000", "You are using MySQL as an anonymous user and anonymous users are not allowed to change passwords"),
    ER_PLUGIN_IS_NOT_LOADED(1524, "HY000", "Plugin '%s' is not loaded"),
    ER_USER_ALREADY_EXISTS(3163, "HY000", "Authorization ID %s already exists."),
    ER_USER_DOES_NOT_EXIST(3162, "HY000", "Authorization ID %s does not exist."),
    ER_ACCOUNT_HAS_BEEN_LOCKED(3118, "HY000", "Access denied for user '%s'@'%s'. Account is locked."),
    ER_WRONG_STRING_LENGTH(1470, "HY000", "String '%s' is too long for %s (should be no longer than %d)");

    public final int code;
    private final String sqlState;
    private final String template;

    AccessError(int code, String sqlState, String template) {
        this.code = code;
        this.sqlState = sqlState;
        this.template = template;
    }

    public SqlException error(Object... args) {
        return new SqlException(code, sqlState, String.format(template, args));
    }
}
