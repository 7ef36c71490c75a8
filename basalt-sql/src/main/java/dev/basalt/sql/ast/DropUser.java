package dev.basalt.sql.ast;

import java.util.List;

/** {@code DROP USER [IF EXISTS] u, ...}. */
public record DropUser(List<UserSpec> users, boolean ifExists) implements AccountStatement {
}
