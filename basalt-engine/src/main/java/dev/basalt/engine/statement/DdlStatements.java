package dev.basalt.engine.statement;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.catalog.Catalog;
import dev.basalt.engine.catalog.CatalogSnapshot;
import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.catalog.DatabaseDef;
import dev.basalt.engine.catalog.DefaultValue;
import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.IndexPart;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.catalog.TableOptions;
import dev.basalt.engine.catalog.ViewDef;
import dev.basalt.engine.exec.Operator;
import dev.basalt.engine.expr.Coercion;
import dev.basalt.engine.plan.PlanColumn;
import dev.basalt.engine.plan.PlannedQuery;
import dev.basalt.engine.plan.QueryPlanner;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.table.TableStore;
import dev.basalt.engine.txn.Transaction;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import dev.basalt.sql.ast.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Data definition statements. Each runs in a transaction of its own (after the caller's implicit
 * commit), so catalog and data changes commit atomically, as MySQL 8's atomic DDL does.
 */
final class DdlStatements {
    private DdlStatements() {}

    static Result run(BasaltSession s, StatementRunner runner, Statement st) {
        return s.transaction().run(t -> switch (st) {
            case CreateDatabase c -> createDatabase(s, t, c);
            case AlterDatabase a -> {
                DatabaseDef d = catalog(s).snapshot(t).database(a.name()).orElseThrow(() -> new SqlException(ErrorCode.ER_BAD_DB, a.name()));
                catalog(s).alterDatabase(t, d.withCharset(a.charset() != null ? a.charset() : d.charset(),
                        a.collation() != null ? a.collation() : d.collation()));
                yield Results.ok(1);
            }
            case DropDatabase d -> dropDatabase(s, t, d);
            case CreateTable c -> createTable(s, runner, t, c);
            case DropTable d -> dropTables(s, t, d);
            case TruncateTable tr -> {
                TableDef def = runner.table(t, tr.name());
                if (s.variables().getBool("foreign_key_checks")) ConstraintSpecs.checkCanTruncate(catalog(s).snapshot(t), def);
                catalog(s).truncateTable(t, def.database(), def.name());
                yield Results.ok();
            }
            case RenameTable r -> {
                for (RenameTable.Pair p : r.renames()) {
                    TableDef def = runner.table(t, p.from());
                    String db = p.to().schema() != null ? p.to().schema() : s.database();
                    catalog(s).renameTable(t, def.database(), def.name(), db, p.to().name());
                    s.engine().programs().renameTable(t, def.database(), def.name(), db, p.to().name());
                }
                yield Results.ok();
            }
            case CreateIndex ci -> {
                TableDef def = runner.table(t, ci.table());
                Set<String> used = indexNames(def);
                if (ci.index().kind() == IndexKind.SPATIAL) SpatialIndexes.check(s, ci.index(), def.columns());
                IndexDef spec = TableSpecs.index(ci.index(), def.columns(), used);
                catalog(s).createIndex(t, def.database(), def.name(), spec);
                yield Results.ok();
            }
            case DropIndex di -> {
                TableDef def = runner.table(t, di.table());
                ConstraintSpecs.checkIndexDroppable(catalog(s).snapshot(t), def, di.name());
                catalog(s).dropIndex(t, def.database(), def.name(), di.name());
                yield Results.ok();
            }
            case AlterTable a -> AlterTableStatement.run(s, runner, t, a);
            case CreateView v -> createView(s, runner, t, v);
            case DropView d -> {
                for (QualifiedName n : d.names()) {
                    String db = db(s, n);
                    // DROP VIEW of a base table: MySQL says it is not a view (1347), not 1051
                    if (!d.ifExists() && runner.view(new QualifiedName(db, n.name())).isEmpty()
                            && catalog(s).snapshot(t).table(db, n.name()).isPresent()) {
                        throw ErrorCode.ER_WRONG_OBJECT.error(db, n.name(), "VIEW");
                    }
                    if (!catalog(s).dropView(t, db, n.name(), d.ifExists())) {
                        s.warn(dev.basalt.engine.expr.EvalContext.Level.NOTE, ErrorCode.ER_BAD_TABLE.code(),
                                ErrorCode.ER_BAD_TABLE.format(db + "." + n.name()));
                    }
                }
                yield Results.ok();
            }
            default -> throw new IllegalStateException(st.getClass().getSimpleName());
        });
    }

    static Catalog catalog(BasaltSession s) { return s.engine().catalog(); }

