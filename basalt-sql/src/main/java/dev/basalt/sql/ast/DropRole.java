package dev.basalt.sql.ast;

import java.util.List;

/** {@code DROP ROLE [IF EXISTS] r, ...}. */
public record DropRole(List<UserSpec> roles, boolean ifExists) implements AccountStatement {
}
