package dev.basalt.engine.partition;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.table.RowIterator;
import dev.basalt.engine.table.TableStore;
import dev.basalt.engine.txn.Transaction;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code SELECT ... FROM t PARTITION (p0, p1)}: the rows of the named partitions only. 1747 for a
 * table without partitions, 1735 for a name the table does not have.
 */
public final class PartitionSelection {
    private PartitionSelection() {}

    public static List<Object[]> rows(EvalContext ctx, TableDef def, TableStore store, Transaction txn, List<String> names) {
        Partitioning p = Partitioning.of(ctx, def);
        if (p == null) throw ErrorCode.ER_PARTITION_CLAUSE_ON_NONPARTITIONED.error();
        Set<Integer> wanted = new HashSet<>();
        for (String n : names) {
            int at = p.indexOf(n);
            if (at < 0) throw ErrorCode.ER_UNKNOWN_PARTITION.error(n, def.name());
            wanted.add(at);
        }
        List<Object[]> out = new ArrayList<>();
        try (RowIterator it = store.scan(txn, false)) {
            for (Object[] r; (r = it.next()) != null; ) if (wanted.contains(p.partitionOf(ctx, r))) out.add(r);
        }
        return out;
    }
}
