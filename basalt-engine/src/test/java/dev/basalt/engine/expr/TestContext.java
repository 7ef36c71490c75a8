package dev.basalt.engine.expr;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A map-backed EvalContext for tests: records warnings, fixed clock, settable sql_mode. */
public final class TestContext implements EvalContext {

    public record Warning(Level level, int code, String message) {}

    public final List<Warning> warnings = new ArrayList<>();
    public Set<SqlMode> modes = EnumSet.copyOf(SqlMode.DEFAULT);
    public LocalDateTime now = LocalDateTime.of(2024, 3, 15, 10, 20, 30, 123456000);
    public long lastInsertId;
    public final Map<String, Object> userVars = new HashMap<>();
    public final Map<String, Object> sysVars = new HashMap<>(Map.of("autocommit", 1L, "version_comment", "Basalt"));
    private double rnd = 0.25;

    public static TestContext nonStrict() {
        TestContext c = new TestContext();
        c.modes = EnumSet.noneOf(SqlMode.class);
        return c;
    }

    @Override public void warn(Level level, int code, String message) { warnings.add(new Warning(level, code, message)); }
    @Override public boolean sqlMode(SqlMode mode) { return modes.contains(mode); }
    @Override public LocalDateTime statementStart() { return now; }
    @Override public ZoneId timeZone() { return ZoneId.of("UTC"); }
    @Override public long lastInsertId() { return lastInsertId; }
    @Override public void setLastInsertId(long id) { lastInsertId = id; }
    @Override public long connectionId() { return 7; }
    @Override public String database() { return "test"; }
    @Override public String user() { return "root@localhost"; }
    @Override public Object userVariable(String name) { return userVars.get(name.toLowerCase()); }
    @Override public void setUserVariable(String name, Object value) { userVars.put(name.toLowerCase(), value); }
    @Override
    public Object systemVariable(String name, boolean global) {
        Object v = sysVars.get(name.toLowerCase());
        if (v == null) throw new dev.basalt.engine.api.SqlException(1193, "HY000", "Unknown system variable '" + name + "'");
        return v;
    }
    @Override public String version() { return "8.0.36-basalt"; }
    @Override public long rowCount() { return 3; }
    @Override public long foundRows() { return 11; }
    @Override public double random() { rnd = (rnd * 7 + 0.1) % 1; return rnd; }

    public List<Integer> warningCodes() { return warnings.stream().map(Warning::code).toList(); }
}
