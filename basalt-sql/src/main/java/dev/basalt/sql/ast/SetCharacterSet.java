package dev.basalt.sql.ast;

/**
 * SET CHARACTER SET | CHARSET x (null for DEFAULT).
 */
public record SetCharacterSet(String charset) implements SetItem {
}
