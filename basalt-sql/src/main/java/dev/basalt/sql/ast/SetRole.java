package dev.basalt.sql.ast;

import java.util.List;

/**
 * {@code SET ROLE {DEFAULT | NONE | ALL | r, ...}} (users empty) or
 * {@code SET DEFAULT ROLE {NONE | ALL | r, ...} TO u, ...} (users non-empty, defaultRole true).
 *
 * @param mode "LIST", "NONE", "ALL" or "DEFAULT"
 */
public record SetRole(boolean defaultRole, String mode, List<UserSpec> roles, List<UserSpec> users)
        implements AccountStatement {
}
