package dev.basalt.engine.statement;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.catalog.ViewDef;
import dev.basalt.engine.plan.AstRewriter;
import dev.basalt.engine.plan.AstWalker;
import dev.basalt.engine.security.Privilege;
import dev.basalt.engine.security.ViewWriteRights;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.sql.ast.*;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * INSERT / UPDATE / DELETE through a view, done as MySQL's MERGE algorithm does: the statement is
 * rewritten against the view's base table (view columns replaced by their defining expressions, the
 * view's WHERE added), so the write takes the ordinary base-table path (TableWriter, triggers,
 * constraints). Views of views merge recursively. The rewritten statement carries the view's CHECK
 * OPTION condition, which the DML path tests on every new row (1369).
 */
final class ViewWrites {
    private ViewWrites() {}

    /**
     * A statement rewritten against a base table, and the condition new rows must meet (or null).
     * @param qualifier the name the check condition calls the base table by
     */
    record Rewritten<T>(T statement, Expression check, String viewDb, String viewName, String qualifier) {}

    /**
     * A view merged down to one base table.
     * @param columns view column name (lower case) -> expression over the base table
     * @param names the view's column names in order
     * @param where the conditions of the view and the views under it, or null
     * @param check the condition CHECK OPTION enforces, or null
     * @param problem why the view is not updatable, or null
     */
    private record Merged(QualifiedName base, String alias, Map<String, Expression> columns, List<String> names,
            Expression where, Expression check, String problem, boolean join, TableRef from, Map<String, TableDef> joinTables) {
        Merged(QualifiedName base, String alias, Map<String, Expression> columns, List<String> names,
                Expression where, Expression check, String problem, boolean join) {
            this(base, alias, columns, names, where, check, problem, join, null, Map.of());
        }
    }

    // ---- statements ----------------------------------------------------------------------------

    static Rewritten<Update> update(BasaltSession s, StatementRunner runner, Update u) {
        if (!(u.table() instanceof BaseTable bt)) return null;
        ViewDef view = view(s, runner, bt.name()).orElse(null);
        if (view == null) return null;
        Merged m = merge(s, runner, view, 0);
        if (m.problem() != null) throw ErrorCode.ER_NON_UPDATABLE_TABLE.error(view.name(), "UPDATE");
        String qualifier = bt.alias() != null ? bt.alias() : view.name();
        List<Privilege> needed = reads(m, u.where(), u.orderBy(), u.assignments()) ? List.of(Privilege.UPDATE, Privilege.SELECT)
                : List.of(Privilege.UPDATE);
        if (m.join()) {
            Rewritten<Update> out = updateJoin(u, view, m, qualifier);
            checkJoinUpdateRights(s, view, m, out.statement());
            return out;
        }
        List<Assignment> assignments = new ArrayList<>();
        for (Assignment a : u.assignments()) {
            Expression target = column(m, qualifier, a.column(), "field list");
            if (!(target instanceof ColumnRef base)) throw ErrorCode.ER_NONUPDATEABLE_COLUMN.error(a.column().column());
            assignments.add(new Assignment(new ColumnRef(null, null, base.column()),
                    a.value() == null ? null : substitute(m, qualifier, a.value(), "field list")));
        }
        Expression where = and(substitute(m, qualifier, u.where(), "where clause"), m.where());
        Update out = new Update(u.lowPriority(), u.ignore(), new BaseTable(m.base(), m.alias()), assignments, where,
                orderBy(m, qualifier, u.orderBy()), u.limit());
        // below the view, column by column: UPDATE on the columns set, SELECT on the columns read
        Map<Privilege, Set<String>> columns = new EnumMap<>(Privilege.class);
        Set<String> set = names();
        List<Expression> values = new ArrayList<>();
        for (Assignment a : assignments) { set.add(a.column().column()); values.add(a.value()); }
        columns.put(Privilege.UPDATE, set);
        columns.put(Privilege.SELECT, columnsOf(where, out.orderBy(), values));
        checkRights(s, runner, view, m.base(), needed, columns);
        return new Rewritten<>(out, m.check(), view.database(), view.name(), qualifier(m));
    }

