package dev.basalt.engine.plan;

import dev.basalt.engine.catalog.TableDef;

import java.util.List;

/** The scope columns of a native table under an alias (hidden row id slot included). */
public final class FromColumns {
    private FromColumns() {}

    public static List<PlanColumn> of(TableDef def, String alias) {
        return FromPlanner.tableColumns(def, alias);
    }
}
