package dev.basalt.engine.routine;

import dev.basalt.engine.session.BasaltSession;

import java.util.function.Supplier;

/**
 * A stored program runs with the sql_mode that was in force when it was created (MySQL saves it
 * with the program); the caller's mode comes back afterwards.
 */
final class SavedSqlMode {
    private SavedSqlMode() {}

    static <T> T with(BasaltSession s, String mode, Supplier<T> body) {
        String current = s.systemVariable("sql_mode");
        if (mode == null || mode.equals(current)) return body.get();
        s.variables().set("sql_mode", mode);
        s.refreshSqlMode();
        try {
            return body.get();
        } finally {
            s.variables().set("sql_mode", current);
            s.refreshSqlMode();
        }
    }
}
