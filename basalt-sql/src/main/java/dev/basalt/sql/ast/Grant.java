package dev.basalt.sql.ast;

import java.util.List;

/**
 * {@code GRANT privs ON target TO users [WITH GRANT OPTION]}, or, with {@code roles} non-empty
 * and target null, {@code GRANT role, ... TO users}.
 */
public record Grant(List<PrivilegeItem> privileges, GrantTarget target, List<UserSpec> roles, List<UserSpec> users,
                    boolean grantOption) implements AccountStatement {
}
