package dev.basalt.engine.event;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.expr.Coercion;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.plan.ExprBinder;
import dev.basalt.engine.plan.QueryPlanner;
import dev.basalt.engine.plan.Scope;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.statement.Results;
import dev.basalt.engine.statement.StatementRunner;
import dev.basalt.sql.ast.AlterEvent;
import dev.basalt.sql.ast.CreateEvent;
import dev.basalt.sql.ast.DropEvent;
import dev.basalt.sql.ast.EventSchedule;
import dev.basalt.sql.ast.Expression;
import dev.basalt.sql.ast.IntervalUnit;
import dev.basalt.sql.ast.QualifiedName;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/**
 * CREATE / ALTER / DROP EVENT. Like other DDL each runs after an implicit commit in a transaction
 * of its own. Schedule times are evaluated here, in the session's time zone, and stored as values.
 */
public final class EventDdl {
    private EventDdl() {}

    /** A schedule with its expressions evaluated. */
    private record Times(LocalDateTime at, String intervalValue, IntervalUnit unit, LocalDateTime starts,
            LocalDateTime ends) {}

    public static Result create(BasaltSession s, StatementRunner runner, CreateEvent c) {
        dev.basalt.engine.catalog.NameLimits.check(c.name().name());
        s.transaction().implicitCommit();
        String db = database(s, c.name());
        return s.transaction().run(t -> {
            if (s.engine().catalog().snapshot(t).database(db).isEmpty()) throw new SqlException(ErrorCode.ER_BAD_DB, db);
            EventStore store = s.engine().events();
            if (store.event(db, c.name().name()).isPresent()) {
                if (!c.ifNotExists()) throw ErrorCode.ER_EVENT_ALREADY_EXISTS.error(c.name().name());
                note(s, ErrorCode.ER_EVENT_ALREADY_EXISTS.error(c.name().name()));
                return Results.ok();
            }
            LocalDateTime now = now(s);
            Times times = evaluate(s, runner, c.schedule(), now);
            CreateEvent.Status status = c.status() == null ? CreateEvent.Status.ENABLED : c.status();
            if (finishedBefore(times, now)) {
                if (!c.preserve()) {
                    // MySQL: created and dropped at once, with a note
                    note(s, ErrorCode.ER_EVENT_CANNOT_CREATE_IN_THE_PAST.error());
                    return Results.ok();
                }
                note(s, ErrorCode.ER_EVENT_EXEC_TIME_IN_THE_PAST.error());
                status = CreateEvent.Status.DISABLED;
            }
            store.put(t, new EventDef(db, c.name().name(), definer(s, c.definer()), s.systemVariable("time_zone"),
                    s.systemVariable("sql_mode"), times.at(), times.intervalValue(), times.unit(), times.starts(),
                    times.ends(), c.preserve(), status, c.comment(), c.bodyText(), c.body(), now, now, null));
            return Results.ok();
        });
    }

    public static Result alter(BasaltSession s, StatementRunner runner, AlterEvent a) {
        s.transaction().implicitCommit();
        String db = database(s, a.name());
        return s.transaction().run(t -> {
            EventStore store = s.engine().events();
            EventDef old = store.event(db, a.name().name())
                    .orElseThrow(() -> ErrorCode.ER_EVENT_DOES_NOT_EXIST.error(a.name().name()));
            LocalDateTime now = now(s);
            Times times = a.schedule() == null
                    ? new Times(old.executeAt(), old.intervalValue(), old.intervalUnit(), old.starts(), old.ends())
                    : evaluate(s, runner, a.schedule(), now);
            boolean preserve = a.preserve() != null ? a.preserve() : old.preserve();
            CreateEvent.Status status = a.status() != null ? a.status() : old.status();
            if (a.schedule() != null && finishedBefore(times, now)) {
                if (!preserve) {
                    note(s, ErrorCode.ER_EVENT_CANNOT_ALTER_IN_THE_PAST.error());
                    return Results.ok();
                }
                note(s, ErrorCode.ER_EVENT_EXEC_TIME_IN_THE_PAST.error());
                status = CreateEvent.Status.DISABLED;
            }
            String newDb = db, newName = old.name();
            if (a.renameTo() != null) {
                dev.basalt.engine.catalog.NameLimits.check(a.renameTo().name());
                newDb = database(s, a.renameTo());
                newName = a.renameTo().name();
                if (newDb.equals(db) && newName.equalsIgnoreCase(old.name())) throw ErrorCode.ER_EVENT_SAME_NAME.error();
                if (s.engine().catalog().snapshot(t).database(newDb).isEmpty()) {
                    throw new SqlException(ErrorCode.ER_BAD_DB, newDb);
                }
                if (store.event(newDb, newName).isPresent()) throw ErrorCode.ER_EVENT_ALREADY_EXISTS.error(newName);
                store.drop(t, old);
            }
            String definer = a.definer() != null ? definer(s, a.definer()) : old.definer();
            store.put(t, new EventDef(newDb, newName, definer, old.timeZone(), old.sqlMode(), times.at(),
                    times.intervalValue(), times.unit(), times.starts(), times.ends(), preserve, status,
                    a.comment() != null ? a.comment() : old.comment(),
                    a.body() != null ? a.bodyText() : old.bodyText(), a.body() != null ? a.body() : old.body(),
                    old.created(), now, a.schedule() != null ? null : old.lastExecuted()));
            return Results.ok();
        });
    }

