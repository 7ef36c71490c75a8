package dev.basalt.sql.ast;

import java.util.List;

/**
 * {@code REVOKE privs ON target FROM users}; {@code allAndGrantOption} for
 * {@code REVOKE ALL PRIVILEGES, GRANT OPTION FROM users} (target null then).
 */
public record Revoke(List<PrivilegeItem> privileges, GrantTarget target, List<UserSpec> users,
                     boolean grantOption, boolean allAndGrantOption) implements AccountStatement {
}