    /** UPDATE of a join view: a multi-table UPDATE of the join that may change one of its tables (1393). */
    private static Rewritten<Update> updateJoin(Update u, ViewDef view, Merged m, String qualifier) {
        if (m.check() != null) throw ErrorCode.ER_NOT_SUPPORTED_YET.error("UPDATE through a join view WITH CHECK OPTION");
        List<Assignment> assignments = new ArrayList<>();
        String changed = null;
        for (Assignment a : u.assignments()) {
            Expression target = column(m, qualifier, a.column(), "field list");
            if (!(target instanceof ColumnRef base)) throw ErrorCode.ER_NONUPDATEABLE_COLUMN.error(a.column().column());
            String owner = owner(m, base);
            if (changed != null && !changed.equals(owner)) throw ErrorCode.ER_VIEW_MULTIUPDATE.error(view.database(), view.name());
            changed = owner;
            assignments.add(new Assignment(new ColumnRef(null, owner, base.column()),
                    a.value() == null ? null : substitute(m, qualifier, a.value(), "field list")));
        }
        Expression where = and(substitute(m, qualifier, u.where(), "where clause"), m.where());
        Update out = new Update(u.lowPriority(), u.ignore(), m.from(), assignments, where,
                orderBy(m, qualifier, u.orderBy()), u.limit());
        return new Rewritten<>(out, null, view.database(), view.name(), null);
    }

    static Rewritten<Delete> delete(BasaltSession s, StatementRunner runner, Delete d) {
        if (!(d.from() instanceof BaseTable bt) || (d.targets() != null && !d.targets().isEmpty())) return null;
        ViewDef view = view(s, runner, bt.name()).orElse(null);
        if (view == null) return null;
        Merged m = merge(s, runner, view, 0);
        if (m.join()) throw ErrorCode.ER_VIEW_DELETE_MERGE_VIEW.error(view.database(), view.name());
        if (m.problem() != null) throw ErrorCode.ER_NON_UPDATABLE_TABLE.error(view.name(), "DELETE");
        String qualifier = bt.alias() != null ? bt.alias() : view.name();
        Expression where = and(substitute(m, qualifier, d.where(), "where clause"), m.where());
        Delete out = new Delete(d.lowPriority(), d.quick(), d.ignore(), d.targets(), new BaseTable(m.base(), m.alias()),
                where, orderBy(m, qualifier, d.orderBy()), d.limit());
        checkRights(s, runner, view, m.base(), reads(m, d.where(), d.orderBy(), List.of())
                ? List.of(Privilege.DELETE, Privilege.SELECT) : List.of(Privilege.DELETE),
                Map.of(Privilege.SELECT, columnsOf(where, out.orderBy())));
        return new Rewritten<>(out, null, view.database(), view.name(), qualifier(m));
    }

