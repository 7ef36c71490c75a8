package dev.basalt.sql.ast;

import java.util.List;

/**
 * DO expr, ...
 */
public record Do(List<Expression> expressions) implements Statement {
}
