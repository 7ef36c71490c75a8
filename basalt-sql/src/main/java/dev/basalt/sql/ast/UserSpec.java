package dev.basalt.sql.ast;

/**
 * An account name as written: {@code 'user'@'host'}. A missing host part means {@code '%'}
 * (as in MySQL); {@code CURRENT_USER} is spelled with {@code currentUser} true and null names.
 */
public record UserSpec(String user, String host, boolean currentUser) {
    public static UserSpec of(String user, String host) {
        return new UserSpec(user, host == null ? "%" : host, false);
    }

    public static final UserSpec CURRENT = new UserSpec(null, null, true);
}
