package dev.basalt.engine.lock;

import dev.basalt.engine.catalog.CatalogSnapshot;
import dev.basalt.engine.plan.AstWalker;
import dev.basalt.sql.ast.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The tables a statement opens, for LOCK TABLES: every table or view it names (subqueries
 * included), marked write when the statement changes it or its definition. Names of CTEs, the
 * session's TEMPORARY tables and information_schema / performance_schema need no lock and are left
 * out. Views count by their own name (their query is not looked into).
 */
final class StatementTables {
    private StatementTables() {}

    /** What a statement touches: the tables, and whether it changes data or definitions at all. */
    record Uses(List<TableUse> tables, boolean changes) {}

    /** Statements that never wait for or check table locks (they open no tables, or manage locks). */
    static boolean exempt(Statement st) {
        return switch (st) {
            case LockTables l -> true;
            case UnlockTables u -> true;
            case Flush f -> true;
            case StartTransaction s -> true;
            case Commit c -> true;
            case Rollback r -> true;
            case Savepoint s -> true;
            case ReleaseSavepoint s -> true;
            case Kill k -> true;
            case dev.basalt.sql.ast.Shutdown s -> true;
            case Use u -> true;
            case Prepare p -> true;
            case Execute e -> true;
            case DeallocatePrepare d -> true;
            default -> false;
        };
    }

    /**
     * SHOW / DESCRIBE read only a table's definition: MySQL's high-priority metadata lock does not
     * wait for LOCK TABLES ... WRITE, but a session holding table locks still needs SHOW CREATE
     * TABLE's table locked.
     */
    static boolean definitionOnly(Statement st) {
        return st instanceof Show || st instanceof Describe;
    }

    static Uses of(Statement st, String currentDb, CatalogSnapshot catalog) {
        Collector c = new Collector(currentDb, catalog, st);
        boolean changes = switch (st) {
            case Insert i -> c.target(i.table());
            case LoadData l -> c.target(l.table());
            case Update u -> c.written(top(u.table()), updated(u));
            case Delete d -> c.written(top(d.from()), deleted(d));
            // TEMPORARY tables need no lock and are not stopped by the global read lock
            case CreateTable t -> !t.temporary() && c.ddl(List.of(t.name()));
            case DropTable t -> !t.temporary() && c.ddl(t.names());
            case TruncateTable t -> c.ddl(List.of(t.name()));
            case AlterTable t -> c.ddl(List.of(t.name()));
            case CreateIndex t -> c.ddl(List.of(t.table()));
            case DropIndex t -> c.ddl(List.of(t.table()));
            case RenameTable r -> c.ddl(r.renames().stream().flatMap(p -> java.util.stream.Stream.of(p.from(), p.to())).toList());
            case CreateView v -> c.ddl(List.of(v.name()));
            case DropView v -> c.ddl(v.names());
            case CreateDatabase x -> true;
            case AlterDatabase x -> true;
            case DropDatabase x -> true;
            case CreateRoutine x -> true;
            case DropRoutine x -> true;
            case AlterRoutine x -> true;
            case CreateTrigger x -> true;
            case DropTrigger x -> true;
            case CreateEvent x -> true;
            case AlterEvent x -> true;
            case DropEvent x -> true;
            case AccountStatement x -> true;
            // SHOW CREATE TABLE opens the table; SHOW COLUMNS / INDEX and DESCRIBE read the dictionary only
            case Show sh -> sh.target() != null && sh.kind() == ShowKind.CREATE_TABLE && c.definition(new QualifiedName(
                    sh.database() != null ? sh.database() : sh.target().schema(), sh.target().name()));
            default -> false;
        };
        c.reads(st);
        return new Uses(c.out, changes);
    }

    /** The tables of a FROM clause or UPDATE/DELETE table list, not those of its subqueries. */
    private static List<BaseTable> top(TableRef ref) {
        List<BaseTable> out = new ArrayList<>();
        AstWalker.any(ref, n -> {
            if (n instanceof BaseTable b) out.add(b);
            return false;
        }, n -> n instanceof Expression || n instanceof Query || n instanceof DerivedTable);
        return out;
    }

    /** The names (aliases or tables) an UPDATE assigns columns of; null: every table of the list. */
    private static Set<String> updated(Update u) {
        Set<String> out = new HashSet<>();
        for (Assignment a : u.assignments()) {
            if (a.column().table() == null) return null;
            out.add(a.column().table().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** The names a multi-table DELETE deletes from; null: the single table. */
    private static Set<String> deleted(Delete d) {
        if (d.targets().isEmpty()) return null;
        Set<String> out = new HashSet<>();
        for (QualifiedName t : d.targets()) out.add(t.name().toLowerCase(Locale.ROOT));
        return out;
    }

    private static final class Collector {
        final String currentDb;
        final CatalogSnapshot catalog;
        final Set<String> cteNames = new HashSet<>();
        final Map<BaseTable, Boolean> writtenRefs = new IdentityHashMap<>();
        final List<TableUse> out = new ArrayList<>();

        Collector(String currentDb, CatalogSnapshot catalog, Statement st) {
            this.currentDb = currentDb;
            this.catalog = catalog;
            AstWalker.any(st, n -> {
                if (n instanceof CommonTableExpression c) cteNames.add(c.name().toLowerCase(Locale.ROOT));
                return false;
            });
        }

        /** A table the statement writes by name (INSERT, LOAD DATA); returns whether it counts. */
        boolean target(QualifiedName n) {
            return add(n, n.name(), true);
        }

        /** A table whose definition is read (SHOW CREATE TABLE); false: no change. */
        boolean definition(QualifiedName n) {
            add(n, n.name(), false);
            return false;
        }

        /** The tables DDL changes (all written); DDL always counts as a change. */
        boolean ddl(List<QualifiedName> names) {
            for (QualifiedName n : names) target(n);
            return true;
        }

        /** Marks the listed tables written (names null: all of them); true when one of them counts. */
        boolean written(List<BaseTable> tables, Set<String> names) {
            boolean any = false;
            for (BaseTable b : tables) {
                String called = (b.alias() != null ? b.alias() : b.name().name()).toLowerCase(Locale.ROOT);
                if (names == null || names.contains(called) || names.contains(b.name().name().toLowerCase(Locale.ROOT))) {
                    writtenRefs.put(b, true);
                    any |= needsLock(b.name());
                }
            }
            return any;
        }

        void reads(Statement st) {
            // the rows of INSERT ... VALUES are not walked: a dump's multi-row INSERTs under LOCK
            // TABLES would pay per row for it, and rows of values name no tables (a subquery inside
            // VALUES is the exception left unchecked)
            AstWalker.any(st, n -> {
                if (n instanceof BaseTable b) add(b.name(), b.alias() != null ? b.alias() : b.name().name(), writtenRefs.containsKey(b));
                return false;
            }, n -> n instanceof InsertValues);
        }

        private boolean add(QualifiedName n, String alias, boolean write) {
            if (!needsLock(n)) return false;
            out.add(new TableUse(db(n), n.name(), alias, write));
            return true;
        }

        private String db(QualifiedName n) {
            return n.schema() != null ? n.schema() : currentDb;
        }

        private boolean needsLock(QualifiedName n) {
            if (n.schema() == null && cteNames.contains(n.name().toLowerCase(Locale.ROOT))) return false;
            String db = db(n);
            if (db == null) return false; // 1046 comes from the statement itself
            if (db.equalsIgnoreCase("information_schema") || db.equalsIgnoreCase("performance_schema")) return false;
            return catalog.temporaryTable(db, n.name()).isEmpty();
        }
    }
}
