package dev.basalt.shell;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
            "DUAL", "LATERAL", "IGNORE", "IF", "source", "quit", "exit");

    /**
     * What Tab offers: every word; the columns of each table by its name and by {@code db.table}
     * (lower case), for the places where only a table's columns fit; the databases and each one's
     * tables (by the database's lower-case name), for the places where a table fits.
     */
    record Catalog(List<String> words, Map<String, List<String>> columnsByTable, List<String> databases,
                   Map<String, List<String>> tablesByDatabase) {
        static Catalog of(List<String> words) { return new Catalog(words, Map.of()); }

        /** Databases and tables as the columns' {@code db.table} keys tell (for tests that list columns only). */
        Catalog(List<String> words, Map<String, List<String>> columnsByTable) {
            this(words, columnsByTable, databasesOf(columnsByTable.keySet()), tablesOf(columnsByTable.keySet()));
        }

        /** The columns of {@code table} (as typed: {@code t}, {@code db.t}, with or without backquotes), or none. */
        List<String> columnsOf(String table) {
            return columnsByTable.getOrDefault(table.replace("`", "").toLowerCase(Locale.ROOT), List.of());
        }

        /** The columns of all tables of database {@code db}, table by table, each name once. */
        List<String> columnsInDatabase(String db) {
            String prefix = db.toLowerCase(Locale.ROOT) + ".";
            java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
            columnsByTable.forEach((table, cols) -> {
                if (table.startsWith(prefix) && table.indexOf('.', prefix.length()) < 0) out.addAll(cols);
            });
            return List.copyOf(out);
        }

        /** The tables of database {@code db} (any case), or none. */
        List<String> tablesIn(String db) {
            return tablesByDatabase.getOrDefault(db.replace("`", "").toLowerCase(Locale.ROOT), List.of());
        }

        /** Every database's tables, each name once. */
        List<String> allTables() {
            TreeSet<String> out = new TreeSet<>();
            tablesByDatabase.values().forEach(out::addAll);
            return List.copyOf(out);
        }

        private static List<String> databasesOf(java.util.Set<String> keys) {
            TreeSet<String> out = new TreeSet<>();
            for (String k : keys) if (k.indexOf('.') > 0) out.add(k.substring(0, k.indexOf('.')));
            return List.copyOf(out);
        }

        private static Map<String, List<String>> tablesOf(java.util.Set<String> keys) {
            Map<String, List<String>> out = new LinkedHashMap<>();
            for (String k : keys) {
                int dot = k.indexOf('.');
                if (dot > 0) out.computeIfAbsent(k.substring(0, dot), d -> new ArrayList<>()).add(k.substring(dot + 1));
            }
            out.values().forEach(java.util.Collections::sort);
            return out;
        }
    }

    static Catalog load(Connection c) {
        TreeSet<String> words = new TreeSet<>(KEYWORDS);
        Map<String, List<String>> columns = new LinkedHashMap<>(); // the tables' order, for columnsInDatabase
        List<String> databases = new ArrayList<>();
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA ORDER BY SCHEMA_NAME")) {
                while (rs.next()) databases.add(rs.getString(1));
            }
            words.addAll(databases);
            // qualified names too: "shop.it<Tab>" completes to shop.item
            try (ResultSet rs = s.executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA NOT IN ('information_schema', 'performance_schema', 'mysql', 'sys')"
                    + " ORDER BY TABLE_SCHEMA, TABLE_NAME LIMIT 5000")) {
                while (rs.next()) {
                    String db = rs.getString(1), table = rs.getString(2);
                    words.add(table);
                    words.add(db + "." + table);
                    tables.computeIfAbsent(db.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(table);
                }
            }
            // each table's columns in their order: INSERT INTO t (<Tab> offers t's columns
            try (ResultSet rs = s.executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS"
                    + " WHERE TABLE_SCHEMA NOT IN ('information_schema', 'performance_schema', 'mysql', 'sys')"
                    + " ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION LIMIT 20000")) {
                while (rs.next()) {
                    String db = rs.getString(1), table = rs.getString(2), column = rs.getString(3);
                    words.add(column);
                    columns.computeIfAbsent(table.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(column);
                    columns.computeIfAbsent((db + "." + table).toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(column);
                }
            }
        } catch (SQLException e) {
            // completion of names is a convenience: keywords still complete
        }
        return new Catalog(List.copyOf(words), columns, List.copyOf(databases), tables);
    }
}
