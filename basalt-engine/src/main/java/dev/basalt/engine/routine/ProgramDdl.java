package dev.basalt.engine.routine;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.catalog.CatalogSnapshot;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.statement.Results;
import dev.basalt.engine.txn.Transaction;
import dev.basalt.sql.ast.AlterRoutine;
import dev.basalt.sql.ast.CreateRoutine;
import dev.basalt.sql.ast.CreateTrigger;
import dev.basalt.sql.ast.DropRoutine;
import dev.basalt.sql.ast.DropTrigger;
import dev.basalt.sql.ast.ProgramStatement;
import dev.basalt.sql.ast.QualifiedName;
import dev.basalt.sql.ast.Query;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * CREATE / DROP of procedures, functions and triggers. Each runs, like other DDL, in a
 * transaction of its own after an implicit commit.
 */
public final class ProgramDdl {
    private ProgramDdl() {}

    static StoredPrograms programs(BasaltSession s) { return s.engine().programs(); }

    /** The schema a name means: its own, else the session's (1046 when there is none). */
    static String database(BasaltSession s, QualifiedName n) {
        return n.schema() != null ? n.schema() : currentDatabase(s);
    }

    static String currentDatabase(BasaltSession s) {
        if (s.database() == null) throw new SqlException(ErrorCode.ER_NO_DB);
        return s.database();
    }

    /** The definer to record, quoted (1227 when naming another account without SUPER; note 1449 if missing). */
    private static String definer(BasaltSession s, String written) {
        return dev.basalt.engine.security.Definer.forCreate(s, written);
    }

