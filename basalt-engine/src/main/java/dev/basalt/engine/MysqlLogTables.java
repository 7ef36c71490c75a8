package dev.basalt.engine;

import dev.basalt.engine.api.StatementResults;
import dev.basalt.engine.session.BasaltSession;

import java.util.List;

/**
 * The {@code mysql.general_log} and {@code mysql.slow_log} tables every MySQL 8 server has.
 * mariadb-dump and mysqldump read their definitions whenever they dump the {@code mysql} schema
 * (as {@code --all-databases} does) and fail when they are missing. With log_output=TABLE the
 * query logs write their entries here ({@link LogTableWriter}); the definitions are MySQL 8's.
 */
final class MysqlLogTables {

    private MysqlLogTables() {}

    private static final List<String> DDL = List.of(
            "CREATE TABLE IF NOT EXISTS mysql.general_log ("
                    + "event_time timestamp(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),"
                    + " user_host mediumtext NOT NULL, thread_id bigint unsigned NOT NULL,"
                    + " server_id int unsigned NOT NULL, command_type varchar(64) NOT NULL,"
                    + " argument mediumblob NOT NULL"
                    + ") ENGINE=CSV DEFAULT CHARSET=utf8mb3 COMMENT='General log'",
            "CREATE TABLE IF NOT EXISTS mysql.slow_log ("
                    + "start_time timestamp(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),"
                    + " user_host mediumtext NOT NULL, query_time time(6) NOT NULL, lock_time time(6) NOT NULL,"
                    + " rows_sent int NOT NULL, rows_examined int NOT NULL, db varchar(512) NOT NULL,"
                    + " last_insert_id int NOT NULL, insert_id int NOT NULL, server_id int unsigned NOT NULL,"
                    + " sql_text mediumblob NOT NULL, thread_id bigint unsigned NOT NULL"
                    + ") ENGINE=CSV DEFAULT CHARSET=utf8mb3 COMMENT='Slow log'");

    /** Creates the tables that are missing, through an internal session (a no-op once they exist). */
    static void ensure(BasaltSession session) {
        try {
            for (String sql : DDL) {
                StatementResults results = session.execute(sql, false);
                while (results.hasNext()) results.next();
            }
        } finally {
            session.close();
        }
    }
}
