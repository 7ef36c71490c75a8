package dev.basalt.engine.expr;

/** TRIM([BOTH | LEADING | TRAILING] [remstr] FROM str). */
public enum TrimMode { BOTH, LEADING, TRAILING }
