package dev.basalt.engine.plan;

import dev.basalt.engine.api.SqlException;

/**
 * MySQL 8's window errors (3579-3596, all SQLSTATE HY000), built here rather than in ErrorCode
 * because only the window planner raises them. {@code window} is the window's name, or
 * {@code <unnamed window>} for an inline OVER (...).
 */
final class WindowErrors {
    private WindowErrors() {}

    static final String UNNAMED = "<unnamed window>";

    private static SqlException error(int code, String message) {
        return new SqlException(code, "HY000", message);
    }

    static SqlException noSuchWindow(String name) {
        return error(3579, "Window name '" + name + "' is not defined.");
    }

    static SqlException circularity() {
        return error(3580, "There is a circularity in the window dependency graph.");
    }

    static SqlException noChildPartitioning() {
        return error(3581, "A window which depends on another cannot define partitioning.");
    }

    static SqlException noInheritFrame(String name) {
        return error(3582, "Window '" + name + "' has a frame definition, so cannot be referenced by another window.");
    }

    static SqlException noRedefineOrderBy(String window, String inherited) {
        return error(3583, "Window '" + window + "' cannot inherit '" + inherited + "' since both contain an ORDER BY clause.");
    }

    static SqlException frameIllegal(String window) {
        return error(3586, "Window '" + window + "': frame start or end is negative, NULL or of non-integral type");
    }

    static SqlException rangeOrderType(String window) {
        return error(3587, "Window '" + window + "' with RANGE N PRECEDING/FOLLOWING frame requires exactly one ORDER BY expression, of numeric or temporal type");
    }

    static SqlException rangeTemporalType(String window) {
        return error(3588, "Window '" + window + "' with RANGE frame has ORDER BY expression of datetime type. Only INTERVAL bound value allowed.");
    }

    static SqlException rangeNumericType(String window) {
        return error(3589, "Window '" + window + "' with RANGE frame has ORDER BY expression of numeric type, INTERVAL bound value not allowed.");
    }

    static SqlException boundNotConstant(String window) {
        return error(3590, "Window '" + window + "' has a non-constant frame bound.");
    }

    static SqlException duplicateName(String name) {
        return error(3591, "Window '" + name + "' is defined twice.");
    }

    static SqlException illegalOrderBy(String window) {
        return error(3592, "Window '" + window + "': ORDER BY or PARTITION BY uses legacy position indication which is not supported, use expression.");
    }

    /** A window function where none may be: WHERE, GROUP BY, HAVING, an aggregate's argument, ... */
    static SqlException invalidUse(String function) {
        return error(3593, "You cannot use the window function '" + function + "' in this context.'");
    }

    /** A select-list alias of a window function used in GROUP BY or HAVING. */
    static SqlException aliasUse(String alias) {
        return error(3594, "You cannot use the alias '" + alias + "' of an expression containing a window function in this context.'");
    }

    static SqlException nestedInSpec(String window) {
        return error(3595, "You cannot nest a window function in the specification of window '" + window + "'.");
    }

    static SqlException rowsInterval(String window) {
        return error(3596, "Window '" + window + "': INTERVAL can only be used with RANGE frames.");
    }

    /** 1210, as MySQL reports a bad NTILE / LAG / LEAD / NTH_VALUE count. */
    static SqlException wrongArguments(String function) {
        return new SqlException(1210, "HY000", "Incorrect arguments to " + function);
    }
}