    static Rewritten<Insert> insert(BasaltSession s, StatementRunner runner, Insert ins) {
        ViewDef view = view(s, runner, ins.table()).orElse(null);
        if (view == null) return null;
        Merged m = merge(s, runner, view, 0);
        String what = ins.replace() ? "REPLACE" : "INSERT";
        List<Privilege> needed = new ArrayList<>(List.of(Privilege.INSERT));
        if (ins.replace()) needed.add(Privilege.DELETE);
        if (!ins.onDuplicateKeyUpdate().isEmpty()) needed.add(Privilege.UPDATE);
        // MySQL refuses REPLACE through a join view before looking at its column list: a REPLACE
        // may delete, and a join view cannot be deleted from (1395)
        if (m.join() && ins.replace()) throw ErrorCode.ER_VIEW_DELETE_MERGE_VIEW.error(view.database(), view.name());
        if (m.join() && m.problem() == null) {
            Rewritten<Insert> out = insertJoin(ins, view, m, what);
            Insert i = out.statement();
            Map<Privilege, Set<String>> into = new EnumMap<>(Privilege.class);
            Set<String> inserted = names(), updated = names();
            inserted.addAll(i.columns());
            for (Assignment a : i.onDuplicateKeyUpdate()) updated.add(a.column().column());
            into.put(Privilege.INSERT, inserted);
            if (!updated.isEmpty()) into.put(Privilege.UPDATE, updated);
            ViewWriteRights.checkJoin(s, view, Map.of(target(i.table()), into));
            return out;
        }
        if (m.join() && ins.columns().isEmpty()) throw ErrorCode.ER_VIEW_NO_INSERT_FIELD_LIST.error(view.database(), view.name());
        if (m.problem() != null) throw ErrorCode.ER_NON_INSERTABLE_TABLE.error(view.name(), what);
        // MySQL: a view is insertable only when every column is a plain column of the base table
        for (Expression e : m.columns().values()) {
            if (!(e instanceof ColumnRef)) throw ErrorCode.ER_NON_INSERTABLE_TABLE.error(view.name(), what);
        }
        String qualifier = view.name();
        List<String> columns = new ArrayList<>();
        for (String c : ins.columns().isEmpty() ? m.names() : ins.columns()) {
            columns.add(((ColumnRef) column(m, qualifier, ColumnRef.of(c), "field list")).column());
        }
        InsertSource source = ins.source();
        if (source instanceof InsertSet set) {
            List<Assignment> as = new ArrayList<>();
            for (Assignment a : set.assignments()) {
                ColumnRef base = (ColumnRef) column(m, qualifier, a.column(), "field list");
                as.add(new Assignment(new ColumnRef(null, null, base.column()), insertValue(m, qualifier, a.value())));
            }
            source = new InsertSet(as);
            columns = List.of();
        }
        List<Assignment> odku = new ArrayList<>();
        for (Assignment a : ins.onDuplicateKeyUpdate()) {
            ColumnRef base = (ColumnRef) column(m, qualifier, a.column(), "field list");
            // VALUES(col) and col both name view columns; the INSERT names the base table without alias
            odku.add(new Assignment(new ColumnRef(null, null, base.column()), odkuValue(m, qualifier, ins, a.value(), e -> e)));
        }
        Insert out = new Insert(ins.replace(), ins.priority(), ins.ignore(), m.base(), columns, source, ins.rowAlias(),
                ins.rowColumnAliases(), odku);
        // below the view, column by column: INSERT on the columns given, UPDATE on those the
        // duplicate-key update sets
        Set<String> inserted = names(), updated = names();
        inserted.addAll(columns);
        if (source instanceof InsertSet set) for (Assignment a : set.assignments()) inserted.add(a.column().column());
        for (Assignment a : odku) updated.add(a.column().column());
        checkRights(s, runner, view, m.base(), needed, Map.of(Privilege.INSERT, inserted, Privilege.UPDATE, updated));
        return new Rewritten<>(out, m.check(), view.database(), view.name(), qualifier(m));
    }

