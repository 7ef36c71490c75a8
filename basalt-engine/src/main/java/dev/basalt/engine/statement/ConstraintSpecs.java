package dev.basalt.engine.statement;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.catalog.CatalogSnapshot;
import dev.basalt.engine.catalog.CheckDef;
import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.catalog.ForeignKeyDef;
import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.IndexPart;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.constraint.TableWriter;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import dev.basalt.sql.ast.CheckConstraint;
import dev.basalt.sql.ast.ForeignKeyDefinition;
import dev.basalt.sql.ast.ReferentialAction;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * FOREIGN KEY and CHECK definitions of CREATE / ALTER TABLE: names (MySQL's {@code t_ibfk_n} and
 * {@code t_chk_n}), the implicit index on the referencing columns, and MySQL's errors for bad
 * definitions (1239, 1822, 1824, 1826, 1830, 3734, 3780; 3813, 3818, 3822).
 */
final class ConstraintSpecs {
    private ConstraintSpecs() {}

    /**
     * Adds {@code fks} and {@code checks} to {@code table} (whose columns and indexes are final
     * apart from the implicit foreign key indexes added here) and returns the new definition.
     * {@code existingNames} of this table's own constraints stay valid; names used by other tables
     * of the database are refused.
     */
    static TableDef add(BasaltSession s, CatalogSnapshot snap, TableDef table, List<ForeignKeyDefinition> fks,
                        List<CheckConstraint> checks) {
        Set<String> fkNames = namesInDatabase(snap, table, true);
        Set<String> checkNames = namesInDatabase(snap, table, false);
        List<ForeignKeyDef> allFks = new ArrayList<>(table.foreignKeys());
        List<IndexDef> indexes = new ArrayList<>(table.indexes());
        Set<String> indexNames = new HashSet<>();
        for (IndexDef ix : indexes) indexNames.add(ix.name().toLowerCase(Locale.ROOT));
        for (ForeignKeyDefinition d : fks) {
            String name = d.constraintName() != null ? d.constraintName() : generatedName(table.name() + "_ibfk_", fkNames);
            if (!fkNames.add(name.toLowerCase(Locale.ROOT))) throw ErrorCode.ER_FK_DUP_NAME.error(name);
            int[] cols = new int[d.columns().size()];
            for (int i = 0; i < cols.length; i++) {
                cols[i] = table.columnIndex(d.columns().get(i));
                if (cols[i] < 0) throw ErrorCode.ER_KEY_COLUMN_DOES_NOT_EXIST.error(d.columns().get(i));
            }
            String refDb = d.referencedTable().schema() != null ? d.referencedTable().schema() : table.database();
            String refTable = d.referencedTable().name();
            ForeignKeyDef fk = new ForeignKeyDef(name, columnNames(table, cols), refDb, refTable,
                    d.referencedColumns(), action(d.onDelete()), action(d.onUpdate()));
            TableDef withIndexes = table.withIndexes(indexes);
            TableDef parent = fk.references(table.database(), table.name()) ? withIndexes
                    : snap.table(refDb, refTable).orElse(null);
            validate(s, withIndexes, cols, fk, parent);
            if (table.indexLeadingWith(cols) == null && withIndexes.indexLeadingWith(cols) == null) {
                // InnoDB creates an index on the referencing columns when none can serve
                String ixName = d.indexName() != null ? d.indexName() : d.constraintName() != null ? d.constraintName()
                        : TableSpecs.uniqueName(table.columns().get(cols[0]).name(), indexNames);
                indexNames.add(ixName.toLowerCase(Locale.ROOT));
                List<IndexPart> parts = new ArrayList<>();
                for (int c : cols) parts.add(IndexPart.of(c));
                indexes.add(new IndexDef(0, ixName, false, false, parts));
            }
            allFks.add(fk);
        }
        List<CheckDef> allChecks = new ArrayList<>(table.checks());
        for (CheckConstraint c : checks) {
            String name = c.name() != null ? c.name() : generatedName(table.name() + "_chk_", checkNames);
            if (!checkNames.add(name.toLowerCase(Locale.ROOT))) throw ErrorCode.ER_CHECK_CONSTRAINT_DUP_NAME.error(name);
            String sql = dev.basalt.engine.constraint.ExpressionText.normalize(c.text());
            allChecks.add(new CheckDef(name, sql, c.enforced()));
            validateCheck(table.withIndexes(indexes), name, c);
            // binding now reports what writes would meet later (an unknown function, a subquery: 1235)
            dev.basalt.engine.constraint.CheckEvaluator.bind(table.withIndexes(indexes), sql);
        }
        return table.withIndexes(indexes).withConstraints(table.constraints().withForeignKeys(allFks).withChecks(allChecks));
    }

