package dev.basalt.engine.security;

import dev.basalt.engine.api.ErrorCode;

import dev.basalt.engine.catalog.CatalogSnapshot;
import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.catalog.ViewDef;
import dev.basalt.engine.api.SqlException;
import dev.basalt.sql.parser.MySqlParser;
import dev.basalt.engine.plan.AstWalker;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.sql.ast.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The privilege check run before every statement of a session that is not root: what the
 * statement needs (SELECT on what it reads, INSERT/UPDATE/DELETE on what it writes, CREATE/DROP/
 * ALTER/INDEX for DDL, ...) against the account's grants, failing with MySQL's errors (1044,
 * 1142, 1143, 1227, 1045). Reading a view needs SELECT on the view; its query is checked with
 * its definer's rights (1356 when the definer lacks them, 1449 when the account is gone) or, for
 * SQL SECURITY INVOKER, with the reader's. Statements inside stored programs are checked as the
 * account the session acts as there (see {@link Definer}).
 */
public final class AccessCheck {
    private AccessCheck() {}

    public static void check(BasaltSession s, Statement st) {
        Principal me = s.principal();
        if (me.superuser()) return;
        new Checker(s, me.grants(s.engine().accounts())).statement(st);
    }

    /** USE, COM_INIT_DB and the login database: 1044 unless the account has some privilege there. */
    public static void checkUse(BasaltSession s, String db) {
        if (s.principal().superuser()) return;
        new Checker(s, s.principal().grants(s.engine().accounts())).seeDatabase(db);
    }

    /** Whether SHOW DATABASES / information_schema list this database for the session. */
    public static boolean visibleDatabase(BasaltSession s, String db) {
        if (s.principal().superuser() || Checker.systemSchema(db)) return true;
        Grants g = s.principal().grants(s.engine().accounts());
        return g.hasGlobal(Privilege.SHOW_DATABASES) || g.seesDatabase(db);
    }

    /** Whether SHOW TABLES / information_schema list this table for the session. */
    public static boolean visibleTable(BasaltSession s, String db, String table) {
        if (s.principal().superuser() || Checker.systemSchema(db)) return true;
        return s.principal().grants(s.engine().accounts()).seesTable(db, table);
    }

    /** The host MySQL names in 1142/1143: the client's ('localhost' on loopback). */
    static String clientHost(BasaltSession s) {
        return HostPattern.isLoopback(s.host()) ? "localhost" : s.host();
    }

    private static final class Checker {
        final BasaltSession s;
        final Grants g;
        final Set<String> cteNames = new HashSet<>();
        /** The database unqualified names mean: the session's, or a view's own inside its query. */
        final String defaultDb;

        Checker(BasaltSession s, Grants g) {
            this(s, g, s.database());
        }

        Checker(BasaltSession s, Grants g, String defaultDb) {
            this.s = s;
            this.g = g;
            this.defaultDb = defaultDb;
        }

        String db(String schema) { return schema != null ? schema : defaultDb; }

        static boolean systemSchema(String db) {
            return db != null && (db.equalsIgnoreCase("information_schema") || db.equalsIgnoreCase("performance_schema"));
        }

        // ------------------------------------------------------------ statements