    /** INSERT into a join view: with a column list naming columns of one of its tables only (1394, 1393). */
    private static Rewritten<Insert> insertJoin(Insert ins, ViewDef view, Merged m, String what) {
        if (ins.columns().isEmpty() || !(ins.source() instanceof InsertValues || ins.source() instanceof InsertSelect)) {
            throw ErrorCode.ER_VIEW_NO_INSERT_FIELD_LIST.error(view.database(), view.name());
        }
        if (m.check() != null) throw ErrorCode.ER_NOT_SUPPORTED_YET.error("INSERT through a join view WITH CHECK OPTION");
        String table = null;
        List<String> columns = new ArrayList<>();
        for (String c : ins.columns()) {
            Expression target = column(m, view.name(), ColumnRef.of(c), "field list");
            if (!(target instanceof ColumnRef base)) throw ErrorCode.ER_NON_INSERTABLE_TABLE.error(view.name(), what);
            String owner = owner(m, base);
            if (table != null && !table.equals(owner)) throw ErrorCode.ER_VIEW_MULTIUPDATE.error(view.database(), view.name());
            table = owner;
            columns.add(base.column());
        }
        TableDef def = m.joinTables().get(table);
        // ON DUPLICATE KEY UPDATE: as MySQL, its columns and the columns its values read must all be of
        // the table inserted into (1393); an expression column is not updatable (1348)
        String into = table;
        UnaryOperator<Expression> owned = e -> {
            if (!(e instanceof ColumnRef base)) throw ErrorCode.ER_VIEW_MULTIUPDATE.error(view.database(), view.name());
            if (!owner(m, base).equals(into)) throw ErrorCode.ER_VIEW_MULTIUPDATE.error(view.database(), view.name());
            return base;
        };
        List<Assignment> odku = new ArrayList<>();
        for (Assignment a : ins.onDuplicateKeyUpdate()) {
            Expression target = column(m, view.name(), a.column(), "field list");
            if (!(target instanceof ColumnRef)) throw ErrorCode.ER_NONUPDATEABLE_COLUMN.error(a.column().column());
            odku.add(new Assignment(new ColumnRef(null, null, ((ColumnRef) owned.apply(target)).column()),
                    odkuValue(m, view.name(), ins, a.value(), owned)));
        }
        Insert out = new Insert(false, ins.priority(), ins.ignore(), new QualifiedName(def.database(), def.name()), columns,
                ins.source(), ins.rowAlias(), ins.rowColumnAliases(), odku);
        return new Rewritten<>(out, null, view.database(), view.name(), def.name());
    }

    // ---- privileges ----------------------------------------------------------------------------

    /**
     * Whether an UPDATE / DELETE through the view reads columns (its WHERE, the view's own WHERE,
     * ORDER BY, a SET value over columns): then, as in MySQL, SELECT is needed below the view too,
     * so a definer with only UPDATE cannot be used to probe values it may not read.
     */
    private static boolean reads(Merged m, Expression where, List<OrderItem> orderBy, List<Assignment> assignments) {
        if (where != null || m.where() != null || orderBy != null && !orderBy.isEmpty()) return true;
        for (Assignment a : assignments) {
            if (a.value() != null && AstWalker.any(a.value(), n -> n instanceof ColumnRef)) return true;
        }
        return false;
    }

    /**
     * The rights below {@code view}: each view of the chain down to {@code base} needs {@code needed}
     * on what it is defined over, as its definer or invoker (1356 otherwise; 1449 / 1045 for a
     * definer account that is gone).
     */
    private static void checkRights(BasaltSession s, StatementRunner runner, ViewDef view, QualifiedName base, List<Privilege> needed) {
        checkRights(s, runner, view, base, needed, Map.of());
    }

    /** A case-insensitive set of column names. */
    private static Set<String> names() {
        return new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    }

    /** The columns the expressions read, not counting those of their subqueries' own tables. */
    private static Set<String> columnsOf(Object... nodes) {
        Set<String> out = names();
        for (Object n : nodes) {
            AstWalker.any(n, x -> {
                if (x instanceof ColumnRef c) out.add(c.column());
                return false;
            }, x -> x instanceof Select);
        }
        return out;
    }

    private static void checkRights(BasaltSession s, StatementRunner runner, ViewDef view, QualifiedName base, List<Privilege> needed,
            Map<Privilege, Set<String>> baseColumns) {
        List<ViewDef> views = new ArrayList<>();
        List<ViewWriteRights.Target> below = new ArrayList<>();
        ViewDef v = view;
        while (v != null && views.size() <= 64) {
            views.add(v);
            QualifiedName under = singleTable(v);
            ViewDef inner = under == null ? null : runner.view(under).orElse(null);
            QualifiedName target = inner != null ? under : base;
            below.add(new ViewWriteRights.Target(target.schema() != null ? target.schema() : v.database(), target.name()));
            v = inner;
        }
        // a view in between: the privilege on each of its columns exposing a base column needed
        List<Map<Privilege, Set<String>>> levels = new ArrayList<>();
        for (int i = 0; i < views.size(); i++) {
            if (i == views.size() - 1) {
                levels.add(baseColumns);
                continue;
            }
            ViewDef inner = runner.view(new QualifiedName(below.get(i).database(), below.get(i).name())).orElse(null);
            Merged im = inner == null || baseColumns.isEmpty() ? null : merge(s, runner, inner, 0);
            levels.add(im == null || im.problem() != null || im.join() ? Map.of() : exposing(im, baseColumns));
        }
        ViewWriteRights.checkLevels(s, views, below, needed, levels);
    }

