package dev.basalt.sql.ast;

/** {@code SET PASSWORD [FOR u] = 'text'}; user is null for the current account. */
public record SetPassword(UserSpec user, String password) implements AccountStatement {
}