        void statement(Statement st) {
            AstWalker.any(st, n -> {
                if (n instanceof CommonTableExpression c) cteNames.add(c.name().toLowerCase(Locale.ROOT));
                return false;
            });
            switch (st) {
                case Query q -> reads(q);
                case SelectInto si -> {
                    if (si.target() instanceof IntoTarget.Outfile || si.target() instanceof IntoTarget.Dumpfile) global(Privilege.FILE);
                    reads(si.query());
                }
                case Insert i -> {
                    table(Privilege.INSERT, i.table());
                    if (i.replace()) table(Privilege.DELETE, i.table());
                    if (!i.onDuplicateKeyUpdate().isEmpty()) table(Privilege.UPDATE, i.table());
                    insertedColumns(i);
                    readsExcept(i, i.table());
                }
                case Update u -> {
                    List<QualifiedName> written = updatedTables(u);
                    for (QualifiedName n : written) table(Privilege.UPDATE, n);
                    updatedColumns(u);
                    readColumnsOfWritten(u);
                    readsExcept(u, written.toArray(new QualifiedName[0]));
                }
                case Delete d -> {
                    List<QualifiedName> written = deletedTables(d);
                    for (QualifiedName n : written) table(Privilege.DELETE, n);
                    if (d.where() != null) for (QualifiedName n : written) whereColumns(d.where(), n);
                    readsExcept(d, written.toArray(new QualifiedName[0]));
                }
                case LoadData l -> {
                    if (!l.local()) global(Privilege.FILE);
                    table(Privilege.INSERT, l.table());
                }
                case CreateDatabase c -> database(Privilege.CREATE, c.name());
                case DropDatabase d -> database(Privilege.DROP, d.name());
                case AlterDatabase a -> database(Privilege.ALTER, a.name() != null ? a.name() : s.database());
                case CreateTable c -> {
                    if (c.temporary()) database(Privilege.CREATE_TEMPORARY_TABLES, db(c.name().schema()));
                    else table(Privilege.CREATE, c.name());
                    if (c.like() != null) table(Privilege.SELECT, c.like());
                    if (c.asQuery() != null) {
                        table(Privilege.INSERT, c.name());
                        reads(c.asQuery());
                    }
                }
                case DropTable d -> { if (!d.temporary()) for (QualifiedName n : d.names()) table(Privilege.DROP, n); }
                case TruncateTable t -> table(Privilege.DROP, t.name());
                case RenameTable r -> {
                    for (RenameTable.Pair p : r.renames()) {
                        table(Privilege.ALTER, p.from());
                        table(Privilege.DROP, p.from());
                        table(Privilege.CREATE, p.to());
                        table(Privilege.INSERT, p.to());
                    }
                }
                case CreateIndex c -> table(Privilege.INDEX, c.table());
                case DropIndex d -> table(Privilege.INDEX, d.table());
                case AlterTable a -> table(Privilege.ALTER, a.name());
                case CreateView v -> {
                    table(Privilege.CREATE_VIEW, v.name());
                    if (v.orReplace()) table(Privilege.DROP, v.name());
                    reads(v.query());
                }
                case DropView v -> { for (QualifiedName n : v.names()) table(Privilege.DROP, n); }
                case Use u -> seeDatabase(u.database());
                case Show sh -> show(sh);
                case Describe d -> seeTable(d.table());
                case Explain e -> statement(e.statement());
                case LockTables l -> {
                    for (LockTables.TableLock t : l.locks()) {
                        database(Privilege.LOCK_TABLES, db(t.table().schema()));
                        table(Privilege.SELECT, t.table());
                    }
                }
                case TableMaintenance m -> { for (QualifiedName n : m.tables()) table(Privilege.SELECT, n); }
                case Flush f -> {
                    if (!g.hasGlobal(Privilege.RELOAD)) throw ErrorCode.ER_SPECIFIC_ACCESS_DENIED.error("RELOAD");
                }
                case dev.basalt.sql.ast.Shutdown s -> {
                    if (!g.hasGlobal(Privilege.SHUTDOWN)) throw ErrorCode.ER_SPECIFIC_ACCESS_DENIED.error("SHUTDOWN");
                }
                case SetStatement set -> {
                    for (SetItem item : set.items()) {
                        if (item instanceof VariableAssignment va && va.target() instanceof SystemVariable sv
                                && (sv.scope() == VariableScope.GLOBAL || sv.scope() == VariableScope.PERSIST
                                || sv.scope() == VariableScope.PERSIST_ONLY)) {
                            if (!g.hasGlobal(Privilege.SUPER)) {
                                throw ErrorCode.ER_SPECIFIC_ACCESS_DENIED.error("SUPER or SYSTEM_VARIABLES_ADMIN");
                            }
                        }
                    }
                    reads(set);
                }
                case CreateRoutine c -> database(Privilege.CREATE_ROUTINE, db(c.name().schema()));
                case DropRoutine d -> routine(Privilege.ALTER_ROUTINE, d.kind().name(), d.name());
                case AlterRoutine a -> routine(Privilege.ALTER_ROUTINE, a.kind().name(), a.name());
                case Call c -> {
                    routine(Privilege.EXECUTE, "PROCEDURE", c.procedure());
                    reads(c);
                }
                case CreateTrigger c -> table(Privilege.TRIGGER, c.table());
                case DropTrigger d -> database(Privilege.TRIGGER, db(d.name().schema()));
                case dev.basalt.sql.ast.CreateEvent c -> database(Privilege.EVENT, db(c.name().schema()));
                case dev.basalt.sql.ast.AlterEvent a -> database(Privilege.EVENT, db(a.name().schema()));
                case dev.basalt.sql.ast.DropEvent d -> database(Privilege.EVENT, db(d.name().schema()));
                case Do d -> reads(d);
                case Kill k -> { }
                default -> { }
            }
        }