    /** For each privilege, the view's columns that are the base columns needed (by name). */
    private static Map<Privilege, Set<String>> exposing(Merged m, Map<Privilege, Set<String>> baseColumns) {
        Map<Privilege, Set<String>> out = new EnumMap<>(Privilege.class);
        baseColumns.forEach((p, base) -> {
            Set<String> cols = names();
            for (String n : m.names()) {
                if (m.columns().get(lower(n)) instanceof ColumnRef c && base.contains(c.column())) cols.add(n);
            }
            out.put(p, cols);
        });
        return out;
    }

    /** The table or view a view's query reads when it reads exactly one, qualified; else null. */
    private static QualifiedName singleTable(ViewDef v) {
        if (!(StatementRunner.parseQuery(v.selectSql()) instanceof Select sel) || !(sel.from() instanceof BaseTable bt)) return null;
        return bt.name().schema() != null ? bt.name() : new QualifiedName(v.database(), bt.name().name());
    }

    /**
     * The rights an UPDATE of a join view needs below it, column by column as MySQL's multi-table
     * UPDATE: UPDATE on the columns it sets of the table it changes, SELECT on every column it
     * reads (its WHERE and ORDER BY, the values it sets, the view's WHERE and join conditions),
     * and SELECT on each other table of the join.
     */
    private static void checkJoinUpdateRights(BasaltSession s, ViewDef view, Merged m, Update u) {
        Map<String, Map<Privilege, Set<String>>> byOwner = new LinkedHashMap<>();
        for (String q : m.joinTables().keySet()) {
            Map<Privilege, Set<String>> p = new EnumMap<>(Privilege.class);
            p.put(Privilege.SELECT, names());
            byOwner.put(q, p);
        }
        for (Assignment a : u.assignments()) {
            String owner = lower(a.column().table());
            byOwner.get(owner).remove(Privilege.SELECT);
            byOwner.get(owner).computeIfAbsent(Privilege.UPDATE, k -> names()).add(a.column().column());
        }
        List<Object> read = new ArrayList<>();
        read.add(m.from());
        if (u.where() != null) read.add(u.where());
        if (u.orderBy() != null) for (OrderItem o : u.orderBy()) read.add(o.expression());
        for (Assignment a : u.assignments()) if (a.value() != null) read.add(a.value());
        for (Object n : read) {
            AstWalker.any(n, x -> {
                if (x instanceof ColumnRef c && c.schema() == null) {
                    String owner = knownOwner(m, c);
                    if (owner != null) byOwner.get(owner).computeIfAbsent(Privilege.SELECT, k -> names()).add(c.column());
                }
                return false;
            }, x -> x instanceof Query);
        }
        Map<ViewWriteRights.Target, Map<Privilege, Set<String>>> tables = new LinkedHashMap<>();
        byOwner.forEach((q, p) -> {
            TableDef def = m.joinTables().get(q);
            tables.merge(new ViewWriteRights.Target(def.database(), def.name()), p, (x, y) -> {
                Map<Privilege, Set<String>> both = new EnumMap<>(x);
                y.forEach((k, v) -> both.merge(k, v, (c1, c2) -> { Set<String> c = names(); c.addAll(c1); c.addAll(c2); return c; }));
                return both;
            });
        });
        ViewWriteRights.checkJoin(s, view, tables);
    }

