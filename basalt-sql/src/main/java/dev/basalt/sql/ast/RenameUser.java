package dev.basalt.sql.ast;

import java.util.List;

/** {@code RENAME USER a TO b, ...}: {@code from.get(i)} becomes {@code to.get(i)}. */
public record RenameUser(List<UserSpec> from, List<UserSpec> to) implements AccountStatement {
}