        // ------------------------------------------------------------ reads

        /** SELECT on every table the node reads, with column checks where only column grants exist. */
        void reads(Object node) { readsExcept(node); }

        void readsExcept(Object node, QualifiedName... written) {
            Set<String> skip = new HashSet<>();
            for (QualifiedName w : written) skip.add(db(w.schema()) + "\0" + w.name());
            Map<String, BaseTable> read = new LinkedHashMap<>();
            AstWalker.any(node, n -> {
                if (n instanceof BaseTable b) read.putIfAbsent(key(b.name()) + "\0" + b.alias(), b);
                return false;
            });
            for (BaseTable b : read.values()) {
                QualifiedName n = b.name();
                if (n.schema() == null && cteNames.contains(n.name().toLowerCase(Locale.ROOT))) continue;
                if (skip.contains(db(n.schema()) + "\0" + n.name())) continue;
                String db = db(n.schema());
                if (db == null || systemSchema(db)) continue;
                if (g.hasTable(db, n.name(), Privilege.SELECT)) {
                    viewQuery(db, n.name());
                    continue;
                }
                if (g.hasAnyColumn(db, n.name(), Privilege.SELECT)) {
                    columns(node, b, db);
                    viewQuery(db, n.name());
                    continue;
                }
                throw tableDenied(Privilege.SELECT, n.name());
            }
        }

        /**
         * When {@code db.name} is a view: its query, as the reader for SQL SECURITY INVOKER, else
         * as its definer; missing rights are reported as the view's fault (1356).
         */
        void viewQuery(String db, String name) {
            ViewDef v = s.engine().catalog().snapshot(s.currentTransaction()).forSession(s.connectionId())
                    .view(db, name).orElse(null);
            if (v == null) return;
            Statement parsed;
            try {
                parsed = MySqlParser.parseOne(v.selectSql());
            } catch (RuntimeException e) {
                return; // planning the view reports what is wrong with it
            }
            if (!(parsed instanceof Query q)) return;
            Grants rights = g;
            if (!v.invokerSecurity()) {
                Principal definer = ViewSecurity.definer(s, v); // 1449 / 1045 when the account is gone
                if (definer.superuser()) return;
                rights = definer.grants(s.engine().accounts());
            }
            try {
                new Checker(s, rights, v.database()).query(q);
            } catch (SqlException e) {
                // whoever lacks the rights, MySQL blames the view (it hides its tables from the reader)
                if (e.errorCode() == 1142 || e.errorCode() == 1143) throw ErrorCode.ER_VIEW_INVALID.error(v.database(), v.name());
                throw e;
            }
        }

        /** A query on its own (a view's): its CTE names are not tables. */
        void query(Query q) {
            AstWalker.any(q, n -> {
                if (n instanceof CommonTableExpression c) cteNames.add(c.name().toLowerCase(Locale.ROOT));
                return false;
            });
            reads(q);
        }