    /** The join table (qualifier) a column of the rewritten statement belongs to, or null (an outer or unknown column). */
    private static String knownOwner(Merged m, ColumnRef c) {
        if (c.table() != null) return m.joinTables().containsKey(lower(c.table())) ? lower(c.table()) : null;
        for (Map.Entry<String, TableDef> e : m.joinTables().entrySet()) {
            if (e.getValue().columnIndex(c.column()) >= 0) return e.getKey();
        }
        return null;
    }

    private static ViewWriteRights.Target target(QualifiedName n) {
        return new ViewWriteRights.Target(n.schema(), n.name());
    }

    // ---- merging -------------------------------------------------------------------------------

    private static Optional<ViewDef> view(BasaltSession s, StatementRunner runner, QualifiedName name) {
        return runner.view(name);
    }

    private static Merged merge(BasaltSession s, StatementRunner runner, ViewDef view, int depth) {
        if (depth > 64) throw new SqlException(ErrorCode.ER_NON_UPDATABLE_TABLE, view.name(), "UPDATE");
        Query q = StatementRunner.parseQuery(view.selectSql());
        String problem = problem(q);
        Map<String, Expression> columns = new LinkedHashMap<>();
        if (problem != null) return new Merged(null, null, columns, view.columnNames(), null, null, problem, false);
        Select sel = (Select) q;
        boolean cascaded = "CASCADED".equals(view.checkOption());
        boolean local = "LOCAL".equals(view.checkOption());
        if (sel.from() instanceof Join j) return mergeJoin(runner, view, sel, j);
        if (!(sel.from() instanceof BaseTable from)) {
            return new Merged(null, null, columns, view.columnNames(), null, null, "not a single table", false);
        }
        QualifiedName fromName = from.name().schema() != null ? from.name() : new QualifiedName(view.database(), from.name().name());
        Optional<ViewDef> inner = runner.view(fromName);
        List<Expression> exprs = new ArrayList<>();
        if (inner.isPresent()) {
            Merged im = merge(s, runner, inner.get(), depth + 1);
            if (im.problem() != null) return new Merged(null, null, columns, view.columnNames(), null, null, im.problem(), im.join());
            // not done yet: writes through a view of a join view
            if (im.join()) return new Merged(null, null, columns, view.columnNames(), null, null, "view of a join view", false);
            String innerQualifier = from.alias() != null ? from.alias() : from.name().name();
            for (SelectItem item : sel.items()) {
                switch (item) {
                    case SelectExpr e -> exprs.add(substitute(im, innerQualifier, e.expression(), "field list"));
                    case AllColumns a -> { for (String n : im.names()) exprs.add(im.columns().get(lower(n))); }
                }
            }
            Expression own = substitute(im, innerQualifier, sel.where(), "where clause");
            Expression where = and(own, im.where());
            Expression check = cascaded ? and(own, im.where()) : local ? and(own, im.check()) : im.check();
            return finish(view, im.base(), im.alias(), exprs, where, check);
        }
        TableDef def = runner.table(null, fromName);
        String qualifier = from.alias() != null ? from.alias() : from.name().name();
        for (SelectItem item : sel.items()) {
            switch (item) {
                case SelectExpr e -> exprs.add(e.expression());
                case AllColumns a -> { for (ColumnDef c : def.columns()) exprs.add(new ColumnRef(null, qualifier, c.name())); }
            }
        }
        Expression check = cascaded || local ? sel.where() : null;
        return finish(view, fromName, from.alias(), exprs, sel.where(), check);
    }

