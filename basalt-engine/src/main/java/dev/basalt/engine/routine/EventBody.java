package dev.basalt.engine.routine;

import dev.basalt.engine.api.Result;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.statement.StatementRunner;
import dev.basalt.sql.ast.ProgramStatement;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs an event's body (a single statement or BEGIN ... END) as the stored programs run: with the
 * sql_mode saved at CREATE EVENT. Result sets a body produces have no client and are dropped.
 */
public final class EventBody {
    private EventBody() {}

    public static void run(BasaltSession s, StatementRunner runner, ProgramStatement body, String sqlMode) {
        List<Result> discarded = new ArrayList<>();
        ProgramRunner program = new ProgramRunner(s, runner, null, discarded);
        SavedSqlMode.with(s, sqlMode, () -> program.run(body));
    }
}