    static String db(BasaltSession s, QualifiedName n) {
        String db = n.schema() != null ? n.schema() : s.database();
        if (db == null) throw new SqlException(ErrorCode.ER_NO_DB);
        return db;
    }

    private static Result createDatabase(BasaltSession s, Transaction t, CreateDatabase c) {
        if (BasaltSession.isVirtualSchema(c.name())) throw new SqlException(ErrorCode.ER_DB_CREATE_EXISTS, c.name());
        var claim = s.engine().externals().claim(c.name());
        if (claim != null) return createExternalDatabase(s, t, c, claim);
        String charset = c.charset() == null ? "utf8mb4" : c.charset().toLowerCase(Locale.ROOT);
        String collation = c.collation() != null ? c.collation().toLowerCase(Locale.ROOT)
                : charset.equals("utf8mb4") ? "utf8mb4_0900_ai_ci" : charset + "_general_ci";
        boolean created = catalog(s).createDatabase(t, new DatabaseDef(c.name(), charset, collation), c.ifNotExists());
        if (!created) {
            s.warn(dev.basalt.engine.expr.EvalContext.Level.NOTE, ErrorCode.ER_DB_CREATE_EXISTS.code(),
                    ErrorCode.ER_DB_CREATE_EXISTS.format(c.name()));
            return Results.ok(0);
        }
        return Results.ok(1);
    }

    /**
     * An external database: only the mapping is stored. The remote is asked for its tables first,
     * so a wrong address or password fails here (1429) instead of at the first query.
     */
    private static Result createExternalDatabase(BasaltSession s, Transaction t, CreateDatabase c,
                                                 dev.basalt.engine.external.ExternalProvider.Claim claim) {
        if (BasaltSession.isVirtualSchema(claim.alias())) throw new SqlException(ErrorCode.ER_DB_CREATE_EXISTS, claim.alias());
        DatabaseDef def = new DatabaseDef(claim.alias(), "utf8mb4", "utf8mb4_0900_ai_ci", claim.spec());
        if (catalog(s).snapshot(t).hasDatabase(claim.alias()) && !c.ifNotExists()) {
            throw new SqlException(ErrorCode.ER_DB_CREATE_EXISTS, claim.alias());
        }
        s.engine().externals().open(def).tableNames();
        boolean created = catalog(s).createDatabase(t, def, c.ifNotExists());
        if (!created) {
            s.warn(dev.basalt.engine.expr.EvalContext.Level.NOTE, ErrorCode.ER_DB_CREATE_EXISTS.code(),
                    ErrorCode.ER_DB_CREATE_EXISTS.format(claim.alias()));
            return Results.ok(0);
        }
        return Results.ok(1);
    }

    private static Result dropDatabase(BasaltSession s, Transaction t, DropDatabase d) {
        CatalogSnapshot snap = catalog(s).snapshot(t);
        String definedBy = snap.database(d.name()).map(s.engine().externals()::definedBy).orElse(null);
        if (definedBy != null) throw new SqlException(ErrorCode.ER_OPTION_PREVENTS_STATEMENT, definedBy);
        snap.database(d.name()).ifPresent(s.engine().externals()::checkDrop);
        int tables = snap.hasDatabase(d.name()) ? snap.tables(d.name()).size() : 0;
        if (tables > 0 && s.variables().getBool("foreign_key_checks")) {
            // 3730 when a table of another database references one of these
            Set<Integer> dropping = new HashSet<>();
            for (TableDef td : snap.tables(d.name())) dropping.add(td.tableId());
            for (TableDef td : snap.tables(d.name())) ConstraintSpecs.checkCanDrop(snap, td, dropping);
        }
        boolean dropped = catalog(s).dropDatabase(t, d.name(), d.ifExists());
        if (dropped) s.engine().programs().dropDatabase(t, d.name()); // its routines and triggers too
        if (dropped) s.engine().events().dropDatabase(t, d.name()); // and its events
        if (!dropped) {
            s.warn(dev.basalt.engine.expr.EvalContext.Level.NOTE, ErrorCode.ER_DB_DROP_EXISTS.code(),
                    ErrorCode.ER_DB_DROP_EXISTS.format(d.name()));
            return Results.ok(0);
        }
        if (d.name().equals(s.database())) s.setDatabase(null);
        return Results.ok(tables);
    }

