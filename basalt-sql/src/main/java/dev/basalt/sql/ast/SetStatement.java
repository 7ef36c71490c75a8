package dev.basalt.sql.ast;

import java.util.List;

/**
 * SET item [, item ...].
 */
public record SetStatement(List<SetItem> items) implements Statement {
}
