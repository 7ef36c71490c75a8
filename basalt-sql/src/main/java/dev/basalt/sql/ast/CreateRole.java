package dev.basalt.sql.ast;

import java.util.List;

/** {@code CREATE ROLE [IF NOT EXISTS] r, ...}: a role is a locked account without password. */
public record CreateRole(List<UserSpec> roles, boolean ifNotExists) implements AccountStatement {
}
