package dev.basalt.engine.statement;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * information_schema tables Basalt has nothing to put in (no tablespace files, no plugins, no
 * grants; EVENTS is filled by the event scheduler), with MySQL 8's full column sets: tools such as
 * mariadb-dump name these columns in WHERE clauses, so the columns must exist even though the
 * answer is always empty.
 */
final class EmptyCatalogTables {

    private EmptyCatalogTables() {}

    private static final Map<String, List<String>> COLUMNS = Map.of(
            "FILES", List.of("FILE_ID", "FILE_NAME", "FILE_TYPE", "TABLESPACE_NAME", "TABLE_CATALOG", "TABLE_SCHEMA",
                    "TABLE_NAME", "LOGFILE_GROUP_NAME", "LOGFILE_GROUP_NUMBER", "ENGINE", "FULLTEXT_KEYS", "DELETED_ROWS",
                    "UPDATE_COUNT", "FREE_EXTENTS", "TOTAL_EXTENTS", "EXTENT_SIZE", "INITIAL_SIZE", "MAXIMUM_SIZE",
                    "AUTOEXTEND_SIZE", "CREATION_TIME", "LAST_UPDATE_TIME", "LAST_ACCESS_TIME", "RECOVER_TIME",
                    "TRANSACTION_COUNTER", "VERSION", "ROW_FORMAT", "TABLE_ROWS", "AVG_ROW_LENGTH", "DATA_LENGTH",
                    "MAX_DATA_LENGTH", "INDEX_LENGTH", "DATA_FREE", "CREATE_TIME", "UPDATE_TIME", "CHECK_TIME",
                    "CHECKSUM", "STATUS", "EXTRA"),
            "EVENTS", List.of("EVENT_CATALOG", "EVENT_SCHEMA", "EVENT_NAME", "DEFINER", "TIME_ZONE", "EVENT_BODY",
                    "EVENT_DEFINITION", "EVENT_TYPE", "EXECUTE_AT", "INTERVAL_VALUE", "INTERVAL_FIELD", "SQL_MODE",
                    "STARTS", "ENDS", "STATUS", "ON_COMPLETION", "CREATED", "LAST_ALTERED", "LAST_EXECUTED",
                    "EVENT_COMMENT", "ORIGINATOR", "CHARACTER_SET_CLIENT", "COLLATION_CONNECTION", "DATABASE_COLLATION"),
            "PLUGINS", List.of("PLUGIN_NAME", "PLUGIN_VERSION", "PLUGIN_STATUS", "PLUGIN_TYPE", "PLUGIN_TYPE_VERSION",
                    "PLUGIN_LIBRARY", "PLUGIN_LIBRARY_VERSION", "PLUGIN_AUTHOR", "PLUGIN_DESCRIPTION", "PLUGIN_LICENSE",
                    "LOAD_OPTION"),
            "USER_PRIVILEGES", List.of("GRANTEE", "TABLE_CATALOG", "PRIVILEGE_TYPE", "IS_GRANTABLE"),
            "SCHEMA_PRIVILEGES", List.of("GRANTEE", "TABLE_CATALOG", "TABLE_SCHEMA", "PRIVILEGE_TYPE", "IS_GRANTABLE"),
            "TABLE_PRIVILEGES", List.of("GRANTEE", "TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME", "PRIVILEGE_TYPE",
                    "IS_GRANTABLE"),
            "COLUMN_PRIVILEGES", List.of("GRANTEE", "TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME", "COLUMN_NAME",
                    "PRIVILEGE_TYPE", "IS_GRANTABLE"));

    /** The column names of the empty table {@code name} (upper case), or null when it is not one. */
    static List<String> columns(String name) {
        return COLUMNS.get(name.toUpperCase(Locale.ROOT));
    }
}
