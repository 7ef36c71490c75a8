package dev.basalt.engine.external;

import java.util.List;

/**
 * A filter the engine pushes into an external scan: {@code column op value(s)}. Values are engine
 * values (see {@code TypeKind} for their Java classes), already evaluated. The engine still
 * applies the original condition to the rows it gets back, so a provider may ignore a predicate
 * but must never drop a row that satisfies it.
 */
public record Predicate(int column, Op op, List<Object> values) {

    /** BETWEEN has two values (low, high); IN one or more. */
    public enum Op { EQ, NE, LT, LE, GT, GE, BETWEEN, IN, IS_NULL, IS_NOT_NULL }
}
