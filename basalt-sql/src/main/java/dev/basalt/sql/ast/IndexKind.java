package dev.basalt.sql.ast;

/**
 * The kind of an index / key.
 */
public enum IndexKind {
    PRIMARY, UNIQUE, INDEX, FULLTEXT, SPATIAL
}
