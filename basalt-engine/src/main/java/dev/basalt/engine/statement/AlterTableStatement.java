package dev.basalt.engine.statement;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.catalog.ColumnDef;
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

/**
 * ALTER TABLE: each action is applied to the table definition in turn, then the catalog rewrites
 * rows and rebuilds indexes as needed, all in the DDL's transaction.
 */
final class AlterTableStatement {
    private AlterTableStatement() {}

    static Result run(BasaltSession s, StatementRunner runner, Transaction t, AlterTable a) {
        TableDef def = runner.table(t, a.name());
        var catalog = s.engine().catalog();
        for (AlterAction action : a.actions()) {
            def = runner.table(t, new QualifiedName(def.database(), def.name()));
            switch (action) {
                case AddColumns add -> {
                    int pos = position(def, add.position());
                    for (ColumnDefinition cd : add.columns()) {
                        def = addColumn(s, t, def, cd, pos);
                        if (pos >= 0) pos++;
                    }
                }
                case DropColumn d -> def = catalog.dropColumn(t, def.database(), def.name(), d.name());
                case ChangeColumn ch -> def = changeColumn(s, t, def, ch);
                case RenameColumn rc -> {
                    int at = TableSpecs.indexOf(def.columns(), rc.oldName());
                    if (at < 0) throw new SqlException(ErrorCode.ER_BAD_FIELD, rc.oldName(), def.name());
                    List<ColumnDef> cols = new ArrayList<>(def.columns());
                    cols.set(at, cols.get(at).withName(rc.newName()));
                    TableSpecs.validate(cols, def.indexes());
                    def = catalog.alterTable(t, def.database(), def.name(), def.withColumns(cols), row -> row);
                }
                case RenameTo r -> {
                    String db = r.newName().schema() != null ? r.newName().schema() : def.database();
                    def = catalog.renameTable(t, def.database(), def.name(), db, r.newName().name());
                }
                case AddConstraint ac -> {
                    if (ac.constraint() instanceof IndexDefinition ix) {
                        IndexDef spec = TableSpecs.index(ix, def.columns(), names(def));
                        if (spec.primary()) {
                            if (def.primaryKey().isPresent()) throw new SqlException(ErrorCode.ER_MULTIPLE_PRI_KEY);
                            List<ColumnDef> cols = new ArrayList<>(def.columns());
                            for (IndexPart p : spec.parts()) cols.set(p.column(), cols.get(p.column()).withNullable(false));
                            List<IndexDef> ixs = new ArrayList<>(def.indexes());
                            ixs.add(0, spec);
                            def = catalog.alterTable(t, def.database(), def.name(), def.withColumns(cols).withIndexes(ixs), row -> row);
                        } else {
                            def = catalog.createIndex(t, def.database(), def.name(), spec);
                        }
                    }
                    // FOREIGN KEY and CHECK constraints are accepted and not enforced (see docs/compatibility.md)
                }
                case DropConstraint dc -> {
                    if (dc.kind() == DropConstraint.Kind.PRIMARY_KEY) def = catalog.dropIndex(t, def.database(), def.name(), IndexDef.PRIMARY);
                    else if (dc.kind() == DropConstraint.Kind.INDEX || dc.kind() == DropConstraint.Kind.ANY) {
                        if (def.index(dc.name()).isPresent() || dc.kind() == DropConstraint.Kind.INDEX) {
                            def = catalog.dropIndex(t, def.database(), def.name(), dc.name());
                        }
                    }
                }
                case AlterColumnDefault ad -> {
                    int at = TableSpecs.indexOf(def.columns(), ad.column());
                    if (at < 0) throw new SqlException(ErrorCode.ER_BAD_FIELD, ad.column(), def.name());
                    ColumnDef c = def.columns().get(at);
                    DefaultValue dv;
                    if (ad.defaultValue() == null) {
                        dv = DefaultValue.NONE;
                    } else {
                        ColumnDefinition synthetic = new ColumnDefinition(c.name(), null, c.nullable(), ad.defaultValue(), null,
                                false, false, false, null, false, null, List.of());
                        dv = defaultFor(s, synthetic, c);
                    }
                    def = catalog.alterTable(t, def.database(), def.name(), def.withColumns(withDefault(def.columns(), at, dv)), row -> row);
                }
                case RenameIndex ri -> {
                    List<IndexDef> ixs = new ArrayList<>();
                    boolean found = false;
                    for (IndexDef ix : def.indexes()) {
                        if (ix.name().equalsIgnoreCase(ri.oldName())) {
                            ixs.add(ix.withName(ri.newName()));
                            found = true;
                        } else {
                            ixs.add(ix);
                        }
                    }
                    if (!found) throw new SqlException(ErrorCode.ER_NO_SUCH_INDEX, ri.oldName(), def.name());
                    def = catalog.alterTable(t, def.database(), def.name(), def.withIndexes(ixs), row -> row);
                }
                case SetKeysEnabled k -> { }
                case ChangeTableOptions o -> def = catalog.alterTable(t, def.database(), def.name(),
                        def.withOptions(TableSpecs.options(o.options(), def.options())), row -> row);
                case ConvertCharset cc -> { }
            }
        }
        return Results.ok();
    }

