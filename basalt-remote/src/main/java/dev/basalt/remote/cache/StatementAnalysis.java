package dev.basalt.remote.cache;

import dev.basalt.engine.function.Functions;
import dev.basalt.engine.plan.AstWalker;
import dev.basalt.sql.ast.*;
import dev.basalt.sql.parser.MySqlParser;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one piece of SQL text (one COM_QUERY, or one prepared statement) means to the result
 * cache: whether its result may be cached, which tables it reads or writes, and how it changes
 * the session. Decided from Basalt's own parser; anything it cannot parse is assumed to write
 * everything (CREATE TRIGGER, CALL, LOAD DATA...), so an unknown statement can only cost cache
 * hits, never serve a stale row.
 *
 * @param cacheable   a single deterministic SELECT of base tables whose result may be cached
 * @param reads       tables read, lower-case {@code db.table} (unqualified names use the current database)
 * @param writes      tables whose rows or definition may change
 * @param writesAll   effects unknown or global: invalidate everything
 * @param ddl         changes schema objects (the cache's knowledge of views and triggers must be reloaded)
 * @param sessionChange changes session settings that can change results (SET, SET NAMES...)
 * @param useDatabase the database a USE switches to, or null
 * @param temporary   creates a temporary table (which shadows a base table for this session only)
 * @param basaltStatus SHOW STATUS asking for Basalt's own variables (answered by Basalt, not the remote)
 */
public record StatementAnalysis(boolean cacheable, Set<String> reads, Set<String> writes, boolean writesAll,
                                boolean ddl, boolean sessionChange, String useDatabase, boolean temporary,
                                boolean basaltStatus) {

    private static final Pattern NO_CACHE = Pattern.compile("\\bSQL_NO_CACHE\\b", Pattern.CASE_INSENSITIVE);
    /** Statements that cannot change data even when our parser does not know their syntax. */
    private static final Pattern READ_ONLY_START = Pattern.compile(
            "^\\s*(SHOW|DESC|DESCRIBE|EXPLAIN|HELP)\\b[^;]*$", Pattern.CASE_INSENSITIVE);
    /** Functions that change data (sequences): a query calling them is a write of unknown tables. */
    private static final Set<String> WRITING_FUNCTIONS = Set.of("NEXTVAL", "SETVAL");
    /** Functions whose value is not a function of the data: never cached. */
    private static final Set<String> VOLATILE = Set.of("NOW", "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP",
            "SYSDATE", "CURDATE", "CURRENT_DATE", "CURTIME", "CURRENT_TIME", "UTC_DATE", "UTC_TIME", "UTC_TIMESTAMP",
            "UNIX_TIMESTAMP", "RAND", "UUID", "UUID_SHORT", "SYS_GUID", "CONNECTION_ID", "LAST_INSERT_ID", "FOUND_ROWS",
            "ROW_COUNT", "SLEEP", "BENCHMARK", "GET_LOCK", "RELEASE_LOCK", "RELEASE_ALL_LOCKS", "IS_FREE_LOCK",
            "IS_USED_LOCK", "USER", "CURRENT_USER", "SESSION_USER", "SYSTEM_USER", "CURRENT_ROLE", "MASTER_POS_WAIT",
            "NEXTVAL", "LASTVAL", "SETVAL", "LOAD_FILE", "RANDOM_BYTES", "PS_CURRENT_THREAD_ID", "ICU_VERSION");
    /** Schemas whose contents change without a write through Basalt. */
    private static final Set<String> SYSTEM_SCHEMAS = Set.of("information_schema", "performance_schema", "mysql", "sys");

    static final StatementAnalysis PASSIVE = new StatementAnalysis(false, Set.of(), Set.of(), false, false, false, null, false, false);
    /**
     * Unknown effects: it may write anything, change schema objects and this session's settings
     * (a procedure may SET), and even the global defaults (sessions keyed by their own settings).
     */
    static final StatementAnalysis UNKNOWN_WRITE = new StatementAnalysis(false, Set.of(), Set.of(), true, true, true, null, false, false);
    /** SET GLOBAL: changes this session's view of defaults and every later session's. */
    static final StatementAnalysis GLOBAL_SETTINGS = new StatementAnalysis(false, Set.of(), Set.of(), true, false, true, null, false, false);

    /** True when the statement may change data, so results that read it must be invalidated. */
    public boolean changesData() { return writesAll || !writes.isEmpty(); }

    /** Analyses SQL text run with {@code database} as the current database (may be null). */
    public static StatementAnalysis of(String sql, String database) {
        try {
            MySqlParser parser = new MySqlParser(sql);
            StatementAnalysis combined = null;
            int count = 0;
            while (parser.hasMore()) {
                Statement s = parser.next();
                if (s == null) break;
                StatementAnalysis one = of(s, database);
                if (one.useDatabase != null) database = one.useDatabase;
                combined = combined == null ? one : combined.and(one);
                count++;
            }
            if (combined == null) return PASSIVE;
            if (count > 1 || (combined.cacheable && NO_CACHE.matcher(sql).find())) combined = combined.notCacheable();
            return combined;
        } catch (RuntimeException e) { // ParseException, or a construct the parser rejects
            // Our parser does not know it (CALL, RETURNING, ...): assume the worst unless it can only read.
            return READ_ONLY_START.matcher(sql).find() ? PASSIVE : UNKNOWN_WRITE;
        }
    }

    private static StatementAnalysis of(Statement s, String db) {
        return switch (s) {
            case Query q -> query(q, db);
            case Insert i -> writing(s, db, false);
            case Update u -> writing(s, db, false);
            case Delete d -> writing(s, db, false);
            case CreateTable c -> {
                StatementAnalysis a = writing(s, db, true);
                yield c.temporary() ? a.withTemporary() : a;
            }
            case DropTable d -> writing(s, db, true);
            case TruncateTable t -> writing(s, db, true);
            case RenameTable r -> writing(s, db, true);
            case AlterTable a -> writing(s, db, true);
            case CreateIndex c -> writing(s, db, true);
            case DropIndex d -> writing(s, db, true);
            case CreateView v -> UNKNOWN_WRITE;
            case DropView v -> UNKNOWN_WRITE;
            case CreateDatabase c -> UNKNOWN_WRITE;
            case AlterDatabase a -> UNKNOWN_WRITE;
            case DropDatabase d -> UNKNOWN_WRITE;
            case Do d -> UNKNOWN_WRITE;        // may call a stored function with side effects
            case Execute e -> UNKNOWN_WRITE;   // SQL-level EXECUTE runs text we do not see here
            case Call c -> UNKNOWN_WRITE;      // a procedure may modify anything
            case CreateRoutine c -> UNKNOWN_WRITE;
            case DropRoutine d -> UNKNOWN_WRITE;
            case AlterRoutine a -> UNKNOWN_WRITE;
            case CreateTrigger c -> UNKNOWN_WRITE; // changes what later writes do
            case DropTrigger d -> UNKNOWN_WRITE;
            case dev.basalt.sql.ast.CreateEvent c -> UNKNOWN_WRITE; // its body writes later, on its own
            case dev.basalt.sql.ast.AlterEvent a -> UNKNOWN_WRITE;
            case dev.basalt.sql.ast.DropEvent d -> UNKNOWN_WRITE;
            case LoadData l -> UNKNOWN_WRITE;  // rows from a file: not worth naming the table exactly
            // INTO @vars changes the session only; INTO OUTFILE writes a file, never cached
            case SelectInto si -> si.target() instanceof dev.basalt.sql.ast.IntoTarget.UserVariables ? settingsChange() : UNKNOWN_WRITE;
            case Use u -> new StatementAnalysis(false, Set.of(), Set.of(), false, false, false, u.database(), false, false);
            case SetStatement set -> set.items().stream().anyMatch(StatementAnalysis::global) ? GLOBAL_SETTINGS : settingsChange();
            case SetTransaction set -> settingsChange();
            case Show show when show.kind() == ShowKind.STATUS && show.likePattern() != null
                    && show.likePattern().toLowerCase(Locale.ROOT).startsWith("basalt") ->
                    new StatementAnalysis(false, Set.of(), Set.of(), false, false, false, null, false, true);
            default -> PASSIVE; // SHOW, DESCRIBE, EXPLAIN, transaction control, LOCK, KILL, FLUSH...
        };
    }

    /** SET GLOBAL / PERSIST: the defaults of sessions that start later change. */
    private static boolean global(SetItem item) {
        return item instanceof VariableAssignment a && a.target() instanceof SystemVariable v
                && v.scope() != VariableScope.SESSION && v.scope() != VariableScope.DEFAULT;
    }

    private static StatementAnalysis settingsChange() {
        return new StatementAnalysis(false, Set.of(), Set.of(), false, false, true, null, false, false);
    }

    private static StatementAnalysis writing(Statement s, String db, boolean ddl) {
        Set<String> tables = tables(s, db);
        if (tables == null) return UNKNOWN_WRITE;
        return new StatementAnalysis(false, Set.of(), tables, false, ddl, false, null, false, false);
    }

    private static StatementAnalysis query(Query q, String db) {
        // A stored function may write anything; so do sequence functions.
        if (AstWalker.any(q, StatementAnalysis::writingNode)) return UNKNOWN_WRITE;
        Set<String> tables = tables(q, db);
        boolean deterministic = tables != null && !AstWalker.any(q, StatementAnalysis::volatileNode);
        if (deterministic) {
            for (String t : tables) {
                if (SYSTEM_SCHEMAS.contains(schemaOf(t))) deterministic = false;
            }
        }
        return new StatementAnalysis(deterministic, tables == null ? Set.of() : tables, Set.of(), false, false, false,
                null, false, false);
    }

    private static boolean writingNode(Object node) {
        if (!(node instanceof FunctionCall f)) return false;
        String name = f.name().toUpperCase(Locale.ROOT);
        return WRITING_FUNCTIONS.contains(name) || !Functions.exists(name) && !VOLATILE.contains(name);
    }

    /** A node that makes a query's result depend on more than the tables it reads. */
    private static boolean volatileNode(Object node) {
        return switch (node) {
            case UserVariable v -> true;
            case AssignUserVariable v -> true;
            case SystemVariable v -> true;
            case Select s -> s.locking() != null || s.calcFoundRows();
            case FunctionCall f -> VOLATILE.contains(f.name().toUpperCase(Locale.ROOT));
            default -> false;
        };
    }

    /** Every table the statement names, as lower-case db.table; null if one is unqualified without a database. */
    private static Set<String> tables(Object statement, String db) {
        Set<String> tables = new LinkedHashSet<>();
        boolean[] unresolved = {false};
        AstWalker.any(statement, node -> {
            if (node instanceof QualifiedName n) {
                String schema = n.schema() != null ? n.schema() : db;
                if (schema == null) unresolved[0] = true;
                else tables.add(key(schema, n.name()));
            }
            return false;
        });
        return unresolved[0] ? null : Set.copyOf(tables);
    }

    /**
     * The table key used everywhere in the cache: schema and name joined by U+0000, the one
     * character MySQL identifiers cannot contain (a database may be called {@code a.b}).
     */
    public static String key(String schema, String table) {
        return (schema + "\0" + table).toLowerCase(Locale.ROOT);
    }

    /** The schema part of a {@link #key}. */
    public static String schemaOf(String key) {
        return key.substring(0, key.indexOf('\0'));
    }

    /** The same statement, never cached (e.g. its parameters cannot be known). */
    public StatementAnalysis notCacheable() {
        return new StatementAnalysis(false, reads, writes, writesAll, ddl, sessionChange, useDatabase, temporary, basaltStatus);
    }

    private StatementAnalysis withTemporary() {
        return new StatementAnalysis(cacheable, reads, writes, writesAll, ddl, sessionChange, useDatabase, true, basaltStatus);
    }

    /** The effects of this statement followed by {@code next} (a multi-statement query). */
    private StatementAnalysis and(StatementAnalysis next) {
        Set<String> r = new LinkedHashSet<>(reads);
        r.addAll(next.reads);
        Set<String> w = new LinkedHashSet<>(writes);
        w.addAll(next.writes);
        return new StatementAnalysis(false, Set.copyOf(r), Set.copyOf(w), writesAll || next.writesAll, ddl || next.ddl,
                sessionChange || next.sessionChange, next.useDatabase != null ? next.useDatabase : useDatabase,
                temporary || next.temporary, false);
    }
}
