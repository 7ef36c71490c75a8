package dev.basalt.engine.routine;

import dev.basalt.engine.api.ErrorCode;

import dev.basalt.engine.api.ColumnInfo;
import dev.basalt.engine.api.OutParameterRows;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.RowCursor;
import dev.basalt.engine.plan.BoundParameters;
import dev.basalt.sql.ast.Parameter;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.plan.ExprBinder;
import dev.basalt.engine.plan.ProgramNames;
import dev.basalt.engine.plan.QueryPlanner;
import dev.basalt.engine.plan.Scope;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.statement.Results;
import dev.basalt.engine.statement.StatementRunner;
import dev.basalt.engine.statement.TableSpecs;
import dev.basalt.engine.types.SqlType;
import dev.basalt.sql.ast.Call;
import dev.basalt.sql.ast.ColumnRef;
import dev.basalt.sql.ast.Expression;
import dev.basalt.sql.ast.RoutineKind;
import dev.basalt.sql.ast.RoutineParameter;
import dev.basalt.sql.ast.UserVariable;

import java.util.ArrayList;
import java.util.List;

/**
 * CALL: binds the arguments, runs the procedure, copies OUT / INOUT values back to the caller's
 * variables, and returns the procedure's result sets followed by the final OK, as MySQL does
 * (the protocol chains them with SERVER_MORE_RESULTS_EXISTS). A CALL inside a procedure adds
 * its result sets to the outer CALL's.
 */
public final class CallStatement {
    private CallStatement() {}

    /** The result sets of the outermost CALL in progress. */
    private static final ScopedValue<List<Result>> SINK = ScopedValue.newInstance();

    public static Result run(BasaltSession s, StatementRunner runner, Call call) {
        String db = ProgramDdl.database(s, call.procedure());
        RoutineDef def = s.engine().programs().routine(RoutineKind.PROCEDURE, db, call.procedure().name())
                .orElseThrow(() -> ErrorCode.ER_SP_DOES_NOT_EXIST.error("PROCEDURE", db + "." + call.procedure().name()));
        List<RoutineParameter> params = def.ast().parameters();
        if (params.size() != call.arguments().size()) {
            throw ErrorCode.ER_SP_WRONG_NO_OF_ARGS.error("PROCEDURE", db + "." + def.name(), params.size(), call.arguments().size());
        }
        String routineKey = db + "." + def.name().toLowerCase(java.util.Locale.ROOT);
        List<String> active = ACTIVE.isBound() ? ACTIVE.get() : List.of();
        long depth = active.stream().filter(routineKey::equals).count();
        if (depth > maxRecursion(s)) throw ErrorCode.ER_SP_RECURSION_LIMIT.error(maxRecursion(s), def.name());
        List<String> nowActive = new ArrayList<>(active);
        nowActive.add(routineKey);
        List<Result> results = SINK.isBound() ? SINK.get() : new ArrayList<>();
        int resultsBefore = results.size();
        ProgramNames.Resolver caller = ProgramNames.current();
        ProgramRunner program = new ProgramRunner(s, runner, null, results);
        for (int i = 0; i < params.size(); i++) {
            RoutineParameter p = params.get(i);
            Expression arg = call.arguments().get(i);
            SqlType type = TableSpecs.type(p.type(), p.name(), null);
            Object value = null;
            if (p.mode() != RoutineParameter.Mode.IN) {
                boolean variable = arg instanceof UserVariable
                        || (arg instanceof ColumnRef c && c.table() == null && caller != null && caller.resolve(c) != null)
                        || (arg instanceof Parameter && BoundParameters.current() != null);
                if (!variable) throw ErrorCode.ER_SP_NOT_VAR_ARG.error(i + 1, db + "." + def.name());
            }
            if (p.mode() != RoutineParameter.Mode.OUT) {
                Expr x = bind(s, runner, arg);
                Object v = x.eval(s, null);
                value = v == null ? null : dev.basalt.engine.expr.Coercion.toColumn(s, v, x.type(), type, p.name(), 1);
            }
            program.parameter(p.name(), type, value);
        }
        String savedDb = s.database();
        try {
            s.setDatabase(db);
            ScopedValue.where(SINK, results).where(ACTIVE, nowActive).run(
                    () -> RoutineSecurity.run(s, def, () -> SavedSqlMode.with(s, def.sqlMode(), () -> program.run(def.ast().body()))));
        } finally {
            s.setDatabase(savedDb);
        }
        if (NO_RESULT_SETS.isBound() && results.size() > resultsBefore) {
            // called (at any depth) from a function or trigger, which have no client to send rows to
            throw ErrorCode.ER_SP_BADSELECT.error(db + "." + def.name());
        }
        for (int i = 0; i < params.size(); i++) {
            RoutineParameter p = params.get(i);
            if (p.mode() == RoutineParameter.Mode.IN) continue;
            ProgramRunner.Var v = program.variable(p.name());
            Expression arg = call.arguments().get(i);
            if (arg instanceof UserVariable u) {
                s.setUserVariable(u.name(), v.value);
            } else if (arg instanceof ColumnRef c) {
                caller.assign(c.column(), v.value, v.type);
            }
        }
        List<ColumnInfo> outColumns = new ArrayList<>();
        List<Object> outValues = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            RoutineParameter p = params.get(i);
            if (p.mode() != RoutineParameter.Mode.IN && call.arguments().get(i) instanceof Parameter) {
                ProgramRunner.Var v = program.variable(p.name());
                outColumns.add(ColumnInfo.expression(p.name(), v.type, true));
                outValues.add(v.value);
            }
        }
        if (!outColumns.isEmpty() && !SINK.isBound()) {
            // a prepared CALL with placeholders as OUT arguments: their values travel as a flagged result set
            results.add(new OutParameters(outColumns, outValues.toArray()));
        }
        if (SINK.isBound()) return Results.ok();
        if (results.isEmpty()) return Results.ok();
        List<Result> rest = new ArrayList<>(results.subList(1, results.size()));
        rest.add(Results.ok());
        s.queueResults(rest);
        return results.get(0);
    }

    /** The OUT values of a prepared CALL (see {@link OutParameterRows}). */
    private record OutParameters(List<ColumnInfo> columns, Object[] row) implements OutParameterRows {
        @Override public RowCursor cursor() {
            return new RowCursor() {
                boolean sent;

                @Override public Object[] next() {
                    if (sent) return null;
                    sent = true;
                    return row;
                }

                @Override public void close() { }
            };
        }
    }

    /** Bound while a stored function or trigger runs: procedures they call may not return rows (1312). */
    private static final ScopedValue<Boolean> NO_RESULT_SETS = ScopedValue.newInstance();

    /** Runs a function's or trigger's body, where a CALL returning result sets is an error. */
    static <T> T withoutResultSets(java.util.function.Supplier<T> body) {
        return ScopedValue.where(NO_RESULT_SETS, Boolean.TRUE).where(SINK, new ArrayList<>()).call(body::get);
    }

    /** The procedures being run, outermost first, as "db.name" (for max_sp_recursion_depth). */
    private static final ScopedValue<List<String>> ACTIVE = ScopedValue.newInstance();

    private static long maxRecursion(BasaltSession s) {
        try {
            return Long.parseLong(s.systemVariable("max_sp_recursion_depth"));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    static Expr bind(BasaltSession s, StatementRunner runner, Expression e) {
        QueryPlanner planner = new QueryPlanner(runner.queryContext(s.currentTransaction(), false));
        return new ExprBinder(Scope.empty(null), planner, s.database(), "field list").bind(e);
    }
}
