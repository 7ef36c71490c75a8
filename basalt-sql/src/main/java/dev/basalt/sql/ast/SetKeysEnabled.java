package dev.basalt.sql.ast;

/**
 * ENABLE KEYS / DISABLE KEYS (mysqldump); a no-op for us.
 */
public record SetKeysEnabled(boolean enabled) implements AlterAction {
}
