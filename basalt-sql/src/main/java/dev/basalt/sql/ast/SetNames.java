package dev.basalt.sql.ast;

/**
 * SET NAMES charset [COLLATE collation] (charset null for DEFAULT).
 */
public record SetNames(String charset, String collation) implements SetItem {
}
