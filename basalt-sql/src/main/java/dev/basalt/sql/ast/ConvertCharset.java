package dev.basalt.sql.ast;

/**
 * CONVERT TO CHARACTER SET x [COLLATE y]; charset is null for DEFAULT.
 */
public record ConvertCharset(String charset, String collation) implements AlterAction {
}
