package dev.basalt.engine.expr;

/** IS [NOT] TRUE / FALSE / UNKNOWN. */
public enum TruthValue { TRUE, FALSE, UNKNOWN }
