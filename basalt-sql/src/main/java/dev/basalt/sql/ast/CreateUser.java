package dev.basalt.sql.ast;

import java.util.List;

/** {@code CREATE USER [IF NOT EXISTS] u [IDENTIFIED ...], ... [ACCOUNT LOCK|UNLOCK]}; locked is null when not written. */
public record CreateUser(List<UserAuth> users, boolean ifNotExists, Boolean locked) implements AccountStatement {
}
