package dev.basalt.sql.ast;

/** One entry of a SELECT block's {@code WINDOW name AS (spec)} clause. */
public record NamedWindow(String name, WindowSpec spec) {
}