    private static Result dropTables(BasaltSession s, Transaction t, DropTable d) {
        if (d.temporary()) return dropTemporaryTables(s, t, d);
        CatalogSnapshot snap = catalog(s).snapshot(t);
        List<String> missing = new ArrayList<>();
        for (QualifiedName n : d.names()) {
            String db = db(s, n);
            if (snap.table(db, n.name()).isEmpty()) missing.add(db + "." + n.name());
        }
        if (!missing.isEmpty() && !d.ifExists()) {
            throw new SqlException(ErrorCode.ER_BAD_TABLE, String.join(",", missing));
        }
        if (s.variables().getBool("foreign_key_checks")) {
            // 3730 for a table another table's foreign key references, unless that table goes too
            Set<Integer> dropped = new HashSet<>();
            for (QualifiedName n : d.names()) snap.table(db(s, n), n.name()).ifPresent(td -> dropped.add(td.tableId()));
            for (QualifiedName n : d.names()) {
                snap.table(db(s, n), n.name()).ifPresent(td -> ConstraintSpecs.checkCanDrop(snap, td, dropped));
            }
        }
        for (QualifiedName n : d.names()) {
            String db = db(s, n);
            if (snap.table(db, n.name()).isPresent()) {
                catalog(s).dropTable(t, db, n.name(), true);
                s.engine().programs().dropTable(t, db, n.name()); // a table's triggers go with it
            }
        }
        for (String m : missing) {
            s.warn(dev.basalt.engine.expr.EvalContext.Level.NOTE, ErrorCode.ER_BAD_TABLE.code(), ErrorCode.ER_BAD_TABLE.format(m));
        }
        return Results.ok();
    }

    /** DROP TEMPORARY TABLE: the session's temporary tables only; a base table of the name is never touched (1051). */
    private static Result dropTemporaryTables(BasaltSession s, Transaction t, DropTable d) {
        CatalogSnapshot snap = catalog(s).snapshot(t);
        List<String> missing = new ArrayList<>();
        for (QualifiedName n : d.names()) {
            String db = db(s, n);
            if (snap.temporaryTable(db, n.name()).isEmpty()) missing.add(db + "." + n.name());
        }
        if (!missing.isEmpty() && !d.ifExists()) {
            throw new SqlException(ErrorCode.ER_BAD_TABLE, String.join(",", missing));
        }
        for (QualifiedName n : d.names()) catalog(s).dropTemporaryTable(t, db(s, n), n.name(), true);
        for (String m : missing) {
            s.warn(dev.basalt.engine.expr.EvalContext.Level.NOTE, ErrorCode.ER_BAD_TABLE.code(), ErrorCode.ER_BAD_TABLE.format(m));
        }
        return Results.ok();
    }

    private static Set<String> indexNames(TableDef def) {
        Set<String> used = new HashSet<>();
        for (IndexDef i : def.indexes()) used.add(i.name().toLowerCase(Locale.ROOT));
        return used;
    }