        /**
         * The columns of a table or a view (a view's are checked as a table's: MySQL grants on a
         * view's columns), or null for neither (planning reports a missing table).
         */
        List<String> columnNames(String db, String name) {
            CatalogSnapshot cat = s.engine().catalog().snapshot(s.currentTransaction()).forSession(s.connectionId());
            TableDef def = cat.table(db, name).orElse(null);
            if (def != null) return def.columns().stream().map(ColumnDef::name).toList();
            return cat.view(db, name).map(ViewDef::columnNames).orElse(null);
        }

        static boolean contains(List<String> names, String c) {
            for (String n : names) if (n.equalsIgnoreCase(c)) return true;
            return false;
        }

        /** Column grants only: every column the statement names of that table must be granted (1143). */
        void columns(Object node, BaseTable b, String db) {
            List<String> names = columnNames(db, b.name().name());
            if (names == null) return;
            String alias = b.alias() != null ? b.alias() : b.name().name();
            List<String> used = new ArrayList<>();
            AstWalker.any(node, n -> {
                if (n instanceof ColumnRef c && (c.table() == null || c.table().equalsIgnoreCase(alias))) used.add(c.column());
                if (n instanceof AllColumns a && (a.table() == null || a.table().equalsIgnoreCase(alias))) {
                    used.add("*");
                }
                return false;
            });
            for (String c : used) {
                if (c.equals("*")) {
                    // a wildcard over a table with column grants only: MySQL names the table (1142)
                    for (String col : names) {
                        if (!g.hasColumn(db, b.name().name(), col, Privilege.SELECT)) throw tableDenied(Privilege.SELECT, b.name().name());
                    }
                    continue;
                }
                if (contains(names, c) && !g.hasColumn(db, b.name().name(), c, Privilege.SELECT)) {
                    throw columnDenied(Privilege.SELECT, c, b.name().name());
                }
            }
        }

        /**
         * INSERT with column grants only (no table-level INSERT): each column given needs INSERT
         * (1143 names the first lacking it); no column list means every column, and MySQL then
         * names the table (1142), as it does not list columns to an account that cannot see them
         * all. ON DUPLICATE KEY UPDATE needs UPDATE on the columns it sets.
         */
        void insertedColumns(Insert i) {
            String db = db(i.table().schema());
            if (db == null || systemSchema(db)) return;
            String table = i.table().name();
            List<String> names = columnNames(db, table);
            if (names == null) return;
            if (!g.hasTable(db, table, Privilege.INSERT)) {
                List<String> given = new ArrayList<>(i.columns());
                if (i.source() instanceof InsertSet set) for (Assignment a : set.assignments()) given.add(a.column().column());
                if (given.isEmpty()) {
                    for (String c : names) if (!g.hasColumn(db, table, c, Privilege.INSERT)) throw tableDenied(Privilege.INSERT, table);
                }
                for (String c : given) {
                    if (contains(names, c) && !g.hasColumn(db, table, c, Privilege.INSERT)) throw columnDenied(Privilege.INSERT, c, table);
                }
            }
            if (!g.hasTable(db, table, Privilege.UPDATE)) {
                for (Assignment a : i.onDuplicateKeyUpdate()) {
                    String c = a.column().column();
                    if (contains(names, c) && !g.hasColumn(db, table, c, Privilege.UPDATE)) throw columnDenied(Privilege.UPDATE, c, table);
                }
            }
        }

        /** UPDATE with column grants only: each column set needs UPDATE (1143 names the first lacking it). */
        void updatedColumns(Update u) {
            for (BaseTable b : baseTables(u.table())) {
                String db = db(b.name().schema());
                if (db == null || systemSchema(db) || g.hasTable(db, b.name().name(), Privilege.UPDATE)) continue;
                List<String> names = columnNames(db, b.name().name());
                if (names == null) continue;
                for (Assignment a : u.assignments()) {
                    if (refersTo(a.column(), b, names) && !g.hasColumn(db, b.name().name(), a.column().column(), Privilege.UPDATE)) {
                        throw columnDenied(Privilege.UPDATE, a.column().column(), b.name().name());
                    }
                }
            }
        }

