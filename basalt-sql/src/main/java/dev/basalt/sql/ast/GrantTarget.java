package dev.basalt.sql.ast;

/**
 * The {@code ON} part of GRANT/REVOKE. database null means the current database; "*" means
 * every database (with table "*": global). table "*" means every table of the database.
 *
 * @param objectType "TABLE", "PROCEDURE" or "FUNCTION" (TABLE when not written)
 */
public record GrantTarget(String objectType, String database, String table) {
    public boolean global() { return "*".equals(database) && "*".equals(table); }
}