    public static Result createRoutine(BasaltSession s, CreateRoutine c) {
        dev.basalt.engine.catalog.NameLimits.check(c.name().name());
        s.transaction().implicitCommit();
        String db = database(s, c.name());
        return s.transaction().run(t -> {
            CatalogSnapshot cat = s.engine().catalog().snapshot(t);
            if (cat.database(db).isEmpty()) throw new SqlException(ErrorCode.ER_BAD_DB, db);
            if (programs(s).routine(c.kind(), db, c.name().name()).isPresent()) {
                if (c.ifNotExists()) {
                    s.warn(EvalContext.Level.NOTE, ErrorCode.ER_SP_ALREADY_EXISTS.code(),
                            ErrorCode.ER_SP_ALREADY_EXISTS.error(c.kind().name(), c.name().name()).getMessage());
                    return Results.ok();
                }
                throw ErrorCode.ER_SP_ALREADY_EXISTS.error(c.kind().name(), c.name().name());
            }
            ProgramChecks.checkRoutine(c);
            programs(s).create(t, new RoutineDef(db, c.name().name(), c, definer(s, c.definer()),
                    s.systemVariable("sql_mode"), LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS)));
            return Results.ok();
        });
    }

    public static Result dropRoutine(BasaltSession s, DropRoutine d) {
        s.transaction().implicitCommit();
        String db = database(s, d.name());
        return s.transaction().run(t -> {
            var def = programs(s).routine(d.kind(), db, d.name().name());
            if (def.isEmpty()) {
                SqlException e = ErrorCode.ER_SP_DOES_NOT_EXIST.error(d.kind().name(), db + "." + d.name().name());
                if (!d.ifExists()) throw e;
                s.warn(EvalContext.Level.NOTE, e.errorCode(), e.getMessage());
                return Results.ok();
            }
            programs(s).drop(t, def.get());
            return Results.ok();
        });
    }

    /** ALTER PROCEDURE / FUNCTION: the characteristics written replace the stored ones. */
    public static Result alterRoutine(BasaltSession s, AlterRoutine a) {
        s.transaction().implicitCommit();
        String db = database(s, a.name());
        return s.transaction().run(t -> {
            RoutineDef def = programs(s).routine(a.kind(), db, a.name().name())
                    .orElseThrow(() -> ErrorCode.ER_SP_DOES_NOT_EXIST.error(a.kind().name(), db + "." + a.name().name()));
            CreateRoutine c = def.ast();
            CreateRoutine changed = new CreateRoutine(c.definer(), c.kind(), c.name(), c.ifNotExists(), c.parameters(),
                    c.returns(), c.returnsText(), a.comment() != null ? a.comment() : c.comment(), c.deterministic(),
                    a.dataAccess() != null ? a.dataAccess() : c.dataAccess(),
                    a.invokerSecurity() != null ? a.invokerSecurity() : c.invokerSecurity(), c.body(), c.bodyText(), "");
            // the stored form is CREATE text: SHOW CREATE's rendering of the changed routine
            String text = ProgramShow.createRoutine(new RoutineDef(db, def.name(), changed, def.definer(), def.sqlMode(), def.created()));
            CreateRoutine stored = new CreateRoutine(changed.definer(), changed.kind(), changed.name(), false,
                    changed.parameters(), changed.returns(), changed.returnsText(), changed.comment(), changed.deterministic(),
                    changed.dataAccess(), changed.invokerSecurity(), changed.body(), changed.bodyText(), text);
            programs(s).create(t, new RoutineDef(db, def.name(), stored, def.definer(), def.sqlMode(), def.created()));
            return Results.ok();
        });
    }

    public static Result createTrigger(BasaltSession s, CreateTrigger c) {
        dev.basalt.engine.catalog.NameLimits.check(c.name().name());
        s.transaction().implicitCommit();
        String db = c.table().schema() != null ? c.table().schema() : database(s, c.name());
        if (c.name().schema() != null && !c.name().schema().equals(db)) {
            throw new SqlException(1435, "HY000", "Trigger in wrong schema");
        }
        return s.transaction().run(t -> {
            CatalogSnapshot cat = s.engine().catalog().snapshot(t);
            if (cat.database(db).isEmpty()) throw new SqlException(ErrorCode.ER_BAD_DB, db);
            TableDef table = cat.table(db, c.table().name()).orElse(null);
            if (table == null) {
                if (cat.view(db, c.table().name()).isPresent()) {
                    throw ErrorCode.ER_WRONG_OBJECT.error(db, c.table().name(), "BASE TABLE");
                }
                throw new SqlException(ErrorCode.ER_NO_SUCH_TABLE, db, c.table().name());
            }
            if (programs(s).trigger(db, c.name().name()).isPresent()) {
                if (c.ifNotExists()) {
                    s.warn(EvalContext.Level.NOTE, ErrorCode.ER_TRG_ALREADY_EXISTS.code(),
                            ErrorCode.ER_TRG_ALREADY_EXISTS.format());
                    return Results.ok();
                }
                throw ErrorCode.ER_TRG_ALREADY_EXISTS.error();
            }
            ProgramChecks.checkTrigger(c, table);
            List<TriggerDef> same = programs(s).triggers(db, table.name(), c.timing(), c.event());
            int position = same.size();
            if (c.orderTarget() != null) {
                int at = -1;
                for (int i = 0; i < same.size(); i++) if (same.get(i).name().equals(c.orderTarget())) at = i;
                if (at < 0) throw ErrorCode.ER_REFERENCED_TRG_DOES_NOT_EXIST.error(c.orderTarget());
                position = c.follows() ? at + 1 : at;
            }
            TriggerDef def = new TriggerDef(db, c.name().name(), table.name(), c, definer(s, c.definer()),
                    s.systemVariable("sql_mode"), LocalDateTime.now().truncatedTo(ChronoUnit.MILLIS), 0);
            List<TriggerDef> ordered = new ArrayList<>(same);
            ordered.add(position, def);
            for (int i = 0; i < ordered.size(); i++) {
                TriggerDef d = ordered.get(i);
                if (d == def || d.order() != i + 1) programs(s).put(t, d.withOrder(i + 1));
            }
            return Results.ok();
        });
    }

    public static Result dropTrigger(BasaltSession s, DropTrigger d) {
        s.transaction().implicitCommit();
        String db = database(s, d.name());
        return s.transaction().run(t -> {
            var def = programs(s).trigger(db, d.name().name());
            if (def.isEmpty()) {
                if (!d.ifExists()) throw ErrorCode.ER_TRG_DOES_NOT_EXIST.error();
                s.warn(EvalContext.Level.NOTE, ErrorCode.ER_TRG_DOES_NOT_EXIST.code(), ErrorCode.ER_TRG_DOES_NOT_EXIST.format());
                return Results.ok();
            }
            TriggerDef gone = def.get();
            programs(s).drop(t, gone);
            int order = 1;
            for (TriggerDef o : programs(s).triggers(db, gone.table(), gone.timing(), gone.event())) {
                if (o == gone) continue;
                if (o.order() != order) programs(s).put(t, o.withOrder(order));
                order++;
            }
            return Results.ok();
        });
    }

    /** True when the body (outside handlers' and cursors' queries) has a statement returning rows. */
    static boolean returnsRows(ProgramStatement p) {
        return switch (p) {
            case ProgramStatement.Sql sql -> sql.statement() instanceof Query
                    || sql.statement() instanceof dev.basalt.sql.ast.Show;
            case ProgramStatement.Block b -> b.statements().stream().anyMatch(ProgramDdl::returnsRows);
            case ProgramStatement.If i -> i.branches().stream().anyMatch(br -> br.statements().stream().anyMatch(ProgramDdl::returnsRows))
                    || (i.otherwise() != null && i.otherwise().stream().anyMatch(ProgramDdl::returnsRows));
            case ProgramStatement.Case c -> c.branches().stream().anyMatch(br -> br.statements().stream().anyMatch(ProgramDdl::returnsRows))
                    || (c.otherwise() != null && c.otherwise().stream().anyMatch(ProgramDdl::returnsRows));
            case ProgramStatement.While w -> w.statements().stream().anyMatch(ProgramDdl::returnsRows);
            case ProgramStatement.Repeat r -> r.statements().stream().anyMatch(ProgramDdl::returnsRows);
            case ProgramStatement.Loop l -> l.statements().stream().anyMatch(ProgramDdl::returnsRows);
            case ProgramStatement.DeclareHandler h -> returnsRows(h.body());
            default -> false;
        };
    }
}
