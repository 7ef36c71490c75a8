package dev.basalt.sql.ast;

import java.util.List;

/** {@code ALTER USER [IF EXISTS] u [IDENTIFIED ...], ... [ACCOUNT LOCK|UNLOCK]}; locked is null when not written. */
public record AlterUser(List<UserAuth> users, boolean ifExists, Boolean locked) implements AccountStatement {
}