    /**
     * ADD COLUMN: existing rows get the column's default (its implicit default when NOT NULL
     * without one, generated values for AUTO_INCREMENT); inline PRIMARY KEY / UNIQUE add indexes.
     */
    private static TableDef addColumn(BasaltSession s, Transaction t, TableDef def, ColumnDefinition cd, int pos) {
        ColumnDef c = TableSpecs.column(cd, def.options().collation(), s, false);
        int at = pos < 0 ? def.columns().size() : pos;
        List<ColumnDef> cols = new ArrayList<>(def.columns());
        cols.add(at, c);
        List<IndexDef> indexes = new ArrayList<>();
        for (IndexDef ix : def.indexes()) {
            List<IndexPart> parts = new ArrayList<>();
            for (IndexPart p : ix.parts()) parts.add(new IndexPart(p.column() >= at ? p.column() + 1 : p.column(), p.prefixLength(), p.descending()));
            indexes.add(new IndexDef(ix.indexId(), ix.name(), ix.primary(), ix.unique(), parts));
        }
        if (cd.primaryKey()) {
            if (def.primaryKey().isPresent()) throw new SqlException(ErrorCode.ER_MULTIPLE_PRI_KEY);
            cols.set(at, c.withNullable(false));
            indexes.add(0, new IndexDef(0, IndexDef.PRIMARY, true, true, List.of(IndexPart.of(at))));
        } else if (cd.unique()) {
            indexes.add(new IndexDef(0, TableSpecs.uniqueName(c.name(), names(def)), false, true, List.of(IndexPart.of(at))));
        }
        TableSpecs.validate(cols, indexes);
        Object fill = c.storedDefault();
        if (fill == null && !c.nullable() && !c.autoIncrement()) fill = DmlStatements.implicitDefault(c.type());
        if (c.defaultValue() instanceof DefaultValue.CurrentTimestamp ts) fill = DmlStatements.now(s, ts.fsp());
        Object value = fill;
        long[] next = {0};
        boolean auto = c.autoIncrement();
        int width = cols.size();
        return s.engine().catalog().alterTable(t, def.database(), def.name(), def.withColumns(cols).withIndexes(indexes), row -> {
            Object[] out = new Object[width];
            System.arraycopy(row, 0, out, 0, at);
            out[at] = auto ? Long.valueOf(++next[0]) : value;
            System.arraycopy(row, at, out, at + 1, width - at - 1);
            return out;
        });
    }

    private static DefaultValue defaultFor(BasaltSession s, ColumnDefinition cd, ColumnDef c) {
        // reuse CREATE TABLE's default handling through a column of the same type
        if (TableSpecs.isCurrentTimestamp(cd.defaultValue())) return new DefaultValue.CurrentTimestamp(0);
        var e = new dev.basalt.engine.plan.ExprBinder(dev.basalt.engine.plan.Scope.empty(null), null, null, "field list")
                .bind(cd.defaultValue());
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

    private static List<ColumnDef> withDefault(List<ColumnDef> cols, int at, DefaultValue dv) {
        List<ColumnDef> out = new ArrayList<>(cols);
        out.set(at, out.get(at).withDefault(dv));
        return out;
    }

    private static Set<String> names(TableDef def) {
        Set<String> used = new HashSet<>();
        for (IndexDef i : def.indexes()) used.add(i.name().toLowerCase(Locale.ROOT));
        return used;
    }

    /** FIRST -> 0, AFTER x -> after x, none -> -1 (at the end). */
    private static int position(TableDef def, ColumnPosition p) {
        if (p == null) return -1;
        if (p.first()) return 0;
        if (p.after() != null) {
            int at = TableSpecs.indexOf(def.columns(), p.after());
            if (at < 0) throw new SqlException(ErrorCode.ER_BAD_FIELD, p.after(), def.name());
            return at + 1;
        }
        return -1;
    }

    /** MODIFY / CHANGE: a new definition for one column; values are converted like an INSERT would. */
    private static TableDef changeColumn(BasaltSession s, Transaction t, TableDef def, ChangeColumn ch) {
        String oldName = ch.oldName() != null ? ch.oldName() : ch.definition().name();
        int at = TableSpecs.indexOf(def.columns(), oldName);
        if (at < 0) throw new SqlException(ErrorCode.ER_BAD_FIELD, oldName, def.name());
        boolean inPk = def.primaryKey().map(pk -> pk.covers(at)).orElse(false);
        ColumnDef nc = TableSpecs.column(ch.definition(), def.options().collation(), s, inPk);
        ColumnDef oc = def.columns().get(at);
        List<ColumnDef> cols = new ArrayList<>(def.columns());
        cols.set(at, nc);
        int[] order = null;
        int target = position(def, ch.position());
        if (target >= 0) {
            ColumnDef moved = cols.remove(at);
            int dest = target > at ? target - 1 : target;
            cols.add(dest, moved);
            order = new int[cols.size()];
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < def.columns().size(); i++) idx.add(i);
            Integer m = idx.remove(at);
            idx.add(dest, m);
            for (int i = 0; i < order.length; i++) order[i] = idx.get(i);
        }
        List<IndexDef> indexes = new ArrayList<>();
        int[] inv = new int[cols.size()];
        for (int i = 0; i < inv.length; i++) inv[order == null ? i : order[i]] = i;
        for (IndexDef ix : def.indexes()) {
            List<IndexPart> parts = new ArrayList<>();
            for (IndexPart p : ix.parts()) parts.add(new IndexPart(inv[p.column()], p.prefixLength(), p.descending()));
            indexes.add(new IndexDef(ix.indexId(), ix.name(), ix.primary(), ix.unique(), parts));
        }
        if (ch.definition().primaryKey() && def.primaryKey().isEmpty()) {
            indexes.add(0, new IndexDef(0, IndexDef.PRIMARY, true, true, List.of(IndexPart.of(inv[at]))));
        }
        TableSpecs.validate(cols, indexes);
        int[] ord = order;
        return s.engine().catalog().alterTable(t, def.database(), def.name(), def.withColumns(cols).withIndexes(indexes), row -> {
            Object[] out = new Object[cols.size()];
            for (int i = 0; i < out.length; i++) out[i] = row[ord == null ? i : ord[i]];
            int newAt = inv[at];
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
}
