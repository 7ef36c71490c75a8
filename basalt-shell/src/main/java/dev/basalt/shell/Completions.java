package dev.basalt.shell;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.TreeSet;

/**
 * Words Tab completes: SQL keywords, and the databases, tables (also as {@code db.table}) and
 * columns the server lists in information_schema ({@link CatalogCompleter} reads them again when
 * they may have changed).
 */
final class Completions {

    private Completions() {}

    static final List<String> KEYWORDS = List.of(
            "SELECT", "FROM", "WHERE", "GROUP", "BY", "ORDER", "HAVING", "LIMIT", "OFFSET", "JOIN", "LEFT", "RIGHT",
            "INNER", "OUTER", "CROSS", "ON", "USING", "AS", "DISTINCT", "UNION", "ALL", "WITH", "RECURSIVE",
            "INSERT", "INTO", "VALUES", "UPDATE", "SET", "DELETE", "REPLACE", "DUPLICATE", "KEY",
            "CREATE", "DROP", "ALTER", "TABLE", "DATABASE", "DATABASES", "INDEX", "VIEW", "TRIGGER", "PROCEDURE",
            "FUNCTION", "PRIMARY", "UNIQUE", "FOREIGN", "REFERENCES", "DEFAULT", "NOT", "NULL", "AUTO_INCREMENT",
            "SHOW", "TABLES", "COLUMNS", "STATUS", "VARIABLES", "WARNINGS", "PROCESSLIST", "DESCRIBE", "EXPLAIN",
            "USE", "BEGIN", "START", "TRANSACTION", "COMMIT", "ROLLBACK", "AND", "OR", "IN", "IS", "LIKE",
            "BETWEEN", "EXISTS", "CASE", "WHEN", "THEN", "ELSE", "END", "COUNT", "SUM", "AVG", "MIN", "MAX",
            "INT", "BIGINT", "VARCHAR", "TEXT", "DECIMAL", "DOUBLE", "DATE", "DATETIME", "TIMESTAMP", "JSON",
            "source", "quit", "exit");

    static List<String> load(Connection c) {
        TreeSet<String> words = new TreeSet<>(KEYWORDS);
        try (Statement s = c.createStatement()) {
            add(words, s, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA");
            add(words, s, "SELECT TABLE_NAME FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA NOT IN ('information_schema', 'performance_schema', 'mysql', 'sys')");
            // qualified names too: "shop.it<Tab>" completes to shop.item
            add(words, s, "SELECT CONCAT(TABLE_SCHEMA, '.', TABLE_NAME) FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA NOT IN ('information_schema', 'performance_schema', 'mysql', 'sys') LIMIT 5000");
            add(words, s, "SELECT DISTINCT COLUMN_NAME FROM information_schema.COLUMNS"
                    + " WHERE TABLE_SCHEMA NOT IN ('information_schema', 'performance_schema', 'mysql', 'sys') LIMIT 5000");
        } catch (SQLException e) {
            // completion of names is a convenience: keywords still complete
        }
        return List.copyOf(words);
    }

    private static void add(TreeSet<String> words, Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) words.add(rs.getString(1));
        }
    }
}
