package dev.basalt.engine.routine;

import dev.basalt.engine.api.ErrorCode;

import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.plan.ProgramNames;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.statement.StatementRunner;
import dev.basalt.sql.ast.RoutineKind;

import java.util.List;

/** Lets the binder find stored functions of the session's current database. */
public final class StoredFunctions implements ProgramNames.FunctionResolver {
    private final BasaltSession session;
    private final StatementRunner runner;

    public StoredFunctions(BasaltSession session, StatementRunner runner) {
        this.session = session;
        this.runner = runner;
    }

    @Override
    public Expr call(String schema, String name, List<Expr> args) {
        String db = schema != null ? schema : session.database();
        if (db == null) return null;
        RoutineDef def = session.engine().programs().routine(RoutineKind.FUNCTION, db, name).orElse(null);
        if (def == null) return null;
        if (def.ast().parameters().size() != args.size()) {
            throw ErrorCode.ER_SP_WRONG_NO_OF_ARGS.error("FUNCTION", db + "." + def.name(),
                    def.ast().parameters().size(), args.size());
        }
        return new StoredFunctionCall(session, runner, def, args);
    }
}
