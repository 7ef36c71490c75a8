package dev.basalt.engine.statement;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.catalog.CheckDef;
import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.catalog.ForeignKeyDef;
import dev.basalt.engine.catalog.DefaultValue;
import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.IndexPart;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.expr.Coercion;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.txn.Transaction;
import dev.basalt.sql.ast.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * ALTER TABLE: the actions are folded into one new table definition and one row mapping, which
 * the catalog then applies in a single rewrite (rows converted, indexes rebuilt) inside the DDL's
 * transaction. RENAME TO is applied last.
 */
final class AlterTableStatement {

    private final BasaltSession s;
    private TableDef def;
    private UnaryOperator<Object[]> mapper = UnaryOperator.identity();
    private boolean rowsChange;
    /** FOREIGN KEYs and CHECKs added by this statement: validated once the other actions are applied. */
    private final List<ForeignKeyDefinition> addedForeignKeys = new ArrayList<>();
    private final List<CheckConstraint> addedChecks = new ArrayList<>();

    private AlterTableStatement(BasaltSession s, TableDef def) {
        this.s = s;
        this.def = def;
    }

    static Result run(BasaltSession s, StatementRunner runner, Transaction t, AlterTable a) {
        TableDef original = runner.table(t, a.name());
        AlterTableStatement alter = new AlterTableStatement(s, original);
        QualifiedName renameTo = null;
        List<AlterPartitions> partitionOps = new ArrayList<>();
        for (AlterAction action : a.actions()) {
            if (action instanceof RenameTo r) renameTo = r.newName();
            else if (action instanceof AlterPartitions p) partitionOps.add(p);
            else alter.apply(action);
        }
        // partition operations come last in MySQL's grammar; a partitioned table's keys are checked again (1503)
        if (partitionOps.isEmpty() && !alter.def.equals(original)) alter.def = PartitionAlter.recheck(s, alter.def);
        for (AlterPartitions p : partitionOps) alter.def = PartitionAlter.apply(s, t, original, alter.def, p);
        var catalog = s.engine().catalog();
        boolean constraintsAdded = !alter.addedForeignKeys.isEmpty() || !alter.addedChecks.isEmpty();
        if (constraintsAdded) {
            alter.def = ConstraintSpecs.add(s, catalog.snapshot(t), alter.def, alter.addedForeignKeys, alter.addedChecks);
        }
        TableDef result = original;
        dev.basalt.engine.constraint.GeneratedColumns.validate(alter.def);
        dev.basalt.engine.constraint.DefaultExpressions.validate(alter.def);
        if (!alter.def.columns().equals(original.columns())) ConstraintSpecs.checkColumnTypes(catalog.snapshot(t), alter.def);
        if (!alter.def.equals(original) || alter.rowsChange) {
            TableSpecs.validate(alter.def.columns(), alter.def.indexes());
            result = catalog.alterTable(t, original.database(), original.name(), alter.def, alter.mapper);
            if (!java.util.Objects.equals(result.options().partitioning(), original.options().partitioning())) {
                PartitionAlter.verifyRows(s, t, result);
            }
        }
        if (!alter.def.columns().equals(original.columns()) && alter.def.columns().stream().anyMatch(ColumnDef::isGenerated)) {
            dev.basalt.engine.constraint.TableWriter.open(s, t, result).recomputeGeneratedColumns();
        }
        if (constraintsAdded) ConstraintSpecs.verifyRows(s, t, result); // existing rows must satisfy them (3819, 1452)
        if (renameTo != null) {
            String db = renameTo.schema() != null ? renameTo.schema() : result.database();
            catalog.renameTable(t, result.database(), result.name(), db, renameTo.name());
            s.engine().programs().renameTable(t, result.database(), result.name(), db, renameTo.name());
        }
        return Results.ok();
    }

