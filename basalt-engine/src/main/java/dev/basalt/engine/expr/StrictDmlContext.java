package dev.basalt.engine.expr;

import dev.basalt.engine.api.SqlException;

import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * Wraps a session context for the expressions of an INSERT / UPDATE / DELETE in strict mode:
 * MySQL turns some expression warnings into errors there. Division by zero (1365) becomes an
 * error when ERROR_FOR_DIVISION_BY_ZERO is set; truncated numbers and bad dates (1292, 1366)
 * always do. Outside strict mode (or for INSERT IGNORE) use the session context directly.
 */
public final class StrictDmlContext implements EvalContext {
    private final EvalContext base;

    private StrictDmlContext(EvalContext base) { this.base = base; }

    /** The context to evaluate DML expressions with: escalating when strict, else the base. */
    public static EvalContext of(EvalContext base) {
        return base.strictMode() ? new StrictDmlContext(base) : base;
    }

    @Override
    public void warn(Level level, int code, String message) {
        if (level != Level.NOTE) {
            switch (code) {
                case 1365 -> {
                    if (base.sqlMode(SqlMode.ERROR_FOR_DIVISION_BY_ZERO)) throw new SqlException(1365, "22012", message);
                }
                case 1292 -> throw new SqlException(1292, "22007", message);
                case 1366 -> throw new SqlException(1366, "HY000", message);
                default -> { }
            }
        }
        base.warn(level, code, message);
    }

    @Override public boolean sqlMode(SqlMode mode) { return base.sqlMode(mode); }
    @Override public LocalDateTime statementStart() { return base.statementStart(); }
    @Override public ZoneId timeZone() { return base.timeZone(); }
    @Override public long lastInsertId() { return base.lastInsertId(); }
    @Override public void setLastInsertId(long id) { base.setLastInsertId(id); }
    @Override public long connectionId() { return base.connectionId(); }
    @Override public String database() { return base.database(); }
    @Override public String user() { return base.user(); }
    @Override public String currentUser() { return base.currentUser(); }
    @Override public Object userVariable(String name) { return base.userVariable(name); }
    @Override public void setUserVariable(String name, Object value) { base.setUserVariable(name, value); }
    @Override public Object systemVariable(String name, boolean global) { return base.systemVariable(name, global); }
    @Override public String version() { return base.version(); }
    @Override public long rowCount() { return base.rowCount(); }
    @Override public long foundRows() { return base.foundRows(); }
    @Override public double random() { return base.random(); }
    @Override public long groupConcatMaxLen() { return base.groupConcatMaxLen(); }
    @Override public int divPrecisionIncrement() { return base.divPrecisionIncrement(); }
    @Override public boolean postgresOperators() { return base.postgresOperators(); }
}
