package dev.basalt.engine.constraint;

import dev.basalt.engine.catalog.ForeignKeyDef;
import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.TableDef;

import java.util.List;

/**
 * One FOREIGN KEY resolved against the current definitions of both tables: column positions in
 * the child and the parent, and the index of each side whose leading columns are the key's (null
 * when there is none: then the side is scanned, which only happens after foreign_key_checks=0 DDL).
 * {@code parent} is null when the parent table does not exist (created with foreign_key_checks=0).
 */
record ForeignKeyLink(ForeignKeyDef fk, TableDef child, int[] childColumns, IndexDef childIndex,
                      TableDef parent, int[] parentColumns, IndexDef parentIndex) {

    static ForeignKeyLink resolve(ForeignKeyDef fk, TableDef child, TableDef parent) {
        int[] cc = positions(child, fk.columns());
        int[] pc = parent == null ? null : positions(parent, fk.refColumns());
        return new ForeignKeyLink(fk, child, cc, cc == null ? null : leadingIndex(child, cc),
                pc == null ? null : parent, pc, pc == null ? null : leadingIndex(parent, pc));
    }

    /** Column positions by name, or null when one is missing. */
    private static int[] positions(TableDef t, List<String> names) {
        int[] out = new int[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.columnIndex(names.get(i));
            if (out[i] < 0) return null;
        }
        return out;
    }

    static IndexDef leadingIndex(TableDef t, int[] columns) { return t.indexLeadingWith(columns); }
}
