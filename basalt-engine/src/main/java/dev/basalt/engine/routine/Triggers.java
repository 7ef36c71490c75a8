package dev.basalt.engine.routine;

import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.statement.StatementRunner;
import dev.basalt.sql.ast.CreateTrigger;

import java.util.List;

/**
 * Fires a table's triggers around one row write. DML calls this for every row; a table without
 * triggers costs one map scan of an (usually empty) registry. A trigger body runs in the
 * statement's transaction, so its failure fails (and rolls back) the statement.
 */
public final class Triggers {
    private Triggers() {}

    /** Fires BEFORE INSERT triggers; they may change {@code newRow} in place. */
    public static void beforeInsert(BasaltSession s, StatementRunner runner, TableDef def, Object[] newRow) {
        fire(s, runner, def, CreateTrigger.Timing.BEFORE, CreateTrigger.Event.INSERT, null, newRow);
    }

    public static void afterInsert(BasaltSession s, StatementRunner runner, TableDef def, Object[] newRow) {
        fire(s, runner, def, CreateTrigger.Timing.AFTER, CreateTrigger.Event.INSERT, null, newRow);
    }

    public static void beforeUpdate(BasaltSession s, StatementRunner runner, TableDef def, Object[] oldRow, Object[] newRow) {
        fire(s, runner, def, CreateTrigger.Timing.BEFORE, CreateTrigger.Event.UPDATE, oldRow, newRow);
    }

    public static void afterUpdate(BasaltSession s, StatementRunner runner, TableDef def, Object[] oldRow, Object[] newRow) {
        fire(s, runner, def, CreateTrigger.Timing.AFTER, CreateTrigger.Event.UPDATE, oldRow, newRow);
    }

    public static void beforeDelete(BasaltSession s, StatementRunner runner, TableDef def, Object[] oldRow) {
        fire(s, runner, def, CreateTrigger.Timing.BEFORE, CreateTrigger.Event.DELETE, oldRow, null);
    }

    public static void afterDelete(BasaltSession s, StatementRunner runner, TableDef def, Object[] oldRow) {
        fire(s, runner, def, CreateTrigger.Timing.AFTER, CreateTrigger.Event.DELETE, oldRow, null);
    }

    private static void fire(BasaltSession s, StatementRunner runner, TableDef def, CreateTrigger.Timing timing,
                             CreateTrigger.Event event, Object[] oldRow, Object[] newRow) {
        List<TriggerDef> list = s.engine().programs().triggers(def.database(), def.name(), timing, event);
        if (list.isEmpty()) return;
        TriggerRow row = new TriggerRow(def, oldRow == null ? null : oldRow.clone(), newRow,
                timing == CreateTrigger.Timing.BEFORE);
        for (TriggerDef t : list) {
            ProgramRunner program = new ProgramRunner(s, runner, row, null);
            program.run(t.ast().body());
        }
    }
}