        /**
         * The columns an UPDATE reads of the tables it writes (its WHERE, ORDER BY and the values it
         * sets) need SELECT, as in MySQL, so an account with UPDATE alone cannot find rows by values
         * it may not read (1143 names the first lacking it).
         */
        void readColumnsOfWritten(Update u) {
            List<Object> read = new ArrayList<>();
            if (u.where() != null) read.add(u.where());
            if (u.orderBy() != null) for (OrderItem o : u.orderBy()) read.add(o.expression());
            for (Assignment a : u.assignments()) if (a.value() != null) read.add(a.value());
            if (read.isEmpty()) return;
            List<BaseTable> tables = baseTables(u.table());
            for (QualifiedName w : updatedTables(u)) {
                for (BaseTable b : tables) if (b.name().equals(w)) readColumns(read, b);
            }
        }

        /** SELECT on each column of {@code b} the expressions read (their subqueries' own tables aside). */
        void readColumns(List<Object> exprs, BaseTable b) {
            String db = db(b.name().schema());
            if (db == null || systemSchema(db) || g.hasTable(db, b.name().name(), Privilege.SELECT)) return;
            List<String> names = columnNames(db, b.name().name());
            if (names == null) return;
            for (Object e : exprs) {
                AstWalker.any(e, x -> {
                    if (x instanceof ColumnRef c && refersTo(c, b, names) && !g.hasColumn(db, b.name().name(), c.column(), Privilege.SELECT)) {
                        throw columnDenied(Privilege.SELECT, c.column(), b.name().name());
                    }
                    return false;
                }, x -> x instanceof Query);
            }
        }

        /** Whether a column reference names a column of {@code b} (by its alias, or unqualified). */
        static boolean refersTo(ColumnRef c, BaseTable b, List<String> names) {
            String alias = b.alias() != null ? b.alias() : b.name().name();
            if (c.table() != null && !c.table().equalsIgnoreCase(alias)) return false;
            return contains(names, c.column());
        }

        /** Columns a WHERE reads from a written table need SELECT (1143 names the first one lacking it). */
        void whereColumns(Expression where, QualifiedName n) {
            String db = db(n.schema());
            if (db == null || systemSchema(db) || g.hasTable(db, n.name(), Privilege.SELECT)) return;
            CatalogSnapshot cat = s.engine().catalog().snapshot(s.currentTransaction());
            TableDef def = cat.table(db, n.name()).orElse(null);
            if (def == null) return;
            List<String> used = new ArrayList<>();
            AstWalker.any(where, x -> {
                if (x instanceof ColumnRef c) used.add(c.column());
                return false;
            });
            for (String c : used) {
                boolean inTable = def.columns().stream().anyMatch(col -> col.name().equalsIgnoreCase(c));
                if (inTable && !g.hasColumn(db, n.name(), c, Privilege.SELECT)) {
                    throw ErrorCode.ER_COLUMNACCESS_DENIED.error("SELECT", s.principal().user(), clientHost(s), c, n.name());
                }
            }
        }

        String key(QualifiedName n) { return db(n.schema()) + "\0" + n.name(); }

        List<QualifiedName> updatedTables(Update u) {
            List<BaseTable> tables = baseTables(u.table());
            if (tables.size() == 1) return List.of(tables.get(0).name());
            Map<String, QualifiedName> byAlias = new HashMap<>();
            for (BaseTable t : tables) byAlias.put((t.alias() != null ? t.alias() : t.name().name()).toLowerCase(Locale.ROOT), t.name());
            List<QualifiedName> out = new ArrayList<>();
            for (Assignment a : u.assignments()) {
                QualifiedName n = a.column().table() != null ? byAlias.get(a.column().table().toLowerCase(Locale.ROOT)) : null;
                if (n == null) return tables.stream().map(BaseTable::name).toList();
                if (!out.contains(n)) out.add(n);
            }
            return out;
        }

