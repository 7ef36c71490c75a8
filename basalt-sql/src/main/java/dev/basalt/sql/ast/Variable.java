package dev.basalt.sql.ast;

/**
 * A variable reference: {@code @user_var} or {@code @@[scope.]system_var}; also the target of SET.
 */
public sealed interface Variable extends Expression
        permits UserVariable, SystemVariable {
}
