package dev.basalt.sql.ast;

/** {@code SHOW CREATE USER user}: the statement that recreates the account (how dumps save accounts). */
public record ShowCreateUser(UserSpec user) implements AccountStatement {
}
