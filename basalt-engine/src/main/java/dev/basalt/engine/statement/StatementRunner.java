package dev.basalt.engine.statement;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.api.ColumnInfo;
import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.catalog.CatalogSnapshot;
import dev.basalt.engine.plan.QueryContext;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.session.SessionTransaction;
import dev.basalt.engine.txn.Transaction;
import dev.basalt.sql.ast.*;
import dev.basalt.sql.parser.MySqlParser;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Dispatches parsed statements of one session to the code that runs each kind. */
public final class StatementRunner {

    private final BasaltSession session;
    private final BasaltEngine engine;

    /** The session this runner runs statements for. */
    BasaltSession session() { return session; }

    public StatementRunner(BasaltSession session) {
        this.session = session;
        this.engine = session.engine();
        this.functions = new dev.basalt.engine.routine.StoredFunctions(session, this);
    }

    /** Statements that show the previous statement's diagnostics and so must not clear them. */
    public static boolean keepsDiagnostics(Statement st) {
        return st instanceof Show sh && (sh.kind() == ShowKind.WARNINGS || sh.kind() == ShowKind.ERRORS
                || sh.kind() == ShowKind.COUNT_WARNINGS || sh.kind() == ShowKind.COUNT_ERRORS);
    }

    public Result run(Statement st, String text) {
        // EXECUTE is transparent: the prepared statement it runs is checked as a client statement
        boolean outermost = depth == 0;
        boolean counts = !(st instanceof Execute);
        if (counts) depth++;
        try {
            // stored functions are found by name while the statement's expressions are bound
            return dev.basalt.engine.plan.ProgramNames.withFunctions(functions, () -> dispatch(st, text, outermost));
        } finally {
            if (counts) depth--;
        }
    }

    /** Runs {@code body} (describing a statement at PREPARE) with this session's stored functions callable. */
    public <T> T withStoredFunctions(java.util.function.Supplier<T> body) {
        return dev.basalt.engine.plan.ProgramNames.withFunctions(functions, body);
    }

    /** How many statements are running in this session, one inside another (CALL, triggers). */
    private int depth;

    private final dev.basalt.engine.routine.StoredFunctions functions;

    private Result dispatch(Statement st, String text, boolean outermost) {
        SessionTransaction txn = session.transaction();
        // privileges first, so that virtual databases are guarded like local ones
        dev.basalt.engine.security.AccessCheck.check(session, st);
        dev.basalt.engine.lock.TableLockGate.before(session, st, outermost);
        Result routed = ExternalRouting.route(session, st, text);
        if (routed != null) return routed;
        return switch (st) {
            case Query q -> SelectStatement.run(session, this, q);
            case Insert i -> DmlStatements.insert(session, this, i);
            case Update u -> DmlStatements.update(session, this, u);
            case Delete d -> DmlStatements.delete(session, this, d);
            case CreateDatabase x -> ddl(st);
            case AlterDatabase x -> ddl(st);
            case DropDatabase x -> ddl(st);
            case CreateTable x -> ddl(st);
            case DropTable x -> ddl(st);
            case TruncateTable x -> ddl(st);
            case RenameTable x -> ddl(st);
            case CreateIndex x -> ddl(st);
            case DropIndex x -> ddl(st);
            case AlterTable x -> ddl(st);
            case CreateView x -> ddl(st);
            case DropView x -> ddl(st);
            case Use u -> {
                session.useDatabase(u.database());
                yield Results.ok();
            }
            case SetStatement s -> SetStatements.set(session, this, s);
            case SetTransaction s -> SetStatements.setTransaction(session, s);
            case Show s -> ShowStatements.show(session, this, s);
            case Describe d -> ShowStatements.describe(session, this, d);
            case Explain e -> ShowStatements.explain(session, this, e);
            case StartTransaction s -> {
                engine.tableLocks().releaseTables(session.connectionId()); // as MySQL: BEGIN ends LOCK TABLES
                txn.begin(Boolean.TRUE.equals(s.readOnly()), s.consistentSnapshot());
                yield Results.ok();
            }
            case Commit c -> {
                txn.commit();
                yield Results.ok();
            }
            case Rollback r -> {
                if (r.savepoint() != null) {
                    Transaction t = txn.current();
                    if (t == null) throw new SqlException(ErrorCode.ER_SAVEPOINT_DOES_NOT_EXIST, r.savepoint());
                    t.rollbackToSavepoint(r.savepoint());
                } else {
                    txn.rollback();
                }
                yield Results.ok();
            }
            case Savepoint sp -> {
                Transaction t = txn.forStatement();
                t.savepoint(sp.name());
                yield Results.ok();
            }
            case ReleaseSavepoint sp -> {
                Transaction t = txn.current();
                if (t == null) throw new SqlException(ErrorCode.ER_SAVEPOINT_DOES_NOT_EXIST, sp.name());
                t.releaseSavepoint(sp.name());
                yield Results.ok();
            }
            case LockTables l -> {
                dev.basalt.engine.lock.TableLockStatements.lock(session, l);
                yield Results.ok();
            }
            case UnlockTables u -> {
                dev.basalt.engine.lock.TableLockStatements.unlock(session);
                yield Results.ok();
            }
            case Kill k -> SetStatements.kill(session, this, k);
            case dev.basalt.sql.ast.Shutdown s -> {
                // the host drains every connection (this one too) after this OK, as MySQL does
                Runnable stop = session.engine().shutdownRequest();
                if (stop == null) throw ErrorCode.ER_NOT_SUPPORTED_YET.error("SHUTDOWN of an embedded engine");
                stop.run();
                yield Results.ok();
            }
            case Do d -> SetStatements.doStatement(session, this, d);
            case Flush f -> {
                dev.basalt.engine.lock.TableLockStatements.flush(session, f);
                if (!f.readLock()) FlushLogs.run(session, f.text());
                yield Results.ok();
            }
            case TableMaintenance m -> ShowStatements.maintenance(session, this, m);
            case Prepare p -> SqlPreparedStatements.prepare(session, p);
            case Execute e -> SqlPreparedStatements.execute(session, this, e);
            case DeallocatePrepare d -> SqlPreparedStatements.deallocate(session, d);
            case CreateRoutine c -> dev.basalt.engine.routine.ProgramDdl.createRoutine(session, c);
            case DropRoutine d -> dev.basalt.engine.routine.ProgramDdl.dropRoutine(session, d);
            case CreateTrigger c -> dev.basalt.engine.routine.ProgramDdl.createTrigger(session, c);
            case DropTrigger d -> dev.basalt.engine.routine.ProgramDdl.dropTrigger(session, d);
            case Call c -> dev.basalt.engine.routine.CallStatement.run(session, this, c);
            case SelectInto si -> SelectIntoStatement.run(session, this, si);
            case LoadData ld -> LoadDataStatement.run(session, this, ld);
            case AlterRoutine a -> dev.basalt.engine.routine.ProgramDdl.alterRoutine(session, a);
            case AccountStatement a -> dev.basalt.engine.security.AccountStatements.run(session, a);
            case dev.basalt.sql.ast.CreateEvent c -> dev.basalt.engine.event.EventDdl.create(session, this, c);
            case dev.basalt.sql.ast.AlterEvent a -> dev.basalt.engine.event.EventDdl.alter(session, this, a);
            case dev.basalt.sql.ast.DropEvent d -> dev.basalt.engine.event.EventDdl.drop(session, d);
        };
    }

