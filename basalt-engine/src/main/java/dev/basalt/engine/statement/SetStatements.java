package dev.basalt.engine.statement;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.plan.ExprBinder;
import dev.basalt.engine.plan.QueryPlanner;
import dev.basalt.engine.plan.Scope;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.session.SessionVariables;
import dev.basalt.engine.session.SystemVariables;
import dev.basalt.sql.ast.*;

import java.math.BigDecimal;
import java.util.Locale;

/** SET (variables, NAMES, CHARACTER SET, TRANSACTION), DO and KILL. */
final class SetStatements {
    private SetStatements() {}

    static Result set(BasaltSession s, StatementRunner runner, SetStatement st) {
        for (SetItem item : st.items()) {
            switch (item) {
                case SetNames n -> {
                    String cs = n.charset() == null ? "utf8mb4" : n.charset();
                    checkCharset(cs);
                    SessionVariables v = s.variables();
                    v.set("character_set_client", cs);
                    v.set("character_set_connection", cs);
                    v.set("character_set_results", cs);
                    v.set("collation_connection", n.collation() != null ? n.collation() : defaultCollation(cs));
                }
                case SetCharacterSet c -> {
                    String cs = c.charset() == null ? "utf8mb4" : c.charset();
                    checkCharset(cs);
                    s.variables().set("character_set_client", cs);
                    s.variables().set("character_set_results", cs);
                }
                case VariableAssignment a -> assign(s, runner, a);
            }
        }
        return Results.ok();
    }

    private static void checkCharset(String cs) {
        switch (cs.toLowerCase(Locale.ROOT)) {
            case "utf8mb4", "utf8", "utf8mb3", "latin1", "ascii", "binary" -> { }
            default -> throw new SqlException(ErrorCode.ER_UNKNOWN_CHARACTER_SET, cs);
        }
    }

    private static String defaultCollation(String cs) {
        return switch (cs.toLowerCase(Locale.ROOT)) {
            case "utf8mb4" -> "utf8mb4_0900_ai_ci";
            case "utf8", "utf8mb3" -> "utf8mb3_general_ci";
            case "latin1" -> "latin1_swedish_ci";
            case "ascii" -> "ascii_general_ci";
            default -> "binary";
        };
    }

    private static void assign(BasaltSession s, StatementRunner runner, VariableAssignment a) {
        switch (a.target()) {
            case UserVariable u -> s.setUserVariable(u.name(), evaluate(s, runner, a.value()));
            case SystemVariable v -> {
                String name = v.name().toLowerCase(Locale.ROOT);
                boolean global = v.scope() == VariableScope.GLOBAL || v.scope() == VariableScope.PERSIST
                        || v.scope() == VariableScope.PERSIST_ONLY;
                SystemVariables.Def def = s.engine().variables().require(name);
                if (a.value() instanceof DefaultExpr) {
                    // SET GLOBAL x = DEFAULT: the compiled-in default, as MySQL (was silently nothing)
                    if (global) s.engine().variables().setGlobal(name, def.defaultValue());
                    else s.variables().setDefault(name);
                    afterSet(s, def.name());
                    return;
                }
                Object value = a.value() instanceof ColumnRef c && c.table() == null
                        ? c.column() : evaluate(s, runner, a.value());
                // long_query_time keeps its fraction (seconds with microseconds)
                if (value instanceof BigDecimal d && !def.name().equals("long_query_time")) value = d.longValue();
                if (value instanceof byte[] b) value = new String(b, java.nio.charset.StandardCharsets.UTF_8);
                if (def.name().equals("autocommit") && !global) {
                    s.variables().set(name, value);
                    // autocommit = 1 commits the open transaction, as in MySQL
                    if (s.autocommit()) s.transaction().commit();
                    return;
                }
                if (def.name().equals("sql_mode")) {
                    // stored expanded, as MySQL shows it (TRADITIONAL -> its member modes)
                    String raw = String.valueOf(value);
                    try {
                        value = dev.basalt.engine.expr.SqlMode.format(dev.basalt.engine.expr.SqlMode.parse(String.valueOf(value)));
                    } catch (IllegalArgumentException e) {
                        throw new SqlException(ErrorCode.ER_WRONG_VALUE_FOR_VAR, "sql_mode", String.valueOf(value));
                    }
                    if (dev.basalt.engine.expr.SqlMode.namesRemovedMode(raw)) {
                        // MySQL 5.7's text for this mode (8.0 refuses it; see SqlMode)
                        s.warn(dev.basalt.engine.expr.EvalContext.Level.WARNING, 3090,
                                "Changing sql mode 'NO_AUTO_CREATE_USER' is deprecated. It will be removed in a future release.");
                    }
                }
                if (global) s.engine().variables().setGlobal(name, value);
                else s.variables().set(name, value);
                afterSet(s, def.name());
            }
        }
    }

    private static void afterSet(BasaltSession s, String name) {
        if (name.equals("sql_mode")) s.refreshSqlMode();
    }

    /**
     * Evaluates a SET value. It may read tables ({@code SET @v = (SELECT ...)}), so it runs in the
     * statement's transaction: the open one, or one of its own under autocommit.
     */
    static Object evaluate(BasaltSession s, StatementRunner runner, Expression e) {
        return s.transaction().run(t -> {
            QueryPlanner planner = new QueryPlanner(runner.queryContext(t, false));
            Expr x = new ExprBinder(Scope.empty(null), planner, s.database(), "field list").bind(e);
            return x.eval(s, null);
        });
    }

    static Result setTransaction(BasaltSession s, SetTransaction st) {
        // The level applies from the next transaction (session.IsolationLevel). Without
        // GLOBAL/SESSION the level is kept for the session, not only the next transaction.
        if (st.scope() == VariableScope.DEFAULT && s.transaction().isExplicit()) {
            throw new SqlException(ErrorCode.ER_CANT_CHANGE_TX_CHARACTERISTICS);
        }
        if (st.isolationLevel() != null) {
            String level = st.isolationLevel().name().replace('_', '-');
            if (st.scope() == VariableScope.GLOBAL) s.engine().variables().setGlobal("transaction_isolation", level);
            else s.variables().set("transaction_isolation", level);
        }
        if (st.readOnly() != null) {
            if (st.scope() == VariableScope.GLOBAL) {
                s.engine().variables().setGlobal("transaction_read_only", st.readOnly() ? 1L : 0L);
            } else {
                s.variables().set("transaction_read_only", st.readOnly() ? 1L : 0L);
            }
        }
        return Results.ok();
    }

    static Result kill(BasaltSession s, StatementRunner runner, Kill k) {
        Object v = evaluate(s, runner, k.connectionId());
        long id = v instanceof Number n ? n.longValue() : -1;
        BasaltSession target = s.engine().session(id);
        if (target == null) throw new SqlException(ErrorCode.ER_NO_SUCH_THREAD, id);
        // KILL QUERY stops the running statement at its next cancellation check (1317 to its
        // client); KILL [CONNECTION] also hangs the connection up.
        if (k.queryOnly()) target.killQuery();
        else target.kill();
        return Results.ok();
    }

    static Result doStatement(BasaltSession s, StatementRunner runner, Do d) {
        for (Expression e : d.expressions()) evaluate(s, runner, e);
        return Results.ok();
    }
}
