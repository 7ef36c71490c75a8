package dev.basalt.sql.ast;

/**
 * ALTER [COLUMN] c SET DEFAULT v | DROP DEFAULT.
 * @param defaultValue null for DROP DEFAULT
 * @param defaultText the source text of a parenthesised DEFAULT (expr), null otherwise
 */
public record AlterColumnDefault(String column, Expression defaultValue, String defaultText) implements AlterAction {
}
