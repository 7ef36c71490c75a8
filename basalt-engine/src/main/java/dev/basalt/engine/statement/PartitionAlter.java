package dev.basalt.engine.statement;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.partition.Partitioning;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.table.RowIterator;
import dev.basalt.engine.table.TableStore;
import dev.basalt.engine.txn.Transaction;
import dev.basalt.sql.ast.AlterPartitions;
import dev.basalt.sql.ast.PartitionSpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The partition operations of ALTER TABLE. Each one turns into a new PARTITION BY clause (checked
 * as CREATE TABLE checks it); DROP and TRUNCATE PARTITION first delete the rows of the partitions
 * they name. Rows of all partitions share the table's storage, so ADD / COALESCE / REORGANIZE move
 * nothing; the rows are only checked against the new partitioning (1526).
 */
final class PartitionAlter {
    private PartitionAlter() {}

    /** Applies one operation to {@code def} (the table as altered so far); returns the new definition. */
    static TableDef apply(BasaltSession s, Transaction t, TableDef original, TableDef def, AlterPartitions op) {
        if (op.op() == AlterPartitions.Op.PARTITION_BY) return define(s, def, op.spec());
        Partitioning current = Partitioning.of(s, def);
        if (current == null) throw ErrorCode.ER_PARTITION_MGMT_ON_NONPARTITIONED.error();
        PartitionSpec spec = current.spec();
        boolean rangeOrList = spec.kind() == PartitionSpec.Kind.RANGE || spec.kind() == PartitionSpec.Kind.LIST;
        List<PartitionSpec.Partition> parts = explicit(current);
        switch (op.op()) {
            case REMOVE -> {
                return def.withOptions(def.options().withPartitioning(null));
            }
            case REBUILD -> {
                positions(current, op.names(), "REBUILD");
                return def;
            }
            case TRUNCATE -> {
                Set<Integer> doomed = new HashSet<>();
                if (op.names() == null) {
                    for (int i = 0; i < current.size(); i++) doomed.add(i);
                } else {
                    for (String n : op.names()) {
                        int at = current.indexOf(n);
                        if (at < 0) throw ErrorCode.ER_UNKNOWN_PARTITION.error(n, def.name());
                        doomed.add(at);
                    }
                }
                deleteRows(s, t, original, doomed);
                return def;
            }
            case DROP -> {
                if (!rangeOrList) throw ErrorCode.ER_ONLY_ON_RANGE_LIST_PARTITION.error("DROP");
                Set<Integer> doomed = positions(current, op.names(), "DROP");
                if (doomed.size() == current.size()) throw ErrorCode.ER_DROP_LAST_PARTITION.error();
                deleteRows(s, t, original, doomed);
                List<PartitionSpec.Partition> kept = new ArrayList<>();
                for (int i = 0; i < parts.size(); i++) if (!doomed.contains(i)) kept.add(parts.get(i));
                return define(s, def, with(spec, kept, 0));
            }
            case ADD -> {
                if (!op.partitions().isEmpty()) {
                    List<PartitionSpec.Partition> all = new ArrayList<>(parts);
                    all.addAll(op.partitions());
                    return define(s, def, with(spec, all, 0));
                }
                if (rangeOrList) throw ErrorCode.ER_PARTITIONS_MUST_BE_DEFINED_ERROR.error(spec.kind().name());
                if (op.count() <= 0) throw new SqlException(ErrorCode.ER_PARSE_ERROR, "ADD PARTITION PARTITIONS needs a number above 0");
                return define(s, def, grown(spec, current.size() + op.count()));
            }
            case COALESCE -> {
                if (rangeOrList) throw ErrorCode.ER_COALESCE_ONLY_ON_HASH_PARTITION.error();
                if (op.count() <= 0) throw ErrorCode.ER_COALESCE_PARTITION_NO_PARTITION.error();
                if (op.count() >= current.size()) throw ErrorCode.ER_DROP_LAST_PARTITION.error();
                return define(s, def, grown(spec, current.size() - op.count()));
            }
            case REORGANIZE -> {
                List<Integer> at = new ArrayList<>(positions(current, op.names(), "REORGANIZE"));
                at.sort(null);
                for (int i = 1; i < at.size(); i++) {
                    if (at.get(i) != at.get(i - 1) + 1) throw ErrorCode.ER_CONSECUTIVE_REORG_PARTITIONS.error();
                }
                List<PartitionSpec.Partition> all = new ArrayList<>(parts.subList(0, at.getFirst()));
                all.addAll(op.partitions());
                all.addAll(parts.subList(at.getLast() + 1, parts.size()));
                return define(s, def, with(spec, all, 0));
            }
            default -> throw new IllegalStateException(op.op().name());
        }
    }

