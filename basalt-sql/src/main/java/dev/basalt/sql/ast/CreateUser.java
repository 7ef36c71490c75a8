package dev.basalt.sql.ast;

import java.util.List;

/**
 * {@code CREATE USER [IF NOT EXISTS] u [IDENTIFIED ...], ... [REQUIRE ...] [ACCOUNT LOCK|UNLOCK]};
 * locked and require are null when not written.
 */
public record CreateUser(List<UserAuth> users, boolean ifNotExists, Boolean locked, RequireClause require)
        implements AccountStatement {
    public CreateUser(List<UserAuth> users, boolean ifNotExists, Boolean locked) {
        this(users, ifNotExists, locked, null);
    }
}