    public static Result drop(BasaltSession s, DropEvent d) {
        s.transaction().implicitCommit();
        String db = database(s, d.name());
        return s.transaction().run(t -> {
            EventStore store = s.engine().events();
            EventDef e = store.event(db, d.name().name()).orElse(null);
            if (e == null) {
                if (!d.ifExists()) throw ErrorCode.ER_EVENT_DOES_NOT_EXIST.error(d.name().name());
                // MySQL's note for DROP EVENT IF EXISTS is the routines' 1305
                note(s, ErrorCode.ER_SP_DOES_NOT_EXIST.error("Event", d.name().name()));
                return Results.ok();
            }
            store.drop(t, e);
            return Results.ok();
        });
    }

    // ---------------------------------------------------------------- helpers

    private static String database(BasaltSession s, QualifiedName n) {
        if (n.schema() != null) return n.schema();
        if (s.database() == null) throw new SqlException(ErrorCode.ER_NO_DB);
        return s.database();
    }

    /** The definer to record, quoted (1227 when naming another account without SUPER; note 1449 if missing). */
    private static String definer(BasaltSession s, String written) {
        return dev.basalt.engine.security.Definer.forCreate(s, written);
    }

    private static void note(BasaltSession s, SqlException e) {
        s.warn(EvalContext.Level.NOTE, e.errorCode(), e.getMessage());
    }

    private static LocalDateTime now(BasaltSession s) {
        return s.statementStart().truncatedTo(ChronoUnit.SECONDS);
    }

    /** A one-time event whose time has passed, or a recurring one whose ENDS has. */
    private static boolean finishedBefore(Times times, LocalDateTime now) {
        if (times.at() != null) return times.at().isBefore(now);
        return times.ends() != null && times.ends().isBefore(now);
    }

    private static Times evaluate(BasaltSession s, StatementRunner runner, EventSchedule sc, LocalDateTime now) {
        if (sc.at() != null) return new Times(time(s, runner, sc.at(), "AT"), null, null, null, null);
        IntervalUnit unit = sc.unit();
        Object v = eval(s, runner, sc.every());
        if (v == null) throw ErrorCode.ER_EVENT_INTERVAL_NOT_POSITIVE_OR_TOO_BIG.error();
        String value = text(v);
        EventIntervals.step(value, unit); // 1542 / 1235 now rather than at the first run
        // MySQL shows a simple unit's quantity as a number, a compound one's quoted ('1:30')
        value = unit.name().contains("_") ? "'" + value + "'" : value.replaceFirst("\\..*$", "").trim();
        LocalDateTime starts = sc.starts() == null ? now : time(s, runner, sc.starts(), "STARTS");
        LocalDateTime ends = sc.ends() == null ? null : time(s, runner, sc.ends(), "ENDS");
        if (ends != null && !ends.isAfter(starts)) throw ErrorCode.ER_EVENT_ENDS_BEFORE_STARTS.error();
        return new Times(null, value, unit, starts, ends);
    }

    /** A schedule time: a datetime, else 1525 "Incorrect AT value" (as MySQL). */
    private static LocalDateTime time(BasaltSession s, StatementRunner runner, Expression e, String clause) {
        Object v = eval(s, runner, e);
        LocalDateTime t = v == null ? null : Coercion.toDateTime(null, v);
        if (t == null) throw ErrorCode.ER_WRONG_VALUE.error(clause, v == null ? "NULL" : text(v));
        return t.truncatedTo(ChronoUnit.SECONDS);
    }

    private static String text(Object v) {
        if (v instanceof byte[] b) return new String(b, java.nio.charset.StandardCharsets.UTF_8);
        if (v instanceof LocalDateTime t) return EventShow.time(t);
        return String.valueOf(v);
    }

    private static Object eval(BasaltSession s, StatementRunner runner, Expression e) {
        QueryPlanner planner = new QueryPlanner(runner.queryContext(s.currentTransaction(), false));
        Expr x = new ExprBinder(Scope.empty(null), planner, s.database(), "field list").bind(e);
        return x.eval(s, null);
    }
}