    /** Every row must have a partition under the new partitioning (1526), as MySQL checks when it copies them. */
    static void verifyRows(BasaltSession s, Transaction t, TableDef def) {
        Partitioning p = Partitioning.of(s, def);
        if (p == null) return;
        TableStore store = s.engine().tables().store(def);
        try (RowIterator it = store.scan(t, false)) {
            for (Object[] r; (r = it.next()) != null; ) p.partitionOf(s, r);
        }
    }

    /** Re-checks a partitioned table's clause after other changes (a new UNIQUE key must cover it: 1503). */
    static TableDef recheck(BasaltSession s, TableDef def) {
        Partitioning p = Partitioning.of(s, def);
        return p == null ? def : define(s, def, p.spec());
    }

    private static TableDef define(BasaltSession s, TableDef def, PartitionSpec spec) {
        return def.withOptions(def.options().withPartitioning(Partitioning.define(s, def, spec).text()));
    }

    /** The partitions named (1507 "Error in list of partitions to DROP" for one that is not there). */
    private static Set<Integer> positions(Partitioning p, List<String> names, String what) {
        Set<Integer> out = new HashSet<>();
        for (String n : names) {
            int at = p.indexOf(n);
            if (at < 0 || !out.add(at)) throw ErrorCode.ER_DROP_PARTITION_NON_EXISTENT.error(what);
        }
        return out;
    }

    /** The partition definitions, named p0, p1 ... when the clause only gave PARTITIONS n. */
    private static List<PartitionSpec.Partition> explicit(Partitioning p) {
        if (!p.spec().partitions().isEmpty()) return p.spec().partitions();
        List<PartitionSpec.Partition> out = new ArrayList<>();
        for (String n : p.names()) out.add(new PartitionSpec.Partition(n, null, null, null));
        return out;
    }

    private static PartitionSpec with(PartitionSpec s, List<PartitionSpec.Partition> parts, int count) {
        return new PartitionSpec(s.kind(), s.linear(), s.expression(), s.expressionText(), s.columns(), s.columnsForm(),
                count, List.copyOf(parts));
    }

    /** HASH / KEY with n partitions: PARTITIONS n, or the named list cut or extended with p<i> names. */
    private static PartitionSpec grown(PartitionSpec s, int n) {
        if (s.partitions().isEmpty()) return with(s, List.of(), n);
        List<PartitionSpec.Partition> parts = new ArrayList<>(s.partitions().subList(0, Math.min(n, s.partitions().size())));
        for (int i = parts.size(); i < n; i++) parts.add(new PartitionSpec.Partition("p" + i, null, null, null));
        return with(s, parts, 0);
    }

    /** Deletes the rows of some partitions (collected first: the scan must not see its own deletes). */
    private static void deleteRows(BasaltSession s, Transaction t, TableDef def, Set<Integer> partitions) {
        Partitioning p = Partitioning.of(s, def);
        TableStore store = s.engine().tables().store(def);
        List<Object[]> doomed = new ArrayList<>();
        try (RowIterator it = store.scan(t, false)) {
            for (Object[] r; (r = it.next()) != null; ) if (partitions.contains(p.partitionOf(s, r))) doomed.add(r);
        }
        for (Object[] r : doomed) store.delete(t, r);
    }
}
