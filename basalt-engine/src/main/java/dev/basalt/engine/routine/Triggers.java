package dev.basalt.engine.routine;

import dev.basalt.engine.api.ErrorCode;

import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.statement.StatementRunner;
import dev.basalt.sql.ast.CreateTrigger;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

    /** Tables whose rows the statements that fired the running triggers are changing ("db\0table"). */
    private static final ScopedValue<Set<String>> WRITING = ScopedValue.newInstance();

    /** 1442 when a trigger (of a statement writing {@code def}'s table) writes that table again. */
    public static void checkNotInUse(TableDef def) {
        if (WRITING.isBound() && WRITING.get().contains(def.database() + "\0" + def.name())) {
            throw ErrorCode.ER_CANT_UPDATE_USED_TABLE_IN_SF_OR_TRG.error(def.name());
        }
    }

    private static void fire(BasaltSession s, StatementRunner runner, TableDef def, CreateTrigger.Timing timing,
                             CreateTrigger.Event event, Object[] oldRow, Object[] newRow) {
        checkNotInUse(def);
        List<TriggerDef> list = s.engine().programs().triggers(def.database(), def.name(), timing, event);
        if (list.isEmpty()) return;
        String key = def.database() + "\0" + def.name();
        TriggerRow row = new TriggerRow(def, oldRow == null ? null : oldRow.clone(), newRow,
                timing == CreateTrigger.Timing.BEFORE);
        Set<String> writing = new HashSet<>(WRITING.isBound() ? WRITING.get() : Set.of());
        writing.add(key);
        ScopedValue.where(WRITING, writing).run(() -> {
            for (TriggerDef t : list) {
                ProgramRunner program = new ProgramRunner(s, runner, row, null);
                // a trigger always runs with its definer's privileges (MySQL has no SQL SECURITY for triggers)
                CallStatement.withoutResultSets(() -> dev.basalt.engine.security.Definer.run(s, t.definer(),
                        () -> SavedSqlMode.with(s, t.sqlMode(), () -> program.run(t.ast().body()))));
            }
        });
    }
}
