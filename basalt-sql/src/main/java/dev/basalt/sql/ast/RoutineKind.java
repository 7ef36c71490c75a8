package dev.basalt.sql.ast;

/** The two kinds of stored routine; they have separate namespaces. */
public enum RoutineKind { PROCEDURE, FUNCTION }