    /** Rejects a CHECK naming an unknown column (3813) or an AUTO_INCREMENT column (3818). */
    private static void validateCheck(TableDef table, String name, CheckConstraint c) {
        dev.basalt.engine.plan.AstWalker.any(c.condition(), n -> {
            if (n instanceof dev.basalt.sql.ast.ColumnRef ref) {
                int at = table.columnIndex(ref.column());
                if (at < 0) throw ErrorCode.ER_CHECK_CONSTRAINT_REFERS_UNKNOWN_COLUMN.error(name, ref.column());
                if (table.columns().get(at).autoIncrement()) throw ErrorCode.ER_CHECK_CONSTRAINT_REFERS_AUTO_INCREMENT_COLUMN.error(name);
            }
            return false;
        }, n -> false);
    }

    /**
     * MySQL's checks of a foreign key against its parent. Without the parent, the key is accepted
     * only with foreign_key_checks=0 (1824 otherwise).
     */
    private static void validate(BasaltSession s, TableDef child, int[] cols, ForeignKeyDef fk, TableDef parent) {
        boolean checks = s.variables().getBool("foreign_key_checks");
        if (fk.onDelete() == ForeignKeyDef.Action.SET_DEFAULT || fk.onUpdate() == ForeignKeyDef.Action.SET_DEFAULT) {
            throw ErrorCode.ER_CANNOT_ADD_FOREIGN.error(); // InnoDB rejects SET DEFAULT
        }
        for (int c : cols) {
            ColumnDef col = child.columns().get(c);
            if (!col.nullable() && (fk.onDelete() == ForeignKeyDef.Action.SET_NULL || fk.onUpdate() == ForeignKeyDef.Action.SET_NULL)) {
                throw ErrorCode.ER_FK_COLUMN_NOT_NULL.error(col.name(), fk.name());
            }
        }
        if (parent == null) {
            if (checks) throw ErrorCode.ER_FK_CANNOT_OPEN_PARENT.error(fk.refTable());
            return;
        }
        if (fk.refColumns().size() != cols.length) {
            throw ErrorCode.ER_WRONG_FK_DEF.error(fk.name(), "Key reference and table reference don't match");
        }
        int[] pcols = new int[cols.length];
        for (int i = 0; i < cols.length; i++) {
            pcols[i] = parent.columnIndex(fk.refColumns().get(i));
            if (pcols[i] < 0) throw ErrorCode.ER_FK_NO_COLUMN_PARENT.error(fk.refColumns().get(i), fk.name(), parent.name());
            ColumnDef c = child.columns().get(cols[i]), p = parent.columns().get(pcols[i]);
            if (!compatible(c.type(), p.type())) throw ErrorCode.ER_FK_INCOMPATIBLE_COLUMNS.error(c.name(), p.name(), fk.name());
        }
        if (parent.indexLeadingWith(pcols) == null) throw ErrorCode.ER_FK_NO_INDEX_PARENT.error(fk.name(), parent.name());
    }

    /**
     * MySQL's rule: integer and decimal types must match in size and sign, string types in
     * character set and collation (lengths may differ), other types exactly.
     */
    private static boolean compatible(SqlType a, SqlType b) {
        TypeKind x = a.kind(), y = b.kind();
        if (x.isString() && !x.isBinary() && y.isString() && !y.isBinary()) {
            boolean textA = x != TypeKind.CHAR && x != TypeKind.VARCHAR, textB = y != TypeKind.CHAR && y != TypeKind.VARCHAR;
            if (textA || textB) return false; // BLOB/TEXT columns cannot be keys without a prefix
            return java.util.Objects.equals(a.collation(), b.collation());
        }
        if (x.isBinary() && y.isBinary()) {
            return (x == TypeKind.BINARY || x == TypeKind.VARBINARY) && (y == TypeKind.BINARY || y == TypeKind.VARBINARY);
        }
        if (x != y) return false;
        if (x.isInteger()) return a.unsigned() == b.unsigned();
        if (x == TypeKind.DECIMAL) return a.precision() == b.precision() && a.scale() == b.scale() && a.unsigned() == b.unsigned();
        return true;
    }

    private static ForeignKeyDef.Action action(ReferentialAction a) {
        if (a == null) return ForeignKeyDef.Action.NO_ACTION;
        return ForeignKeyDef.Action.valueOf(a.name());
    }

    private static List<String> columnNames(TableDef t, int[] cols) {
        List<String> out = new ArrayList<>();
        for (int c : cols) out.add(t.columns().get(c).name());
        return out;
    }

    /** {@code prefix + n} for the smallest n from 1 not taken. */
    private static String generatedName(String prefix, Set<String> taken) {
        for (int n = 1; ; n++) {
            String name = prefix + n;
            if (!taken.contains(name.toLowerCase(Locale.ROOT))) return name;
        }
    }