        List<QualifiedName> deletedTables(Delete d) {
            List<BaseTable> tables = baseTables(d.from());
            if (d.targets().isEmpty()) return tables.stream().map(BaseTable::name).toList();
            Map<String, QualifiedName> byAlias = new HashMap<>();
            for (BaseTable t : tables) byAlias.put((t.alias() != null ? t.alias() : t.name().name()).toLowerCase(Locale.ROOT), t.name());
            List<QualifiedName> out = new ArrayList<>();
            for (QualifiedName t : d.targets()) {
                QualifiedName n = t.schema() == null ? byAlias.get(t.name().toLowerCase(Locale.ROOT)) : null;
                out.add(n != null ? n : t);
            }
            return out;
        }

        static List<BaseTable> baseTables(TableRef ref) {
            List<BaseTable> out = new ArrayList<>();
            AstWalker.any(ref, n -> {
                if (n instanceof BaseTable b) out.add(b);
                return false;
            }, n -> n instanceof Expression);
            return out;
        }

        // ------------------------------------------------------------ levels

        void global(Privilege p) {
            if (!g.hasGlobal(p)) {
                // MySQL's check_access names the account (its host pattern) here
                throw ErrorCode.ER_ACCESS_DENIED.error(s.principal().user(), s.principal().host(), "YES");
            }
        }

        void database(Privilege p, String db) {
            if (db == null) throw new dev.basalt.engine.api.SqlException(dev.basalt.engine.api.ErrorCode.ER_NO_DB);
            if (systemSchema(db)) return;
            if (!g.hasDatabase(db, p)) throw dbDenied(db);
        }

        void table(Privilege p, QualifiedName n) {
            String db = db(n.schema());
            if (db == null || systemSchema(db)) return;
            if (g.hasTable(db, n.name(), p)) return;
            if (p.column && g.hasAnyColumn(db, n.name(), p)) return; // column lists are checked by the writer
            throw tableDenied(p, n.name());
        }

        void routine(Privilege p, String kind, QualifiedName n) {
            String db = db(n.schema());
            if (db == null) return;
            if (!g.hasRoutine(db, kind, n.name(), p)) {
                throw new dev.basalt.engine.api.SqlException(1370, "42000", String.format(
                        "%s command denied to user '%s'@'%s' for routine '%s.%s'",
                        p == Privilege.EXECUTE ? "execute" : "alter routine", s.principal().user(), clientHost(s), db, n.name()));
            }
        }

        void seeDatabase(String db) {
            if (systemSchema(db)) return;
            if (!g.seesDatabase(db)) throw dbDenied(db);
        }

        void seeTable(QualifiedName n) {
            String db = db(n.schema());
            if (db == null || systemSchema(db)) return;
            if (!g.seesTable(db, n.name())) throw tableDenied(Privilege.SELECT, n.name());
        }

        void show(Show sh) {
            switch (sh.kind()) {
                case COLUMNS, INDEX, CREATE_TABLE, CREATE_VIEW -> {
                    if (sh.target() != null) {
                        String schema = sh.database() != null ? sh.database() : sh.target().schema();
                        seeTable(new QualifiedName(schema, sh.target().name()));
                    }
                }
                case TABLES, TABLE_STATUS, TRIGGERS, OPEN_TABLES -> {
                    String db = sh.database() != null ? sh.database() : s.database();
                    if (db != null) seeDatabase(db);
                }
                case CREATE_DATABASE -> { if (sh.target() != null) seeDatabase(sh.target().name()); }
                case PROCESSLIST -> { }
                default -> { }
            }
        }

        RuntimeException dbDenied(String db) {
            return ErrorCode.ER_DBACCESS_DENIED.error(s.principal().user(), s.principal().host(), db);
        }

        RuntimeException columnDenied(Privilege p, String column, String table) {
            return ErrorCode.ER_COLUMNACCESS_DENIED.error(p.sql, s.principal().user(), clientHost(s), column, table);
        }

        RuntimeException tableDenied(Privilege p, String table) {
            return ErrorCode.ER_TABLEACCESS_DENIED.error(p.sql, s.principal().user(), clientHost(s), table);
        }
    }
}
