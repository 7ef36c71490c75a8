package dev.basalt.engine.expr;

/** Unary operators. BINARY is the BINARY str prefix operator (a cast to a binary string). */
public enum UnaryOp { NEGATE, NOT, BIT_NOT, BINARY, PLUS }
