package dev.basalt.sql.ast;

import java.util.List;

/**
 * {@code ALTER USER [IF EXISTS] u [IDENTIFIED ...], ... [REQUIRE ...] [ACCOUNT LOCK|UNLOCK]};
 * locked and require are null when not written.
 */
public record AlterUser(List<UserAuth> users, boolean ifExists, Boolean locked, RequireClause require)
        implements AccountStatement {
    public AlterUser(List<UserAuth> users, boolean ifExists, Boolean locked) {
        this(users, ifExists, locked, null);
    }
}
