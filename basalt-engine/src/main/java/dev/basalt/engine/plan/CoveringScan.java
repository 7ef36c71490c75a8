package dev.basalt.engine.plan;

import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.table.KeyRange;
import dev.basalt.sql.ast.Join;
import dev.basalt.sql.ast.Select;

import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Covering (index-only) scans: when every column a SELECT block can name of a table is in a
 * secondary index (its parts plus the primary key, as InnoDB's entries hold them), the scan reads
 * the index entries and never fetches the rows; EXPLAIN says "Using index". The columns come from
 * the block's text ({@link ExternalHints#referencedColumns}): a name that matches by accident only
 * costs the optimisation. Blocks with {@code *}, NATURAL or USING joins, locking reads, generated
 * columns and multi-table UPDATE / DELETE (which never register) read whole rows.
 */
final class CoveringScan {
    private CoveringScan() {}

    static final String KEY = "covering.columns";

    /** Records, for each native table of the block, the column names the block may read. */
    @SuppressWarnings("unchecked")
    static void register(QueryContext qc, Select s, List<Relation> relations) {
        if (s.from() == null || joinsByName(s.from())) return;
        Set<String> names = ExternalHints.referencedColumns(s);
        if (names == null) return;
        Map<Relation, Set<String>> byRelation = (Map<Relation, Set<String>>) qc.statementState()
                .computeIfAbsent(KEY, k -> new IdentityHashMap<Relation, Set<String>>());
        for (Relation r : relations) if (r instanceof Relations.Native) byRelation.put(r, names);
    }

    private static boolean joinsByName(dev.basalt.sql.ast.TableRef ref) {
        if (ref instanceof Join j) {
            return j.natural() || j.using() != null && !j.using().isEmpty() || joinsByName(j.left()) || joinsByName(j.right());
        }
        return false;
    }

    /** Whether {@code index} holds every column the relation's block needs (then read it alone). */
    @SuppressWarnings("unchecked")
    static boolean covers(Relations.Native rel, IndexDef index) {
        if (index == null || index.primary() || rel.lockRows() || rel.state() == null) return false;
        Map<Relation, Set<String>> byRelation = (Map<Relation, Set<String>>) rel.state().get(KEY);
        Set<String> names = byRelation == null ? null : byRelation.get(rel);
        if (names == null) return false;
        TableDef t = rel.table();
        BitSet needed = new BitSet();
        for (int i = 0; i < t.columns().size(); i++) {
            ColumnDef c = t.columns().get(i);
            if (c.isGenerated()) return false;
            if (names.contains(c.name().toLowerCase(Locale.ROOT))) needed.set(i);
        }
        return rel.store().covers(index, needed);
    }

    /**
     * The columns of the relation's table the block may read (by name, as {@link #covers}), for a scan
     * that builds only those; null when it must build whole rows (no registered names, a locking
     * read, generated columns, or every column named anyway).
     */
    @SuppressWarnings("unchecked")
    static boolean[] neededColumns(Relations.Native rel) {
        if (rel.lockRows() || rel.state() == null) return null;
        Map<Relation, Set<String>> byRelation = (Map<Relation, Set<String>>) rel.state().get(KEY);
        Set<String> names = byRelation == null ? null : byRelation.get(rel);
        if (names == null) return null;
        TableDef t = rel.table();
        boolean[] keep = new boolean[t.columns().size()];
        boolean all = true;
        for (int i = 0; i < keep.length; i++) {
            ColumnDef c = t.columns().get(i);
            if (c.isGenerated()) return null;
            keep[i] = names.contains(c.name().toLowerCase(Locale.ROOT));
            all &= keep[i];
        }
        return all ? null : keep;
    }

    /**
     * A secondary index that covers the block, for reading instead of the whole table (a full
     * index scan, EXPLAIN type "index": smaller entries than rows); null when none does.
     */
    static IndexDef fullScanIndex(Relations.Native rel) {
        for (IndexDef ix : rel.table().secondaryIndexes()) if (covers(rel, ix)) return ix;
        return null;
    }

    /** The access of a full index scan. */
    static AccessPlanner.Access indexScan(IndexDef index, AccessPlanner.Access all) {
        return new AccessPlanner.Access(index, () -> List.of(KeyRange.all()), all.estimate(), "index", 0, 0);
    }

    /** EXPLAIN's Extra with "Using index" added. */
    static String usingIndex(String extra) {
        return extra == null ? "Using index" : extra + "; Using index";
    }
}