    /** Foreign key (or check) names of the database's tables, this table's included. */
    private static Set<String> namesInDatabase(CatalogSnapshot snap, TableDef table, boolean foreignKeys) {
        Set<String> out = new HashSet<>();
        List<TableDef> tables = new ArrayList<>(snap.tables(table.database()));
        tables.removeIf(t -> t.tableId() == table.tableId() && table.tableId() != 0);
        tables.add(table);
        for (TableDef t : tables) {
            if (!t.database().equalsIgnoreCase(table.database())) continue;
            if (t != table && t.name().equalsIgnoreCase(table.name())) continue;
            if (foreignKeys) for (ForeignKeyDef fk : t.foreignKeys()) out.add(fk.name().toLowerCase(Locale.ROOT));
            else for (CheckDef c : t.checks()) out.add(c.name().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /**
     * DROP INDEX: 1553 when a foreign key of the table, or one referencing it, needs the index
     * (no other index starts with the key's columns).
     */
    static void checkIndexDroppable(CatalogSnapshot snap, TableDef table, String indexName) {
        List<IndexDef> rest = new ArrayList<>(table.indexes());
        rest.removeIf(ix -> ix.name().equalsIgnoreCase(indexName));
        if (rest.size() == table.indexes().size()) return; // 1091 comes from the catalog
        TableDef without = table.withIndexes(rest);
        for (ForeignKeyDef fk : table.foreignKeys()) {
            int[] cols = positions(table, fk.columns());
            if (cols != null && table.indexLeadingWith(cols) != null && without.indexLeadingWith(cols) == null) {
                throw ErrorCode.ER_DROP_INDEX_FK.error(indexName);
            }
        }
        for (TableDef child : snap.allTables()) {
            for (ForeignKeyDef fk : child.foreignKeys()) {
                if (!fk.references(table.database(), table.name())) continue;
                int[] cols = positions(table, fk.refColumns());
                if (cols != null && table.indexLeadingWith(cols) != null && without.indexLeadingWith(cols) == null) {
                    throw ErrorCode.ER_DROP_INDEX_FK.error(indexName);
                }
            }
        }
    }

    private static int[] positions(TableDef t, List<String> names) {
        int[] out = new int[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.columnIndex(names.get(i));
            if (out[i] < 0) return null;
        }
        return out;
    }

    /**
     * ALTER TABLE that changes columns: the key columns of the table's foreign keys, and the
     * columns other tables' keys reference, must still have compatible types (3780).
     */
    static void checkColumnTypes(CatalogSnapshot snap, TableDef table) {
        for (ForeignKeyDef fk : table.foreignKeys()) {
            TableDef parent = fk.references(table.database(), table.name()) ? table : snap.table(fk.refDatabase(), fk.refTable()).orElse(null);
            if (parent != null) checkPairs(fk, table, parent);
        }
        for (TableDef child : snap.allTables()) {
            if (child.tableId() == table.tableId()) continue;
            for (ForeignKeyDef fk : child.foreignKeys()) {
                if (fk.references(table.database(), table.name())) checkPairs(fk, child, table);
            }
        }
    }

    private static void checkPairs(ForeignKeyDef fk, TableDef child, TableDef parent) {
        int[] cc = positions(child, fk.columns()), pc = positions(parent, fk.refColumns());
        if (cc == null || pc == null || cc.length != pc.length) return;
        for (int i = 0; i < cc.length; i++) {
            ColumnDef c = child.columns().get(cc[i]), p = parent.columns().get(pc[i]);
            if (!compatible(c.type(), p.type())) throw ErrorCode.ER_FK_INCOMPATIBLE_COLUMNS.error(c.name(), p.name(), fk.name());
        }
    }

    /** DROP TABLE of a parent: 3730 when a table not dropped by the same statement references it. */
    static void checkCanDrop(CatalogSnapshot snap, TableDef table, Set<Integer> dropped) {
        for (TableDef child : snap.allTables()) {
            if (dropped.contains(child.tableId())) continue;
            for (ForeignKeyDef fk : child.foreignKeys()) {
                if (fk.references(table.database(), table.name())) {
                    throw ErrorCode.ER_FK_CANNOT_DROP_PARENT.error(table.name(), fk.name(), child.name());
                }
            }
        }
    }

    /** TRUNCATE of a table another table references: 1701, even when no row references it (as InnoDB). */
    static void checkCanTruncate(CatalogSnapshot snap, TableDef table) {
        for (TableDef child : snap.allTables()) {
            if (child.tableId() == table.tableId()) continue;
            for (ForeignKeyDef fk : child.foreignKeys()) {
                if (fk.references(table.database(), table.name())) {
                    throw ErrorCode.ER_TRUNCATE_ILLEGAL_FK.error(
                            "`" + child.database() + "`.`" + child.name() + "`, " + dev.basalt.engine.constraint.ForeignKeyText.clause(fk, child.database()));
                }
            }
        }
    }

    /** After ALTER TABLE ADD FOREIGN KEY / CHECK: the existing rows must satisfy the new definition. */
    static void verifyRows(BasaltSession s, dev.basalt.engine.txn.Transaction t, TableDef def) {
        TableWriter.open(s, t, def).verifyExistingRows();
    }
}
