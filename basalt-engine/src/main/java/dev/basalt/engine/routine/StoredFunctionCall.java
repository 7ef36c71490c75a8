package dev.basalt.engine.routine;

import dev.basalt.engine.api.ErrorCode;

import dev.basalt.engine.expr.Coercion;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.statement.StatementRunner;
import dev.basalt.engine.statement.TableSpecs;
import dev.basalt.engine.types.SqlType;
import dev.basalt.sql.ast.RoutineParameter;

import java.util.List;

/**
 * A call of a stored function inside an expression. Runs the function's body for every
 * evaluation (it is not deterministic for the planner, whatever its declaration says).
 */
final class StoredFunctionCall implements Expr {
    private final BasaltSession session;
    private final StatementRunner runner;
    private final RoutineDef def;
    private final List<Expr> args;
    private final SqlType type;

    StoredFunctionCall(BasaltSession session, StatementRunner runner, RoutineDef def, List<Expr> args) {
        this.session = session;
        this.runner = runner;
        this.def = def;
        this.args = List.copyOf(args);
        this.type = TableSpecs.type(def.ast().returns(), def.name(), null);
    }

    @Override public SqlType type() { return type; }

    @Override public boolean nullable() { return true; }

    @Override public boolean isDeterministic() { return false; }

    @Override public List<Expr> children() { return args; }

    @Override public Expr withChildren(List<Expr> children) {
        return new StoredFunctionCall(session, runner, def, children);
    }

    /** Stored functions being evaluated: MySQL refuses recursion (1424). */
    private static final ScopedValue<java.util.Set<RoutineDef>> ACTIVE = ScopedValue.newInstance();

    @Override
    public Object eval(EvalContext ctx, Object[] row) {
        if (ACTIVE.isBound() && ACTIVE.get().contains(def)) {
            throw new dev.basalt.engine.api.SqlException(1424, "HY000", "Recursive stored functions and triggers are not allowed.");
        }
        java.util.Set<RoutineDef> active = new java.util.HashSet<>(ACTIVE.isBound() ? ACTIVE.get() : java.util.Set.of());
        active.add(def);
        return ScopedValue.where(ACTIVE, active).call(() -> evaluate(ctx, row));
    }

    private Object evaluate(EvalContext ctx, Object[] row) {
        ProgramRunner program = new ProgramRunner(session, runner, null, null);
        List<RoutineParameter> params = def.ast().parameters();
        for (int i = 0; i < params.size(); i++) {
            RoutineParameter p = params.get(i);
            SqlType pt = TableSpecs.type(p.type(), p.name(), null);
            Object v = args.get(i).eval(ctx, row);
            program.parameter(p.name(), pt, v == null ? null : Coercion.toColumn(session, v, args.get(i).type(), pt, p.name(), 1));
        }
        String savedDb = session.database();
        Object result;
        try {
            session.setDatabase(def.database());
            result = CallStatement.withoutResultSets(
                    () -> RoutineSecurity.run(session, def, () -> SavedSqlMode.with(session, def.sqlMode(), () -> program.run(def.ast().body()))));
        } finally {
            session.setDatabase(savedDb);
        }
        if (!program.returned()) throw ErrorCode.ER_SP_NORETURNEND.error(def.name());
        return result == null ? null : Coercion.toColumn(session, result, program.returnType(), type, def.name(), 1);
    }
}