    /**
     * A join view: updatable when every table of the join is a base table (not a view or derived
     * table). Writes change one of its tables (MySQL: UPDATE and INSERT with a column list only).
     */
    private static Merged mergeJoin(StatementRunner runner, ViewDef view, Select sel, Join join) {
        Map<String, TableDef> tables = new LinkedHashMap<>();
        if (!joinTables(runner, view, join, tables)) {
            return new Merged(null, null, new LinkedHashMap<>(), view.columnNames(), null, null, "join over views", true);
        }
        List<Expression> exprs = new ArrayList<>();
        for (SelectItem item : sel.items()) {
            switch (item) {
                case SelectExpr e -> exprs.add(e.expression());
                case AllColumns a -> tables.forEach((q, def) -> {
                    if (a.table() == null || a.table().equalsIgnoreCase(q)) {
                        for (ColumnDef c : def.columns()) exprs.add(new ColumnRef(null, q, c.name()));
                    }
                });
            }
        }
        Map<String, Expression> columns = new LinkedHashMap<>();
        List<String> names = view.columnNames();
        for (int i = 0; i < names.size() && i < exprs.size(); i++) columns.put(lower(names.get(i)), exprs.get(i));
        Expression check = "NONE".equals(view.checkOption()) ? null : sel.where() != null ? sel.where() : new BooleanLiteral(true);
        return new Merged(null, null, columns, names, sel.where(), check, null, true, join, tables);
    }