    private Result ddl(Statement st) {
        // CREATE / DROP TEMPORARY TABLE do not commit the open transaction (as in MySQL)
        boolean temporary = st instanceof CreateTable c && c.temporary() || st instanceof DropTable d && d.temporary();
        if (!temporary) session.transaction().implicitCommit();
        // ALTER / DROP / TRUNCATE / RENAME wait for other sessions' transactions using the table
        return dev.basalt.engine.lock.MetadataLockGate.exclusively(session, st, () -> DdlStatements.run(session, this, st));
    }

    /** Everything the planner needs for a statement in transaction {@code t}. */
    public QueryContext queryContext(Transaction t, boolean lockRows) {
        CatalogSnapshot catalog = engine.catalog().snapshot(t).forSession(session.connectionId());
        Map<String, Object> state = new HashMap<>();
        // views run as their definer (or the reader): see ViewSecurity
        state.put(dev.basalt.engine.plan.ViewOpening.STATE_KEY, dev.basalt.engine.security.ViewSecurity.forStatement(session));
        return new QueryContext(session, t, catalog, engine.tables(), session.database(),
                new InformationSchema(engine, session, catalog, v -> ViewColumns.of(this, t, v)), StatementRunner::parseQuery, lockRows, state,
                new StatementExternals(engine.externals(), catalog, session.transaction(), lockRows,
                        session.currentStatement()));
    }

    static Query parseQuery(String sql) {
        Statement st = MySqlParser.parseOne(sql);
        if (st instanceof Query q) return q;
        throw new SqlException(ErrorCode.ER_INTERNAL_ERROR, "view text is not a query");
    }

    /** The table's definition in the current transaction's view; 1046 / 1146 when absent. */
    public dev.basalt.engine.catalog.TableDef table(Transaction t, QualifiedName name) {
        String db = name.schema() != null ? name.schema() : session.database();
        if (db == null) throw new SqlException(ErrorCode.ER_NO_DB);
        // t may be null (SHOW, DESCRIBE outside a transaction): the session still sees its temporary tables
        return engine.catalog().snapshot(t).forSession(session.connectionId()).table(db, name.name())
                .orElseThrow(() -> new SqlException(ErrorCode.ER_NO_SUCH_TABLE, db, name.name()));
    }

    /** The view of that name as the session sees it, or empty (no current database: empty too). */
    java.util.Optional<dev.basalt.engine.catalog.ViewDef> view(QualifiedName name) {
        String db = name.schema() != null ? name.schema() : session.database();
        if (db == null) return java.util.Optional.empty();
        return engine.catalog().snapshot(null).forSession(session.connectionId()).view(db, name.name());
    }

    public List<ColumnInfo> fieldList(String table, String wildcard) {
        return ShowStatements.fieldList(session, this, table, wildcard);
    }
}
