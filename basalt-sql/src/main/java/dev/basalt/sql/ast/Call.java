package dev.basalt.sql.ast;

import java.util.List;

/** CALL [schema.]name[([arg, ...])]. */
public record Call(QualifiedName procedure, List<Expression> arguments) implements Statement {
    public Call {
        arguments = List.copyOf(arguments);
    }
}
