package dev.basalt.sql.ast;

import java.util.List;

/**
 * {@code VALUES (..), (..)} (or VALUE); an item may be a {@link DefaultExpr}; a row may be empty: {@code VALUES ()}.
 */
public record InsertValues(List<List<Expression>> rows) implements InsertSource {
}
