package dev.basalt.sql.ast;

/**
 * ALTER [COLUMN] c SET DEFAULT v | DROP DEFAULT.
 * @param defaultValue null for DROP DEFAULT
 */
public record AlterColumnDefault(String column, Expression defaultValue) implements AlterAction {
}
