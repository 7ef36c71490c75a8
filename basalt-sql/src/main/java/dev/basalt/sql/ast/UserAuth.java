package dev.basalt.sql.ast;

/**
 * One account of CREATE USER / ALTER USER with its optional authentication clause.
 *
 * @param plugin   the {@code IDENTIFIED WITH} plugin, or null when not written
 * @param password the {@code BY 'password'} text, or null when not written
 * @param hash     the {@code AS 'hash'} text (a stored authentication string), or null when not written
 */
public record UserAuth(UserSpec user, String plugin, String password, String hash) {
    public UserAuth(UserSpec user, String plugin, String password) {
        this(user, plugin, password, null);
    }
}
