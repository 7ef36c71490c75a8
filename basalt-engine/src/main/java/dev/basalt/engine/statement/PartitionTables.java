package dev.basalt.engine.statement;

import dev.basalt.engine.catalog.CatalogSnapshot;
import dev.basalt.engine.catalog.DatabaseDef;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.partition.Partitioning;

import java.util.List;

/**
 * information_schema.PARTITIONS as MySQL 8 fills it: one row per partition of a partitioned table,
 * one row with NULL partition columns for every other table. Row counts and sizes are not kept per
 * partition: they show 0.
 */
final class PartitionTables {
    private PartitionTables() {}

    static void rows(EvalContext ctx, CatalogSnapshot catalog, List<Object[]> rows) {
        for (DatabaseDef d : catalog.databases()) {
            for (TableDef t : catalog.tables(d.name())) {
                Partitioning p = t.options().partitioning() == null ? null : Partitioning.of(ctx, t);
                if (p == null) {
                    rows.add(row(t, null, null, null, null, null, ""));
                    continue;
                }
                for (int i = 0; i < p.size(); i++) {
                    rows.add(row(t, p.names().get(i), (long) i + 1, p.method(), p.expressionDisplay(), p.description(i),
                            p.comment(i)));
                }
            }
        }
    }

    private static Object[] row(TableDef t, String name, Long position, String method, String expression,
                                String description, String comment) {
        return new Object[]{"def", t.database(), t.name(), name, null, position, null, method, null, expression, null,
                description, 0L, 0L, 0L, null, 0L, 0L, null, null, null, null, comment,
                name == null ? null : "default", null};
    }
}