    private static Result createTable(BasaltSession s, StatementRunner runner, Transaction t, CreateTable c) {
        String db = db(s, c.name());
        CatalogSnapshot snap = catalog(s).snapshot(t);
        if (!snap.hasDatabase(db)) throw new SqlException(ErrorCode.ER_BAD_DB, db);
        // a temporary table may shadow a base table, and a base table may be made under a temporary one
        if (c.temporary() ? snap.temporaryTable(db, c.name().name()).isPresent() : snap.hasObject(db, c.name().name())) {
            if (c.ifNotExists()) {
                s.warn(dev.basalt.engine.expr.EvalContext.Level.NOTE, ErrorCode.ER_TABLE_EXISTS.code(),
                        ErrorCode.ER_TABLE_EXISTS.format(c.name().name()));
                return Results.ok();
            }
            throw new SqlException(ErrorCode.ER_TABLE_EXISTS, c.name().name());
        }
        if (c.like() != null) {
            TableDef src = runner.table(t, c.like());
            if (c.temporary() && src.options().partitioning() != null) throw ErrorCode.ER_PARTITION_NO_TEMPORARY.error();
            TableDef spec = new TableDef(0, db, c.name().name(), src.columns(), resetIds(src.indexes()), src.options());
            create(s, t, spec, c.temporary());
            return Results.ok();
        }
        TableOptions options = TableSpecs.options(c.options(), null);
        List<ColumnDef> columns = new ArrayList<>();
        List<IndexDef> indexes = new ArrayList<>();
        Set<String> used = new HashSet<>();
        Set<String> pkColumns = new HashSet<>();
        for (TableElement e : c.elements()) {
            if (e instanceof IndexDefinition ix && ix.kind() == IndexKind.PRIMARY) {
                for (KeyPart kp : ix.parts()) if (kp.column() != null) pkColumns.add(kp.column().toLowerCase(Locale.ROOT));
            }
        }
        List<int[]> inlineKeys = new ArrayList<>(); // {column, 0=primary 1=unique}
        for (TableElement e : c.elements()) {
            if (e instanceof ColumnDefinition cd) {
                columns.add(TableSpecs.column(cd, options.collation(), s, pkColumns.contains(cd.name().toLowerCase(Locale.ROOT))));
                if (cd.primaryKey()) inlineKeys.add(new int[]{columns.size() - 1, 0});
                if (cd.unique()) inlineKeys.add(new int[]{columns.size() - 1, 1});
            }
        }
        // CREATE TABLE ... SELECT: the query's columns follow the declared ones; keys may name either
        List<PlanColumn> selectColumns = null;
        PlannedQuery select = null;
        if (c.asQuery() != null) {
            // under REPEATABLE READ the source rows are read with shared locks, as InnoDB does
            select = new QueryPlanner(runner.queryContext(t, DmlStatements.sourceReadsLock(t))).plan(c.asQuery(), null);
            selectColumns = select.columns();
            for (PlanColumn pc : selectColumns) {
                if (TableSpecs.indexOf(columns, pc.name()) >= 0) continue;
                columns.add(selectedColumn(snap, pc));
            }
        }
        for (int[] k : inlineKeys) {
            if (k[1] == 0) {
                indexes.add(new IndexDef(0, IndexDef.PRIMARY, true, true, List.of(IndexPart.of(k[0]))));
            }
        }
        List<ForeignKeyDefinition> fks = new ArrayList<>();
        List<CheckConstraint> checks = new ArrayList<>();
        for (TableElement e : c.elements()) {
            if (e instanceof IndexDefinition ix) {
                if (ix.kind() == IndexKind.SPATIAL) SpatialIndexes.check(s, ix, columns);
                indexes.add(TableSpecs.index(ix, columns, used));
            } else if (e instanceof ForeignKeyDefinition fk) {
                fks.add(fk);
            } else if (e instanceof CheckConstraint ck) {
                checks.add(ck);
            } else if (e instanceof ColumnDefinition cd) {
                checks.addAll(cd.checks());
            }
        }
        for (int[] k : inlineKeys) {
            if (k[1] == 1) {
                String name = TableSpecs.uniqueName(columns.get(k[0]).name(), used);
                used.add(name.toLowerCase(Locale.ROOT));
                indexes.add(new IndexDef(0, name, false, true, List.of(IndexPart.of(k[0]))));
            }
        }
        // PRIMARY KEY columns are NOT NULL
        for (IndexDef ix : indexes) {
            if (!ix.primary()) continue;
            for (IndexPart p : ix.parts()) {
                ColumnDef col = columns.get(p.column());
                if (col.nullable()) columns.set(p.column(), col.withNullable(false));
            }
        }
        TableSpecs.validate(columns, indexes);
        TableDef spec = new TableDef(0, db, c.name().name(), columns, indexes, options);
        // foreign keys and checks last: the implicit index of a foreign key is only added when no key serves it
        if (!fks.isEmpty() || !checks.isEmpty()) spec = ConstraintSpecs.add(s, snap, spec, fks, checks);
        dev.basalt.engine.constraint.GeneratedColumns.validate(spec);
        dev.basalt.engine.constraint.DefaultExpressions.validate(spec);
        if (c.partitioning() != null) {
            if (c.temporary()) throw ErrorCode.ER_PARTITION_NO_TEMPORARY.error();
            var partitioning = dev.basalt.engine.partition.Partitioning.define(s, spec, c.partitioning());
            spec = spec.withOptions(spec.options().withPartitioning(partitioning.text()));
        }
        TableDef created = create(s, t, spec, c.temporary());
        if (select != null) {
            long n = copyRows(s, t, created, select, selectColumns);
            return new Result.Update(n, 0, s.currentWarnings().size(), "Records: " + n + "  Duplicates: 0  Warnings: " + s.currentWarnings().size());
        }
        return Results.ok();
    }

    private static TableDef create(BasaltSession s, Transaction t, TableDef spec, boolean temporary) {
        return temporary ? catalog(s).createTemporaryTable(t, spec) : catalog(s).createTable(t, spec, false);
    }