    private void apply(AlterAction action) {
        switch (action) {
            case AddColumns add -> {
                int pos = position(add.position());
                for (ColumnDefinition cd : add.columns()) {
                    addedChecks.addAll(cd.checks());
                    addColumn(cd, pos);
                    if (pos >= 0) pos++;
                }
            }
            case DropColumn d -> dropColumn(d.name());
            case ChangeColumn ch -> changeColumn(ch);
            case RenameColumn rc -> {
                int at = column(rc.oldName());
                refuseIfExpressionsRead(rc.oldName());
                List<ColumnDef> cols = new ArrayList<>(def.columns());
                cols.set(at, cols.get(at).withName(rc.newName()));
                def = def.withColumns(cols);
                renameInForeignKeys(rc.oldName(), rc.newName());
            }
            case AddConstraint ac -> {
                switch (ac.constraint()) {
                    case IndexDefinition ix -> addIndex(ix);
                    case ForeignKeyDefinition fk -> addedForeignKeys.add(fk);
                    case CheckConstraint ck -> addedChecks.add(ck);
                    default -> throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET, "this ALTER TABLE ADD");
                }
            }
            case DropConstraint dc -> dropIndex(dc);
            case AlterColumnDefault ad -> {
                int at = column(ad.column());
                ColumnDef c = def.columns().get(at);
                DefaultValue dv = ad.defaultValue() == null ? DefaultValue.NONE : defaultFor(ad.defaultValue(), ad.defaultText(), c);
                List<ColumnDef> cols = new ArrayList<>(def.columns());
                cols.set(at, c.withDefault(dv));
                def = def.withColumns(cols);
            }
            case RenameIndex ri -> {
                List<IndexDef> ixs = new ArrayList<>();
                boolean found = false;
                for (IndexDef ix : def.indexes()) {
                    boolean match = ix.name().equalsIgnoreCase(ri.oldName());
                    found |= match;
                    ixs.add(match ? ix.withName(ri.newName()) : ix);
                }
                if (!found) throw new SqlException(ErrorCode.ER_NO_SUCH_INDEX, ri.oldName(), def.name());
                def = def.withIndexes(ixs);
            }
            case SetKeysEnabled k -> { }
            case ChangeTableOptions o -> def = def.withOptions(TableSpecs.options(o.options(), def.options()));
            case ConvertCharset cc -> { }
            case RenameTo r -> throw new IllegalStateException("handled by run()");
            case AlterPartitions p -> throw new IllegalStateException("handled by run()");
        }
    }

    private int column(String name) {
        int at = TableSpecs.indexOf(def.columns(), name);
        if (at < 0) throw new SqlException(ErrorCode.ER_BAD_FIELD, name, def.name());
        return at;
    }

    /** FIRST -> 0, AFTER x -> after x, none -> -1 (at the end). */
    private int position(ColumnPosition p) {
        if (p == null) return -1;
        if (p.first()) return 0;
        if (p.after() != null) return column(p.after()) + 1;
        return -1;
    }

    private Set<String> indexNames() {
        Set<String> used = new HashSet<>();
        for (IndexDef i : def.indexes()) used.add(i.name().toLowerCase(Locale.ROOT));
        return used;
    }

    /** Index parts renumbered by {@code newPosition[old]} (-1 drops the part). */
    private static List<IndexDef> remapIndexes(List<IndexDef> indexes, int[] newPosition) {
        List<IndexDef> out = new ArrayList<>();
        for (IndexDef ix : indexes) {
            List<IndexPart> parts = new ArrayList<>();
            for (IndexPart p : ix.parts()) {
                int n = newPosition[p.column()];
                if (n >= 0) parts.add(new IndexPart(n, p.prefixLength(), p.descending()));
            }
            if (!parts.isEmpty()) out.add(ix.withParts(parts));
        }
        return out;
    }

    /**
     * ADD COLUMN: existing rows get the column's default (its implicit default when NOT NULL
     * without one, generated values for AUTO_INCREMENT); inline PRIMARY KEY / UNIQUE add indexes.
     */
    private void addColumn(ColumnDefinition cd, int pos) {
        ColumnDef c = TableSpecs.column(cd, def.options().collation(), s, false);
        int n = def.columns().size();
        if (TableSpecs.indexOf(def.columns(), c.name()) >= 0) throw new SqlException(ErrorCode.ER_DUP_FIELDNAME, c.name());
        int at = pos < 0 ? n : pos;
        List<ColumnDef> cols = new ArrayList<>(def.columns());
        cols.add(at, c);
        int[] shift = new int[n];
        for (int i = 0; i < n; i++) shift[i] = i >= at ? i + 1 : i;
        List<IndexDef> indexes = remapIndexes(def.indexes(), shift);
        if (cd.primaryKey()) {
            if (def.primaryKey().isPresent()) throw new SqlException(ErrorCode.ER_MULTIPLE_PRI_KEY);
            cols.set(at, c.withNullable(false));
            indexes.add(0, new IndexDef(0, IndexDef.PRIMARY, true, true, List.of(IndexPart.of(at))));
        } else if (cd.unique()) {
            indexes.add(new IndexDef(0, TableSpecs.uniqueName(c.name(), indexNames()), false, true, List.of(IndexPart.of(at))));
        }
        Object fill = c.storedDefault();
        if (fill == null && !c.nullable() && !c.autoIncrement()) fill = DmlStatements.implicitDefault(c.type());
        if (c.defaultValue() instanceof DefaultValue.CurrentTimestamp ts) fill = DmlStatements.now(s, ts.fsp());
        Object value = fill;
        long[] next = {0};
        boolean auto = c.autoIncrement();
        def = def.withColumns(cols).withIndexes(indexes);
        TableDef added = def;
        var perRow = c.defaultValue() instanceof DefaultValue.Expression ? new dev.basalt.engine.constraint.DefaultExpressions.Statement(added) : null;
        rowsChange = true;
        mapper = andThen(mapper, row -> {
            Object[] out = new Object[row.length + 1];
            System.arraycopy(row, 0, out, 0, at);
            out[at] = auto ? Long.valueOf(++next[0]) : value;
            System.arraycopy(row, at, out, at + 1, row.length - at);
            // DEFAULT (expr): evaluated per existing row, as MySQL does (each row its own UUID())
            if (perRow != null) out[at] = perRow.evaluate(s, at, out);
            return out;
        });
    }

    private void dropColumn(String name) {
        int at = TableSpecs.indexOf(def.columns(), name);
        if (at < 0) throw new SqlException(ErrorCode.ER_CANT_DROP_FIELD_OR_KEY, name);
        int n = def.columns().size();
        if (n == 1) throw new SqlException(ErrorCode.ER_CANT_REMOVE_ALL_FIELDS);
        for (ForeignKeyDef fk : def.foreignKeys()) {
            for (String c : fk.columns()) if (c.equalsIgnoreCase(name)) throw ErrorCode.ER_FK_COLUMN_CANNOT_DROP.error(name, fk.name());
        }
        refuseIfExpressionsRead(name);
        // a parent column other tables' foreign keys reference (with foreign_key_checks=1): 1829
        if (s.variables().getBool("foreign_key_checks")) {
            for (TableDef child : s.engine().catalog().snapshot().allTables()) {
                if (child.tableId() == def.tableId()) continue;
                for (ForeignKeyDef fk : child.foreignKeys()) {
                    if (!fk.references(def.database(), def.name())) continue;
                    for (String c : fk.refColumns()) {
                        if (c.equalsIgnoreCase(name)) throw ErrorCode.ER_FK_COLUMN_CANNOT_DROP_CHILD.error(name, fk.name(), child.name());
                    }
                }
            }
        }
        List<ColumnDef> cols = new ArrayList<>(def.columns());
        cols.remove(at);
        int[] shift = new int[n];
        for (int i = 0; i < n; i++) shift[i] = i == at ? -1 : i > at ? i - 1 : i;
        def = def.withColumns(cols).withIndexes(remapIndexes(def.indexes(), shift));
        rowsChange = true;
        mapper = andThen(mapper, row -> {
            Object[] out = new Object[row.length - 1];
            System.arraycopy(row, 0, out, 0, at);
            System.arraycopy(row, at + 1, out, at, row.length - at - 1);
            return out;
        });
    }

    /** MODIFY / CHANGE: a new definition for one column; values are converted like an INSERT would. */
    private void changeColumn(ChangeColumn ch) {
        String oldName = ch.oldName() != null ? ch.oldName() : ch.definition().name();
        int at = column(oldName);
        if (!oldName.equalsIgnoreCase(ch.definition().name())) {
            refuseIfExpressionsRead(oldName);
            renameInForeignKeys(oldName, ch.definition().name());
        }
        boolean inPk = def.primaryKey().map(pk -> pk.covers(at)).orElse(false);
        ColumnDef nc = TableSpecs.column(ch.definition(), def.options().collation(), s, inPk);
        ColumnDef oc = def.columns().get(at);
        int n = def.columns().size();
        List<ColumnDef> cols = new ArrayList<>(def.columns());
        cols.set(at, nc);
        // order[new position] = old position
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        int target = position(ch.position());
        if (target >= 0) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < n; i++) idx.add(i);
            ColumnDef moved = cols.remove(at);
            Integer m = idx.remove(at);
            int dest = target > at ? target - 1 : target;
            cols.add(dest, moved);
            idx.add(dest, m);
            for (int i = 0; i < n; i++) order[i] = idx.get(i);
        }
        int[] newPosition = new int[n];
        for (int i = 0; i < n; i++) newPosition[order[i]] = i;
        List<IndexDef> indexes = remapIndexes(def.indexes(), newPosition);
        if (ch.definition().primaryKey() && def.primaryKey().isEmpty()) {
            indexes.add(0, new IndexDef(0, IndexDef.PRIMARY, true, true, List.of(IndexPart.of(newPosition[at]))));
        }
        def = def.withColumns(cols).withIndexes(indexes);
        rowsChange = true;
        int newAt = newPosition[at];
        mapper = andThen(mapper, row -> {
            Object[] out = new Object[n];
            for (int i = 0; i < n; i++) out[i] = row[order[i]];
            Object v = out[newAt];
            if (v == null) {
                if (!nc.nullable() && !nc.autoIncrement()) {
                    if (s.strictMode()) throw new SqlException(ErrorCode.ER_INVALID_USE_OF_NULL);
                    out[newAt] = DmlStatements.implicitDefault(nc.type());
                }
            } else {
                out[newAt] = Coercion.toColumn(s, v, oc.type(), nc.type(), nc.name(), 1);
            }
            return out;
        });
    }

    private void addIndex(IndexDefinition ix) {
        if (ix.kind() == dev.basalt.sql.ast.IndexKind.SPATIAL) SpatialIndexes.check(s, ix, def.columns());
        IndexDef spec = TableSpecs.index(ix, def.columns(), indexNames());
        List<IndexDef> ixs = new ArrayList<>(def.indexes());
        if (spec.primary()) {
            if (def.primaryKey().isPresent()) throw new SqlException(ErrorCode.ER_MULTIPLE_PRI_KEY);
            List<ColumnDef> cols = new ArrayList<>(def.columns());
            for (IndexPart p : spec.parts()) cols.set(p.column(), cols.get(p.column()).withNullable(false));
            def = def.withColumns(cols);
            ixs.add(0, spec);
        } else {
            ixs.add(spec);
        }
        def = def.withIndexes(ixs);
    }

    /** A column a CHECK (3959) or another generated column (3108) reads cannot be dropped or renamed. */
    private void refuseIfExpressionsRead(String column) {
        for (CheckDef c : def.checks()) {
            if (dev.basalt.engine.constraint.ExpressionText.readsColumn(c.sql(), column)) {
                throw ErrorCode.ER_DEPENDENT_BY_CHECK_CONSTRAINT.error(c.name(), column);
            }
        }
        for (ColumnDef c : def.columns()) {
            if (c.isGenerated() && !c.name().equalsIgnoreCase(column)
                    && dev.basalt.engine.constraint.ExpressionText.readsColumn(c.generated().sql(), column)) {
                throw ErrorCode.ER_DEPENDENT_BY_GENERATED_COLUMN.error(column);
            }
        }
    }

    /** The table's own foreign keys follow a renamed column, as in MySQL. */
    private void renameInForeignKeys(String oldName, String newName) {
        List<ForeignKeyDef> fks = new ArrayList<>();
        for (ForeignKeyDef fk : def.foreignKeys()) {
            List<String> cols = new ArrayList<>(fk.columns());
            cols.replaceAll(c -> c.equalsIgnoreCase(oldName) ? newName : c);
            List<String> refs = new ArrayList<>(fk.refColumns());
            if (fk.references(def.database(), def.name())) refs.replaceAll(c -> c.equalsIgnoreCase(oldName) ? newName : c);
            fks.add(new ForeignKeyDef(fk.name(), cols, fk.refDatabase(), fk.refTable(), refs, fk.onDelete(), fk.onUpdate()));
        }
        def = def.withConstraints(def.constraints().withForeignKeys(fks));
    }

    /**
     * DROP FOREIGN KEY (1091 when missing; its index stays, as in MySQL), DROP CHECK (3821),
     * DROP CONSTRAINT (a foreign key, a check or a unique key; 3940).
     */
    private boolean dropConstraint(DropConstraint dc) {
        boolean fk = dc.kind() == DropConstraint.Kind.FOREIGN_KEY, check = dc.kind() == DropConstraint.Kind.CHECK;
        if (!fk && !check && dc.kind() != DropConstraint.Kind.ANY) return false;
        if (!check) {
            List<ForeignKeyDef> fks = new ArrayList<>(def.foreignKeys());
            if (fks.removeIf(f -> f.name().equalsIgnoreCase(dc.name()))) {
                def = def.withConstraints(def.constraints().withForeignKeys(fks));
                return true;
            }
            if (fk) throw new SqlException(ErrorCode.ER_CANT_DROP_FIELD_OR_KEY, dc.name());
        }
        if (!fk) {
            List<CheckDef> checks = new ArrayList<>(def.checks());
            if (checks.removeIf(c -> c.name().equalsIgnoreCase(dc.name()))) {
                def = def.withConstraints(def.constraints().withChecks(checks));
                return true;
            }
            if (check) throw ErrorCode.ER_CHECK_CONSTRAINT_NOT_FOUND.error(dc.name());
        }
        for (IndexDef ix : def.indexes()) if (ix.unique() && ix.name().equalsIgnoreCase(dc.name())) return false;
        throw ErrorCode.ER_CONSTRAINT_NOT_FOUND.error(dc.name());
    }

    private void dropIndex(DropConstraint dc) {
        String name = dc.kind() == DropConstraint.Kind.PRIMARY_KEY ? IndexDef.PRIMARY : dc.name();
        if (dropConstraint(dc)) return;
        List<IndexDef> ixs = new ArrayList<>();
        boolean found = false;
        for (IndexDef ix : def.indexes()) {
            if (ix.name().equalsIgnoreCase(name)) found = true;
            else ixs.add(ix);
        }
        if (!found) {
            if (dc.kind() == DropConstraint.Kind.ANY) return;
            throw new SqlException(ErrorCode.ER_CANT_DROP_FIELD_OR_KEY, name);
        }
        ConstraintSpecs.checkIndexDroppable(s.engine().catalog().snapshot(), def, name);
        def = def.withIndexes(ixs);
    }

    private DefaultValue defaultFor(Expression value, String text, ColumnDef c) {
        if (text != null) return TableSpecs.expressionDefault(text); // never folded, as in CREATE TABLE
        if (TableSpecs.isCurrentTimestamp(value)) return new DefaultValue.CurrentTimestamp(0);
        var e = new dev.basalt.engine.plan.ExprBinder(dev.basalt.engine.plan.Scope.empty(null), null, null, "field list").bind(value);
        Object v = e.eval(s, null);
        if (v == null) {
            if (!c.nullable()) throw new SqlException(ErrorCode.ER_INVALID_DEFAULT, c.name());
            return DefaultValue.literal(null);
        }
        try {
            return DefaultValue.literal(Coercion.toColumn(s, v, e.type(), c.type(), c.name(), 1));
        } catch (SqlException ex) {
            throw new SqlException(ErrorCode.ER_INVALID_DEFAULT, c.name());
        }
    }

    private static UnaryOperator<Object[]> andThen(UnaryOperator<Object[]> first, UnaryOperator<Object[]> then) {
        return row -> then.apply(first.apply(row));
    }
}