    /** Collects the join's tables by qualifier; false when one is a view, derived table or other source. */
    private static boolean joinTables(StatementRunner runner, ViewDef view, TableRef ref, Map<String, TableDef> out) {
        switch (ref) {
            case Join j -> {
                return joinTables(runner, view, j.left(), out) && joinTables(runner, view, j.right(), out);
            }
            case BaseTable bt -> {
                QualifiedName n = bt.name().schema() != null ? bt.name() : new QualifiedName(view.database(), bt.name().name());
                if (runner.view(n).isPresent()) return false;
                out.put(lower(bt.alias() != null ? bt.alias() : bt.name().name()), runner.table(null, n));
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** The qualifier (lower case) of the join table a view column comes from. */
    private static String owner(Merged m, ColumnRef c) {
        if (c.table() != null) return lower(c.table());
        for (Map.Entry<String, TableDef> e : m.joinTables().entrySet()) {
            if (e.getValue().columnIndex(c.column()) >= 0) return e.getKey();
        }
        throw ErrorCode.ER_BAD_FIELD.error(c.column(), "field list");
    }

    private static Merged finish(ViewDef view, QualifiedName base, String alias, List<Expression> exprs, Expression where, Expression check) {
        Map<String, Expression> columns = new LinkedHashMap<>();
        List<String> names = view.columnNames();
        for (int i = 0; i < names.size() && i < exprs.size(); i++) columns.put(lower(names.get(i)), exprs.get(i));
        return new Merged(base, alias, columns, names, where, check, null, false);
    }

    /** information_schema.VIEWS.IS_UPDATABLE: whether the view's own query allows writes (as MySQL decides at CREATE). */
    static boolean updatable(ViewDef view) {
        try {
            return problem(StatementRunner.parseQuery(view.selectSql())) == null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Why MySQL would not update through a view with this query, or null when it would. */
    private static String problem(Query q) {
        if (!(q instanceof Select sel)) return "UNION or WITH";
        if (sel.distinct()) return "DISTINCT";
        if (sel.groupBy() != null && !sel.groupBy().isEmpty()) return "GROUP BY";
        if (sel.having() != null) return "HAVING";
        if (sel.limit() != null) return "LIMIT";
        if (sel.from() == null) return "no table";
        // a subquery column is an expression: it makes the view not insertable, but MySQL still
        // updates the other columns (when the subquery does not depend on the view's table)
        boolean bad = AstWalker.any(sel.items(), n -> n instanceof AggregateCall || n instanceof WindowFunction,
                n -> n instanceof Query);
        if (bad) return "aggregate or window function in the select list";
        return null;
    }

    // ---- expression rewriting ------------------------------------------------------------------

    /** The expression behind a column reference to the view; 1054 when the view has no such column. */
    private static Expression column(Merged m, String qualifier, ColumnRef c, String clause) {
        if (c.table() != null && !c.table().equalsIgnoreCase(qualifier)) {
            throw ErrorCode.ER_BAD_FIELD.error(c.table() + "." + c.column(), clause);
        }
        Expression e = m.columns().get(lower(c.column()));
        if (e == null) throw ErrorCode.ER_BAD_FIELD.error(c.table() != null ? c.table() + "." + c.column() : c.column(), clause);
        return e;
    }

    /** {@code e} with references to the view's columns replaced by their definitions. */
    private static Expression substitute(Merged m, String qualifier, Expression e, String clause) {
        if (e == null) return null;
        return AstRewriter.rewriteNodes(e, n -> {
            if (!(n instanceof ColumnRef c) || c.schema() != null) return null;
            if (c.table() != null && !c.table().equalsIgnoreCase(qualifier)) return null; // an outer or other table
            return column(m, qualifier, c, clause);
        });
    }

    private static List<OrderItem> orderBy(Merged m, String qualifier, List<OrderItem> items) {
        if (items == null) return null;
        List<OrderItem> out = new ArrayList<>();
        for (OrderItem o : items) out.add(new OrderItem(substitute(m, qualifier, o.expression(), "order clause"), o.descending()));
        return out;
    }

    private static Expression and(Expression a, Expression b) {
        if (a == null) return b;
        if (b == null) return a;
        return new BinaryOp(BinaryOperator.AND, a, b);
    }

    /** A value of INSERT ... SET / ON DUPLICATE KEY UPDATE: VALUES(col) and col name view columns; the INSERT names the base table without alias. */
    private static Expression insertValue(Merged m, String qualifier, Expression value) {
        if (value == null || value instanceof DefaultExpr) return value;
        return AstRewriter.rewriteNodes(value, n -> switch (n) {
            case ValuesRef vr -> new ValuesRef(unqualified(column(m, qualifier, vr.column(), "field list")));
            case ColumnRef c when c.schema() == null && (c.table() == null || c.table().equalsIgnoreCase(qualifier)) ->
                    unqualified(column(m, qualifier, c, "field list"));
            default -> null;
        });
    }

    /**
     * A value of ON DUPLICATE KEY UPDATE: as {@link #insertValue}, and the 8.0.19 row alias
     * ({@code VALUES (...) AS new}): {@code new.col} names a view column, so it becomes
     * {@code new.<base column>}; with column aliases ({@code AS new(a, b)}) {@code new.a} and a bare
     * {@code a} name the inserted values and stay as written.
     */
    private static Expression odkuValue(Merged m, String qualifier, Insert ins, Expression value, UnaryOperator<Expression> owned) {
        if (value == null || value instanceof DefaultExpr) return value;
        String alias = ins.rowAlias();
        boolean columnAliases = ins.rowColumnAliases() != null && !ins.rowColumnAliases().isEmpty();
        return AstRewriter.rewriteNodes(value, n -> switch (n) {
            case ValuesRef vr -> new ValuesRef(unqualified(owned.apply(column(m, qualifier, vr.column(), "field list"))));
            case ColumnRef c when alias != null && c.schema() == null && c.table() != null && c.table().equalsIgnoreCase(alias) ->
                    columnAliases ? c : new ColumnRef(null, alias,
                            unqualified(owned.apply(column(m, qualifier, ColumnRef.of(c.column()), "field list"))).column());
            case ColumnRef c when alias != null && c.schema() == null && c.table() == null && columnAliases
                    && ins.rowColumnAliases().stream().anyMatch(x -> x.equalsIgnoreCase(c.column())) -> c;
            case ColumnRef c when c.schema() == null && (c.table() == null || c.table().equalsIgnoreCase(qualifier)) ->
                    unqualified(owned.apply(column(m, qualifier, c, "field list")));
            default -> null;
        });
    }

    private static ColumnRef unqualified(Expression e) { return new ColumnRef(null, null, ((ColumnRef) e).column()); }

    private static String qualifier(Merged m) { return m.alias() != null ? m.alias() : m.base().name(); }

    private static String lower(String s) { return s.toLowerCase(Locale.ROOT); }
}
