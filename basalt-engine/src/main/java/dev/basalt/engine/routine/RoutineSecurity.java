package dev.basalt.engine.routine;

import dev.basalt.engine.security.Definer;
import dev.basalt.engine.session.BasaltSession;

import java.util.function.Supplier;

/**
 * Whose privileges a stored routine's body runs with: its definer's (SQL SECURITY DEFINER, the
 * default) or the caller's (SQL SECURITY INVOKER). The caller's EXECUTE was checked before.
 */
final class RoutineSecurity {
    private RoutineSecurity() {}

    static <T> T run(BasaltSession s, RoutineDef def, Supplier<T> body) {
        if (def.ast().invokerSecurity()) return body.get();
        return Definer.run(s, def.definer(), body);
    }
}
