package dev.basalt.engine.catalog;

import java.util.List;

/**
 * The constraints of a table other than its indexes: FOREIGN KEYs (the table as child) and
 * CHECKs. Enforced by {@code dev.basalt.engine.constraint.TableWriter}.
 */
public record TableConstraints(List<ForeignKeyDef> foreignKeys, List<CheckDef> checks) {

    public static final TableConstraints NONE = new TableConstraints(List.of(), List.of());

    public TableConstraints {
        foreignKeys = List.copyOf(foreignKeys);
        checks = List.copyOf(checks);
    }

    public boolean isEmpty() { return foreignKeys.isEmpty() && checks.isEmpty(); }

    public TableConstraints withForeignKeys(List<ForeignKeyDef> f) { return new TableConstraints(f, checks); }

    public TableConstraints withChecks(List<CheckDef> c) { return new TableConstraints(foreignKeys, c); }
}
