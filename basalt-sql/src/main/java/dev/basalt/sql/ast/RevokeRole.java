package dev.basalt.sql.ast;

import java.util.List;

/** {@code REVOKE role, ... FROM user, ...}. */
public record RevokeRole(List<UserSpec> roles, List<UserSpec> users) implements AccountStatement {
}
