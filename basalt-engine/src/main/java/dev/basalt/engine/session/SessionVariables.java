package dev.basalt.engine.session;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;

import java.util.HashMap;
import java.util.Map;

/** One session's values of system variables, falling back to the global value until set. */
public final class SessionVariables {

    private final SystemVariables system;
    private final Map<String, Object> values = new HashMap<>();

    public SessionVariables(SystemVariables system) {
        this.system = system;
    }

    public SystemVariables system() { return system; }

    public Object get(String name) {
        SystemVariables.Def d = system.require(name);
        if (d.scope() == SystemVariables.Scope.GLOBAL) return system.global(d.name());
        Object v = values.get(d.name());
        return v != null ? v : system.global(d.name());
    }

    public void set(String name, Object value) {
        SystemVariables.Def d = system.require(name);
        if (d.scope() == SystemVariables.Scope.GLOBAL) throw new SqlException(ErrorCode.ER_GLOBAL_VARIABLE, d.name());
        if (d.readOnly()) throw new SqlException(ErrorCode.ER_INCORRECT_GLOBAL_LOCAL_VAR, d.name(), "read only");
        values.put(d.name(), SystemVariables.normalize(d, value));
        version++;
    }

    /** Back to the global values (COM_RESET_CONNECTION, SET x = DEFAULT for all). */
    public void reset() {
        values.clear();
        version++;
    }

    public void setDefault(String name) {
        SystemVariables.Def d = system.require(name);
        values.remove(d.name());
        version++;
    }

    /**
     * Bumped by every change of a session value: a prepared statement's kept plan made under
     * other values (sql_mode, character sets, optimizer settings...) is made again. Coarse on
     * purpose: SET is rare next to EXECUTE, and a missed variable would be a wrong result.
     */
    private long version;

    public long version() { return version; }

    public String getText(String name) {
        Object v = get(name);
        return v == null ? null : v.toString();
    }

    public boolean getBool(String name) {
        Object v = get(name);
        return v instanceof Long l && l != 0;
    }

    public long getLong(String name) {
        Object v = get(name);
        return v instanceof Number n ? n.longValue() : 0;
    }
}
