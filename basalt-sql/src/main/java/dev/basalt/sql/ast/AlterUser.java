package dev.basalt.sql.ast;

import java.util.List;

/**
 * {@code ALTER USER [IF EXISTS] u [IDENTIFIED ...], ... [REQUIRE SSL|NONE] [ACCOUNT LOCK|UNLOCK]};
 * locked and requireSsl are null when not written.
 */
public record AlterUser(List<UserAuth> users, boolean ifExists, Boolean locked, Boolean requireSsl)
        implements AccountStatement {
    public AlterUser(List<UserAuth> users, boolean ifExists, Boolean locked) {
        this(users, ifExists, locked, null);
    }
}