    /**
     * A column of CREATE TABLE ... SELECT: a plain column of a table keeps its type, nullability and
     * default (as MySQL does); an expression gets its result type.
     */
    private static ColumnDef selectedColumn(CatalogSnapshot snap, PlanColumn pc) {
        var info = pc.info();
        if (!info.orgTable().isEmpty() && !info.orgName().isEmpty()) {
            var src = snap.table(info.schema(), info.orgTable()).flatMap(td -> td.column(info.orgName()));
            if (src.isPresent()) {
                ColumnDef c = src.get();
                return new ColumnDef(pc.name(), c.type(), c.nullable(), c.defaultValue(), false, false, c.comment());
            }
        }
        return new ColumnDef(pc.name(), storableType(pc.type()), pc.nullable(),
                pc.nullable() ? DefaultValue.literal(null) : DefaultValue.NONE, false, false, "");
    }

    private static List<IndexDef> resetIds(List<IndexDef> indexes) {
        List<IndexDef> out = new ArrayList<>();
        for (IndexDef i : indexes) out.add(i.withId(0));
        return out;
    }

    /** A column type for CREATE TABLE ... SELECT from an expression's type. */
    private static SqlType storableType(SqlType t) {
        return switch (t.kind()) {
            case NULL_TYPE -> SqlType.of(TypeKind.BINARY, 0);
            case VARCHAR -> t.length() > 16383 ? SqlType.of(TypeKind.LONGTEXT) : t;
            default -> t;
        };
    }

    private static long copyRows(BasaltSession s, Transaction t, TableDef def, PlannedQuery q, List<PlanColumn> cols) {
        var writer = dev.basalt.engine.constraint.TableWriter.open(s, t, def);
        List<Object[]> rows = dev.basalt.engine.exec.Rows.drain(q.root());
        int[] target = new int[cols.size()];
        for (int i = 0; i < cols.size(); i++) target[i] = TableSpecs.indexOf(def.columns(), cols.get(i).name());
        long n = 0;
        for (Object[] r : rows) {
            Object[] row = new Object[def.columns().size()];
            for (int i = 0; i < def.columns().size(); i++) row[i] = def.columns().get(i).storedDefault();
            for (int i = 0; i < cols.size(); i++) {
                ColumnDef cd = def.columns().get(target[i]);
                row[target[i]] = r[i] == null ? null : Coercion.toColumn(s, r[i], cols.get(i).type(), cd.type(), cd.name(), n + 1);
            }
            writer.insert(row);
            n++;
        }
        return n;
    }

    /** 1352: a view outlives the session, so it may not read a temporary table (as in MySQL). */
    private static void refuseTemporaryTables(BasaltSession s, Transaction t, Query q) {
        CatalogSnapshot snap = catalog(s).snapshot(t);
        String[] found = {null};
        dev.basalt.engine.plan.AstWalker.any(q, n -> {
            if (!(n instanceof BaseTable b)) return false;
            String db = b.name().schema() != null ? b.name().schema() : s.database();
            if (db == null || snap.temporaryTable(db, b.name().name()).isEmpty()) return false;
            found[0] = b.name().name();
            return true;
        });
        if (found[0] != null) {
            throw new SqlException(1352, "HY000", "View's SELECT refers to a temporary table '" + found[0] + "'");
        }
    }

    private static Result createView(BasaltSession s, StatementRunner runner, Transaction t, CreateView v) {
        String db = db(s, v.name());
        String definer = dev.basalt.engine.security.Definer.forCreate(s, v.definer());
        refuseTemporaryTables(s, t, v.query());
        PlannedQuery p = new QueryPlanner(runner.queryContext(t, false)).plan(v.query(), null);
        List<String> names = new ArrayList<>();
        if (v.columns() != null && !v.columns().isEmpty()) {
            if (v.columns().size() != p.columns().size()) throw new SqlException(ErrorCode.ER_VIEW_WRONG_LIST);
            names.addAll(v.columns());
        } else {
            for (PlanColumn c : p.columns()) names.add(c.name());
        }
        Set<String> seen = new HashSet<>();
        for (String n : names) if (!seen.add(n.toLowerCase(Locale.ROOT))) throw new SqlException(ErrorCode.ER_DUP_FIELDNAME, n);
        catalog(s).createView(t, new ViewDef(db, v.name().name(), v.queryText(), names,
                !v.withCheckOption() ? "NONE" : v.localCheckOption() ? "LOCAL" : "CASCADED", definer, v.invokerSecurity()),
                v.orReplace());
        return Results.ok();
    }

}
