package dev.basalt.engine.statement;

import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.SqlMode;

import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * The session's context with strict mode forced on (DEFAULT values are always checked strictly)
 * or off (INSERT IGNORE / UPDATE IGNORE turn conversion errors into warnings).
 */
record StrictnessContext(EvalContext d, boolean strict) implements EvalContext {

    static EvalContext strict(EvalContext d) { return new StrictnessContext(d, true); }

    static EvalContext lenient(EvalContext d) { return new StrictnessContext(d, false); }

    public boolean sqlMode(SqlMode mode) {
        if (mode == SqlMode.STRICT_ALL_TABLES || mode == SqlMode.STRICT_TRANS_TABLES) return strict;
        if (mode == SqlMode.ERROR_FOR_DIVISION_BY_ZERO && !strict) return false;
        return d.sqlMode(mode);
    }

    public void warn(Level level, int code, String message) { d.warn(level, code, message); }
    public LocalDateTime statementStart() { return d.statementStart(); }
    public ZoneId timeZone() { return d.timeZone(); }
    public long lastInsertId() { return d.lastInsertId(); }
    public void setLastInsertId(long id) { d.setLastInsertId(id); }
    public long connectionId() { return d.connectionId(); }
    public String database() { return d.database(); }
    public String user() { return d.user(); }
    public String currentUser() { return d.currentUser(); }
    public Object userVariable(String name) { return d.userVariable(name); }
    public void setUserVariable(String name, Object value) { d.setUserVariable(name, value); }
    public Object systemVariable(String name, boolean global) { return d.systemVariable(name, global); }
    public String version() { return d.version(); }
    public long rowCount() { return d.rowCount(); }
    public long foundRows() { return d.foundRows(); }
    public double random() { return d.random(); }
    public long groupConcatMaxLen() { return d.groupConcatMaxLen(); }
    public int divPrecisionIncrement() { return d.divPrecisionIncrement(); }
    public boolean postgresOperators() { return d.postgresOperators(); }
}
