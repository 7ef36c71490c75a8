package dev.basalt.sql.ast;

import java.util.List;

/**
 * {@code INSERT ... SET a = 1, b = 2}.
 */
public record InsertSet(List<Assignment> assignments) implements InsertSource {
}
