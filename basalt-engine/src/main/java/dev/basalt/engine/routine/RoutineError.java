package dev.basalt.engine.routine;

import dev.basalt.engine.api.SqlException;

/**
 * MySQL 8's errors about stored programs (numbers, SQLSTATEs, wording). Kept beside the feature
 * instead of in {@link dev.basalt.engine.api.ErrorCode} to keep that shared list's churn low.
 */
enum RoutineError {
    ER_SP_ALREADY_EXISTS(1304, "42000", "%s %s already exists"),
    ER_SP_DOES_NOT_EXIST(1305, "42000", "%s %s does not exist"),
    ER_SP_LILABEL_MISMATCH(1308, "42000", "%s with no matching label: %s"),
    ER_SP_BADSELECT(1312, "0A000", "PROCEDURE %s can't return a result set in the given context"),
    ER_SP_BADRETURN(1313, "42000", "RETURN is only allowed in a FUNCTION"),
    ER_SP_WRONG_NO_OF_ARGS(1318, "42000", "Incorrect number of arguments for %s %s; expected %d, got %d"),
    ER_SP_COND_MISMATCH(1319, "42000", "Undefined CONDITION: %s"),
    ER_SP_NORETURN(1320, "42000", "No RETURN found in FUNCTION %s"),
    ER_SP_NORETURNEND(1321, "2F005", "FUNCTION %s ended without RETURN"),
    ER_SP_CURSOR_MISMATCH(1324, "42000", "Undefined CURSOR: %s"),
    ER_SP_CURSOR_ALREADY_OPEN(1325, "24000", "Cursor is already open"),
    ER_SP_CURSOR_NOT_OPEN(1326, "24000", "Cursor is not open"),
    ER_SP_UNDECLARED_VAR(1327, "42000", "Undeclared variable: %s"),
    ER_SP_WRONG_NO_OF_FETCH_ARGS(1328, "HY000", "Incorrect number of FETCH variables"),
    ER_SP_FETCH_NO_DATA(1329, "02000", "No data - zero rows fetched, selected, or processed"),
    ER_SP_DUP_VAR(1331, "42000", "Duplicate variable: %s"),
    ER_SP_DUP_COND(1332, "42000", "Duplicate condition: %s"),
    ER_SP_DUP_CURS(1333, "42000", "Duplicate cursor: %s"),
    ER_SP_CASE_NOT_FOUND(1339, "20000", "Case not found for CASE statement"),
    ER_TRG_ALREADY_EXISTS(1359, "HY000", "Trigger already exists"),
    ER_TRG_DOES_NOT_EXIST(1360, "HY000", "Trigger does not exist"),
    ER_WRONG_OBJECT(1347, "HY000", "'%s' is not BASE TABLE"),
    ER_TRG_CANT_CHANGE_ROW(1362, "HY000", "Updating of %s row is not allowed in %strigger"),
    ER_TRG_NO_SUCH_ROW_IN_TRG(1363, "HY000", "There is no %s row in on %s trigger"),
    ER_TOO_MANY_ROWS(1172, "42000", "Result consisted of more than one row"),
    ER_SP_NOT_VAR_ARG(1414, "42000", "OUT or INOUT argument %d for routine %s is not a variable or NEW pseudo-variable in BEFORE trigger"),
    ER_SP_NO_RETSET(1415, "0A000", "Not allowed to return a result set from a %s"),
    ER_COMMIT_NOT_ALLOWED_IN_SF_OR_TRG(1422, "HY000", "Explicit or implicit commit is not allowed in stored function or trigger."),
    ER_CANT_UPDATE_USED_TABLE_IN_SF_OR_TRG(1442, "HY000", "Can't update table '%s' in stored function/trigger because it is already used by statement which invoked this stored function/trigger."),
    ER_SP_RECURSION_LIMIT(1456, "HY000", "Recursive limit %d (as set by the max_sp_recursion_depth variable) was exceeded for routine %s"),
    ER_REFERENCED_TRG_DOES_NOT_EXIST(3062, "HY000", "Referenced trigger '%s' for the given action time and event type does not exist."),
    ER_SIGNAL_WARN(1642, "01000", "Unhandled user-defined warning condition"),
    ER_SIGNAL_NOT_FOUND(1643, "02000", "Unhandled user-defined not found condition"),
    ER_SIGNAL_EXCEPTION(1644, "HY000", "Unhandled user-defined exception condition"),
    ER_RESIGNAL_WITHOUT_ACTIVE_HANDLER(1645, "0K000", "RESIGNAL when handler not active"),
    ER_SIGNAL_BAD_CONDITION_TYPE(1646, "HY000", "SIGNAL/RESIGNAL can only use a CONDITION defined with SQLSTATE"),
    ER_WRONG_VALUE_FOR_VAR(1231, "42000", "Variable '%s' can't be set to the value of '%s'");

    final int code;
    final String sqlState;
    final String template;

    RoutineError(int code, String sqlState, String template) {
        this.code = code;
        this.sqlState = sqlState;
        this.template = template;
    }

    SqlException error(Object... args) {
        return new SqlException(code, sqlState, args.length == 0 ? template : String.format(template, args));
    }
}
