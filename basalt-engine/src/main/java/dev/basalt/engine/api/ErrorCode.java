package dev.basalt.engine.api;

/**
 * MySQL server error numbers, SQLSTATEs and message templates (MySQL 8 wording).
 * Add entries here rather than spelling numbers at call sites.
 */
public enum ErrorCode {
    ER_DBACCESS_DENIED(1044, "42000", "Access denied for user '%s'@'%s' to database '%s'"),
    ER_ACCESS_DENIED(1045, "28000", "Access denied for user '%s'@'%s' (using password: %s)"),
    ER_NO_DB(1046, "3D000", "No database selected"),
    ER_UNKNOWN_COM(1047, "08S01", "Unknown command"),
    ER_BAD_NULL(1048, "23000", "Column '%s' cannot be null"),
    ER_BAD_DB(1049, "42000", "Unknown database '%s'"),
    ER_TABLE_EXISTS(1050, "42S01", "Table '%s' already exists"),
    ER_BAD_TABLE(1051, "42S02", "Unknown table '%s'"),
    ER_NON_UNIQ(1052, "23000", "Column '%s' in %s is ambiguous"),
    ER_BAD_FIELD(1054, "42S22", "Unknown column '%s' in '%s'"),
    ER_WRONG_FIELD_WITH_GROUP(1055, "42000", "Expression #%d of SELECT list is not in GROUP BY clause and contains nonaggregated column '%s' which is not functionally dependent on columns in GROUP BY clause; this is incompatible with sql_mode=only_full_group_by"),
    ER_DUP_FIELDNAME(1060, "42S21", "Duplicate column name '%s'"),
    ER_DUP_KEYNAME(1061, "42000", "Duplicate key name '%s'"),
    ER_DUP_ENTRY(1062, "23000", "Duplicate entry '%s' for key '%s'"),
    ER_PARSE_ERROR(1064, "42000", "%s"),
    ER_EMPTY_QUERY(1065, "42000", "Query was empty"),
    ER_NONUNIQ_TABLE(1066, "42000", "Not unique table/alias: '%s'"),
    ER_INVALID_DEFAULT(1067, "42000", "Invalid default value for '%s'"),
    ER_MULTIPLE_PRI_KEY(1068, "42000", "Multiple primary key defined"),
    ER_TOO_LONG_KEY(1071, "42000", "Specified key was too long; max key length is %d bytes"),
    ER_KEY_COLUMN_DOES_NOT_EXIST(1072, "42000", "Key column '%s' doesn't exist in table"),
    ER_WRONG_AUTO_KEY(1075, "42000", "Incorrect table definition; there can be only one auto column and it must be defined as a key"),
    ER_WRONG_VALUE_COUNT_ON_ROW(1136, "21S01", "Column count doesn't match value count at row %d"),
    ER_UNKNOWN_ERROR(1105, "HY000", "%s"),
    ER_FIELD_SPECIFIED_TWICE(1110, "42000", "Column '%s' specified twice"),
    ER_RECORD_FILE_FULL(1114, "HY000", "The table '%s' is full"),
    ER_UNKNOWN_TABLE_IN_FIELD_LIST(1109, "42S02", "Unknown table '%s' in %s"),
    ER_WRONG_COLUMN_NAME(1166, "42000", "Incorrect column name '%s'"),
    ER_WRONG_DB_NAME(1102, "42000", "Incorrect database name '%s'"),
    ER_WRONG_TABLE_NAME(1103, "42000", "Incorrect table name '%s'"),
    ER_INVALID_GROUP_FUNC_USE(1111, "HY000", "Invalid use of group function"),
    ER_TABLE_MUST_HAVE_COLUMNS(1113, "42000", "A table must have at least 1 column"),
    ER_WRONG_SUM_SELECT(1140, "42000", "In aggregated query without GROUP BY, expression #1 of SELECT list contains nonaggregated column '%s'; this is incompatible with sql_mode=only_full_group_by"),
    ER_NET_PACKET_TOO_LARGE(1153, "08S01", "Got a packet bigger than 'max_allowed_packet' bytes"),
    ER_NO_SUCH_TABLE(1146, "42S02", "Table '%s.%s' doesn't exist"),
    ER_SYNTAX_ERROR(1149, "42000", "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use"),
    ER_WRONG_COLUMN_NAME_FOR_KEY(1167, "42000", "The used storage engine can't index column '%s'"),
    ER_BLOB_KEY_WITHOUT_LENGTH(1170, "42000", "BLOB/TEXT column '%s' used in key specification without a key length"),
    ER_PRIMARY_CANT_HAVE_NULL(1171, "42000", "All parts of a PRIMARY KEY must be NOT NULL; if you need NULL in a key, use UNIQUE instead"),
    ER_TOO_MANY_ROWS(1172, "42000", "Result consisted of more than one row"),
    ER_UNKNOWN_SYSTEM_VARIABLE(1193, "HY000", "Unknown system variable '%s'"),
    ER_CANT_CHANGE_TX_CHARACTERISTICS(1568, "25001", "Transaction characteristics can't be changed while a transaction is in progress"),
    ER_LOCK_DEADLOCK(1213, "40001", "Deadlock found when trying to get lock; try restarting transaction"),
    ER_LOCK_WAIT_TIMEOUT(1205, "HY000", "Lock wait timeout exceeded; try restarting transaction"),
    ER_WRONG_USAGE(1221, "HY000", "Incorrect usage of %s and %s"),
    ER_WRONG_NUMBER_OF_COLUMNS_IN_SELECT(1222, "21000", "The used SELECT statements have a different number of columns"),
    ER_CANT_UPDATE_WITH_READLOCK(1223, "HY000", "Can't execute the query because you have a conflicting read lock"),
    ER_LOCAL_VARIABLE(1228, "HY000", "Variable '%s' is a SESSION variable and can't be used with SET GLOBAL"),
    ER_GLOBAL_VARIABLE(1229, "HY000", "Variable '%s' is a GLOBAL variable and should be set with SET GLOBAL"),
    ER_INCORRECT_GLOBAL_LOCAL_VAR(1238, "HY000", "Variable '%s' is a %s variable"),
    ER_WRONG_VALUE_FOR_VAR(1231, "42000", "Variable '%s' can't be set to the value of '%s'"),
    ER_WRONG_TYPE_FOR_VAR(1232, "42000", "Incorrect argument type to variable '%s'"),
    ER_OPERAND_COLUMNS(1241, "21000", "Operand should contain %d column(s)"),
    ER_SUBQUERY_NO_1_ROW(1242, "21000", "Subquery returns more than 1 row"),
    ER_ILLEGAL_REFERENCE(1247, "42S22", "Reference '%s' not supported (%s)"),
    ER_DERIVED_MUST_HAVE_ALIAS(1248, "42000", "Every derived table must have its own alias"),
    ER_NOT_SUPPORTED_YET(1235, "42000", "This version of MySQL doesn't yet support '%s'"),
    ER_CONNECT_TO_FOREIGN_DATA_SOURCE(1429, "HY000", "Unable to connect to foreign data source: %s"),
    ER_QUERY_ON_FOREIGN_DATA_SOURCE(1430, "HY000", "There was a problem processing the query on the foreign data source. Data source error: %s"),
    ER_WARN_DATA_OUT_OF_RANGE(1264, "22003", "Out of range value for column '%s' at row %d"),
    WARN_DATA_TRUNCATED(1265, "01000", "Data truncated for column '%s' at row %d"),
    ER_TRUNCATED_WRONG_VALUE(1292, "22007", "Truncated incorrect %s value: '%s'"),
    ER_SP_DOES_NOT_EXIST(1305, "42000", "%s %s does not exist"),
    ER_QUERY_INTERRUPTED(1317, "70100", "Query execution was interrupted"),
    ER_TRUNCATED_WRONG_VALUE_FOR_FIELD(1366, "HY000", "Incorrect %s value: '%s' for column '%s' at row %d"),
    ER_DATA_TOO_LONG(1406, "22001", "Data too long for column '%s' at row %d"),
    ER_SAVEPOINT_DOES_NOT_EXIST(1305, "42000", "SAVEPOINT %s does not exist"),
    ER_WRONG_PARAMCOUNT_TO_NATIVE_FCT(1582, "42000", "Incorrect parameter count in the call to native function '%s'"),
    ER_DATA_OUT_OF_RANGE(1690, "22003", "%s value is out of range in '%s'"),
    ER_DIVISION_BY_ZERO(1365, "22012", "Division by 0"),
    ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION(1792, "25006", "Cannot execute statement in a READ ONLY transaction."),
    ER_WRONG_ARGUMENTS(1210, "HY000", "Incorrect arguments to %s"),
    ER_DB_CREATE_EXISTS(1007, "HY000", "Can't create database '%s'; database exists"),
    ER_OPEN_AS_READONLY(1036, "HY000", "Table '%s' is read only"),
    ER_OPTION_PREVENTS_STATEMENT(1290, "HY000", "The MySQL server is running with the %s option so it cannot execute this statement"),
    ER_DB_DROP_EXISTS(1008, "HY000", "Can't drop database '%s'; database doesn't exist"),
    ER_CANT_DROP_FIELD_OR_KEY(1091, "42000", "Can't DROP '%s'; check that column/key exists"),
    ER_UNKNOWN_STORAGE_ENGINE(1286, "42000", "Unknown storage engine '%s'"),
    ER_NOT_SUPPORTED_AUTH_MODE(1251, "08004", "Client does not support authentication protocol requested by server; consider upgrading MySQL client"),
    ER_HANDSHAKE_ERROR(1043, "08S01", "Bad handshake"),
    ER_OUT_OF_RESOURCES(1041, "HY000", "Out of memory; check if mysqld or some other process uses all available memory; if not, you may have to use 'ulimit' to allow mysqld to use more memory or you can add more swap space"),
    ER_DISK_FULL(1021, "HY000", "Disk full (%s); waiting for someone to free some space..."),
    ER_GET_ERRNO(1030, "HY000", "Got error %d - '%s' from storage engine"),
    ER_ERROR_ON_WRITE(1026, "HY000", "Error writing file '%s' (errno: %d - %s)"),
    ER_UNKNOWN_CHARACTER_SET(1115, "42000", "Unknown character set: '%s'"),
    ER_UNKNOWN_COLLATION(1273, "HY000", "Unknown collation: '%s'"),
    ER_TOO_BIG_PRECISION(1426, "42000", "Too-big precision %d specified for '%s'. Maximum is %d."),
    ER_M_BIGGER_THAN_D(1427, "42000", "For float(M,D), double(M,D) or decimal(M,D), M must be >= D (column '%s')."),
    ER_TOO_BIG_SCALE(1425, "42000", "Too big scale %d specified for column '%s'. Maximum is %d."),
    ER_TOO_BIG_FIELDLENGTH(1074, "42000", "Column length too big for column '%s' (max = %d); use BLOB or TEXT instead"),
    ER_TOO_BIG_DISPLAYWIDTH(1439, "42000", "Display width out of range for column '%s' (max = %d)"),
    ER_FUNCTION_NOT_DEFINED(1128, "HY000", "Function '%s' is not defined"),
    ER_UPDATE_TABLE_USED(1093, "HY000", "You can't specify target table '%s' for update in FROM clause"),
    ER_VIEW_NO_EXPLAIN(1345, "HY000", "EXPLAIN/SHOW can not be issued; lacking privileges for underlying table"),
    ER_WRONG_OBJECT(1347, "HY000", "'%s.%s' is not %s"),
    ER_TABLEACCESS_DENIED(1142, "42000", "%s command denied to user '%s'@'%s' for table '%s'"),
    ER_UNKNOWN_TABLE(1109, "42S02", "Unknown table '%s' in %s"),
    ER_NO_SUCH_INDEX(1176, "42000", "Key '%s' doesn't exist in table '%s'"),
    ER_INVALID_USE_OF_NULL(1138, "22004", "Invalid use of NULL value"),
    ER_WRONG_VALUE(1525, "HY000", "Incorrect %s value: '%s'"),
    ER_ILLEGAL_VALUE_FOR_TYPE(1367, "22007", "Illegal %s '%s' value found during parsing"),
    ER_FEATURE_DISABLED(1289, "HY000", "The '%s' feature is disabled; you need MySQL built with '%s' to have it working"),
    ER_NO_DEFAULT_FOR_FIELD(1364, "HY000", "Field '%s' doesn't have a default value"),
    ER_TRUNCATED_WRONG_VALUE_WARN(1292, "22007", "Truncated incorrect %s value: '%s'"),
    ER_SERVER_SHUTDOWN(1053, "08S01", "Server shutdown in progress"),
    ER_TOO_MANY_CONNECTIONS(1040, "08004", "Too many connections"),
    ER_READ_ONLY_MODE(1290, "HY000", "The MySQL server is running with the %s option so it cannot execute this statement"),
    ER_NO_SUCH_THREAD(1094, "HY000", "Unknown thread id: %d"),
    ER_BLOB_CANT_HAVE_DEFAULT(1101, "42000", "BLOB, TEXT, GEOMETRY or JSON column '%s' can't have a default value"),
    ER_INVALID_ON_UPDATE(1294, "HY000", "Invalid ON UPDATE clause for '%s' column"),
    ER_WRONG_FIELD_SPEC(1063, "42000", "Incorrect column specifier for column '%s'"),
    ER_WRONG_NAME_FOR_INDEX(1280, "42000", "Incorrect index name '%s'"),
    ER_VIEW_WRONG_LIST(1353, "HY000", "In definition of view, derived table or common table expression, SELECT list and column names list have different column counts"),
    ER_CANT_REMOVE_ALL_FIELDS(1090, "42000", "You can't delete all columns with ALTER TABLE; use DROP TABLE instead"),
    ER_STACK_OVERRUN(1436, "HY000", "Thread stack overrun"),
    ER_CTE_MAX_RECURSION_DEPTH(3636, "HY000", "Recursive query aborted after %d iterations. Try increasing @@cte_max_recursion_depth to a larger value."),
    ER_NON_UPDATABLE_TABLE(1288, "HY000", "The target table %s of the %s is not updatable"),
    ER_NO_TABLES_USED(1096, "HY000", "No tables used"),
    ER_INTERNAL_ERROR(1815, "HY000", "Internal error: %s");

    private final int code;
    private final String sqlState;
    private final String template;

    ErrorCode(int code, String sqlState, String template) {
        this.code = code;
        this.sqlState = sqlState;
        this.template = template;
    }

    public int code() { return code; }

    public String sqlState() { return sqlState; }

    public String format(Object... args) {
        return args.length == 0 ? template : String.format(template, args);
    }

    public SqlException error(Object... args) { return new SqlException(this, args); }
}
