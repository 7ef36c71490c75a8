package dev.basalt.sql.ast;

import java.util.List;

/**
 * EXECUTE name [USING @a, @b].
 */
public record Execute(String name, List<UserVariable> using) implements Statement {
}
