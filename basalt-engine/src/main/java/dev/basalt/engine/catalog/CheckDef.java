package dev.basalt.engine.catalog;

/**
 * A CHECK constraint: its name (generated as {@code <table>_chk_<n>} when not given), the
 * condition's SQL text (parsed again when a statement writes the table) and whether it is enforced.
 */
public record CheckDef(String name, String sql, boolean enforced) {}
