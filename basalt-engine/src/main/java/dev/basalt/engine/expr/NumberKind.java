package dev.basalt.engine.expr;

/** How a numeric literal was written: 12, 1.50, 1e3. */
public enum NumberKind { INTEGER, DECIMAL, APPROXIMATE }
