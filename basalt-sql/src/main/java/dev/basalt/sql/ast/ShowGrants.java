package dev.basalt.sql.ast;

/** {@code SHOW GRANTS [FOR user]}; user is null for the current account. */
public record ShowGrants(UserSpec user) implements AccountStatement {
}
