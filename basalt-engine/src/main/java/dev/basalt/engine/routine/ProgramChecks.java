package dev.basalt.engine.routine;

import dev.basalt.engine.api.ErrorCode;

import dev.basalt.engine.catalog.TableDef;
import dev.basalt.sql.ast.ConditionValue;
import dev.basalt.sql.ast.CreateRoutine;
import dev.basalt.sql.ast.CreateTrigger;
import dev.basalt.sql.ast.ProgramStatement;
import dev.basalt.sql.ast.ProgramStatement.*;
import dev.basalt.sql.ast.RoutineKind;
import dev.basalt.sql.ast.RoutineParameter;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The checks MySQL makes when a stored program is created: labels, declared names, RETURN only
 * in functions (and present in them), no result sets from functions and triggers, no
 * transaction control in functions and triggers, NEW/OLD used as the trigger's event allows.
 */
final class ProgramChecks {
    /** What kind of program is checked: FUNCTION, PROCEDURE or TRIGGER. */
    private final String kind;
    private final CreateTrigger trigger;
    /** Declared names of the enclosing blocks, innermost first (lower case). */
    private final Deque<Set<String>> variables = new ArrayDeque<>();
    private final Deque<Set<String>> conditions = new ArrayDeque<>();
    private final Deque<Set<String>> cursors = new ArrayDeque<>();
    private final Deque<String> labels = new ArrayDeque<>();
    private boolean hasReturn;

    private ProgramChecks(String kind, CreateTrigger trigger) {
        this.kind = kind;
        this.trigger = trigger;
    }

    static void checkRoutine(CreateRoutine c) {
        ProgramChecks checks = new ProgramChecks(c.kind().name(), null);
        Set<String> params = new HashSet<>();
        for (RoutineParameter p : c.parameters()) {
            if (!params.add(p.name().toLowerCase(Locale.ROOT))) throw ErrorCode.ER_SP_DUP_VAR.error(p.name());
        }
        checks.variables.push(params);
        checks.conditions.push(Set.of());
        checks.cursors.push(Set.of());
        if (c.kind() == RoutineKind.FUNCTION && ProgramDdl.returnsRows(c.body())) {
            throw ErrorCode.ER_SP_NO_RETSET.error("function");
        }
        checks.check(c.body());
        if (c.kind() == RoutineKind.FUNCTION && !checks.hasReturn) {
            throw ErrorCode.ER_SP_NORETURN.error(c.name().name());
        }
    }

    static void checkTrigger(CreateTrigger c, TableDef table) {
        if (ProgramDdl.returnsRows(c.body())) throw ErrorCode.ER_SP_NO_RETSET.error("trigger");
        ProgramChecks checks = new ProgramChecks("TRIGGER", c);
        checks.variables.push(Set.of());
        checks.conditions.push(Set.of());
        checks.cursors.push(Set.of());
        checks.check(c.body());
    }

    private void check(ProgramStatement p) {
        switch (p) {
            case Block b -> block(b.label(), b.statements());
            case DeclareVariable v -> {
                for (String n : v.names()) {
                    if (!variables.peek().add(n.toLowerCase(Locale.ROOT))) throw ErrorCode.ER_SP_DUP_VAR.error(n);
                }
            }
            case DeclareCondition c -> {
                if (!conditions.peek().add(c.name().toLowerCase(Locale.ROOT))) throw ErrorCode.ER_SP_DUP_COND.error(c.name());
            }
            case DeclareCursor c -> {
                if (!cursors.peek().add(c.name().toLowerCase(Locale.ROOT))) throw ErrorCode.ER_SP_DUP_CURS.error(c.name());
            }
            case DeclareHandler h -> {
                for (ConditionValue cv : h.conditions()) condition(cv);
                // a handler's body cannot LEAVE or ITERATE the labels around its declaration
                Deque<String> saved = new ArrayDeque<>(labels);
                labels.clear();
                check(h.body());
                labels.addAll(saved);
            }
            case SetLocal s -> {
                for (Assignment a : s.assignments()) {
                    if (a.qualifier() != null) rowReference(a.qualifier(), true);
                }
            }
            case If i -> {
                for (Branch b : i.branches()) list(b.statements());
                if (i.otherwise() != null) list(i.otherwise());
            }
            case ProgramStatement.Case c -> {
                for (Branch b : c.branches()) list(b.statements());
                if (c.otherwise() != null) list(c.otherwise());
            }
            case While w -> loop(w.label(), w.statements());
            case Repeat r -> loop(r.label(), r.statements());
            case Loop l -> loop(l.label(), l.statements());
            case Leave l -> label("LEAVE", l.label());
            case Iterate i -> label("ITERATE", i.label());
            case Open o -> cursor(o.cursor());
            case Fetch f -> {
                cursor(f.cursor());
                for (String v : f.targets()) variable(v);
            }
            case Close c -> cursor(c.cursor());
            case Return r -> {
                if (!kind.equals("FUNCTION")) throw ErrorCode.ER_SP_BADRETURN.error();
                hasReturn = true;
            }
            case Signal s -> {
                if (s.condition() != null) condition(s.condition());
            }
            case GetDiagnostics g -> {
                for (DiagnosticsItem i : g.items()) if (!i.userVariable()) variable(i.target());
            }
            case ProgramSelectInto s -> {
                for (String v : s.targets()) if (!v.startsWith("@")) variable(v);
            }
            case Sql sql -> statement(sql.statement());
        }
    }

    /** The SQL statements a stored program may not hold. */
    private void statement(dev.basalt.sql.ast.Statement st) {
        switch (st) {
            case dev.basalt.sql.ast.CreateRoutine c -> throw new dev.basalt.engine.api.SqlException(1303, "2F003",
                    "Can't create a " + c.kind().name() + " from within another stored routine");
            case dev.basalt.sql.ast.CreateTrigger c -> throw new dev.basalt.engine.api.SqlException(1303, "2F003",
                    "Can't create a TRIGGER from within another stored routine");
            case dev.basalt.sql.ast.DropRoutine d -> throw new dev.basalt.engine.api.SqlException(1357, "HY000",
                    "Can't drop or alter a " + d.kind().name() + " from within another stored routine");
            default -> { }
        }
        if (kind.equals("PROCEDURE")) {
            if (st instanceof dev.basalt.sql.ast.LockTables || st instanceof dev.basalt.sql.ast.UnlockTables) {
                throw new dev.basalt.engine.api.SqlException(1314, "0A000",
                        (st instanceof dev.basalt.sql.ast.LockTables ? "LOCK" : "UNLOCK") + " is not allowed in stored procedures");
            }
            return;
        }
        // functions and triggers run inside another statement: nothing that commits, no dynamic SQL
        boolean commits = switch (st) {
            case dev.basalt.sql.ast.Commit c -> true;
            case dev.basalt.sql.ast.Rollback r -> r.savepoint() == null;
            case dev.basalt.sql.ast.StartTransaction s -> true;
            case dev.basalt.sql.ast.LockTables l -> true;
            case dev.basalt.sql.ast.UnlockTables u -> true;
            case dev.basalt.sql.ast.CreateDatabase c -> true;
            case dev.basalt.sql.ast.AlterDatabase a -> true;
            case dev.basalt.sql.ast.DropDatabase d -> true;
            case dev.basalt.sql.ast.CreateTable c -> !c.temporary();
            case dev.basalt.sql.ast.DropTable d -> !d.temporary();
            case dev.basalt.sql.ast.AlterTable a -> true;
            case dev.basalt.sql.ast.RenameTable r -> true;
            case dev.basalt.sql.ast.TruncateTable t -> true;
            case dev.basalt.sql.ast.CreateIndex c -> true;
            case dev.basalt.sql.ast.DropIndex d -> true;
            case dev.basalt.sql.ast.CreateView v -> true;
            case dev.basalt.sql.ast.DropView v -> true;
            case dev.basalt.sql.ast.DropTrigger d -> true;
            default -> false;
        };
        if (commits) throw ErrorCode.ER_COMMIT_NOT_ALLOWED_IN_SF_OR_TRG.error();
        if (st instanceof dev.basalt.sql.ast.Prepare || st instanceof dev.basalt.sql.ast.Execute
                || st instanceof dev.basalt.sql.ast.DeallocatePrepare) {
            throw new dev.basalt.engine.api.SqlException(1336, "0A000", "Dynamic SQL is not allowed in stored function or trigger");
        }
    }

    private void block(String label, List<ProgramStatement> statements) {
        // MySQL's order inside a block: variables and conditions, then cursors, then handlers
        int stage = 0;
        for (ProgramStatement s : statements) {
            switch (s) {
                case DeclareVariable v -> {
                    if (stage > 0) throw error1337();
                }
                case DeclareCondition c -> {
                    if (stage > 0) throw error1337();
                }
                case DeclareCursor c -> {
                    if (stage > 1) throw new dev.basalt.engine.api.SqlException(1338, "42000", "Cursor declaration after handler declaration");
                    stage = 1;
                }
                case DeclareHandler h -> stage = 2;
                default -> {
                    // the parser allows DECLARE only before the block's other statements
                }
            }
        }
        variables.push(new HashSet<>());
        conditions.push(new HashSet<>());
        cursors.push(new HashSet<>());
        if (label != null) labels.push(label.toLowerCase(Locale.ROOT));
        list(statements);
        if (label != null) labels.pop();
        variables.pop();
        conditions.pop();
        cursors.pop();
    }

    private static dev.basalt.engine.api.SqlException error1337() {
        return new dev.basalt.engine.api.SqlException(1337, "42000", "Variable or condition declaration after cursor or handler declaration");
    }

    private void loop(String label, List<ProgramStatement> statements) {
        if (label != null) labels.push("loop:" + label.toLowerCase(Locale.ROOT));
        list(statements);
        if (label != null) labels.pop();
    }

    private void list(List<ProgramStatement> statements) {
        for (ProgramStatement s : statements) check(s);
    }

    private void label(String what, String label) {
        String l = label.toLowerCase(Locale.ROOT);
        boolean found = labels.contains("loop:" + l) || (what.equals("LEAVE") && labels.contains(l));
        if (!found) throw ErrorCode.ER_SP_LILABEL_MISMATCH.error(what, label);
    }

    private void cursor(String name) {
        for (Set<String> s : cursors) if (s.contains(name.toLowerCase(Locale.ROOT))) return;
        throw ErrorCode.ER_SP_CURSOR_MISMATCH.error(name);
    }

    private void variable(String name) {
        for (Set<String> s : variables) if (s.contains(name.toLowerCase(Locale.ROOT))) return;
        throw ErrorCode.ER_SP_UNDECLARED_VAR.error(name);
    }

    private void condition(ConditionValue cv) {
        if (cv.kind() != ConditionValue.Kind.NAMED) return;
        for (Set<String> s : conditions) if (s.contains(cv.value().toLowerCase(Locale.ROOT))) return;
        throw ErrorCode.ER_SP_COND_MISMATCH.error(cv.value());
    }

    /** NEW / OLD as a SET target in a trigger. */
    private void rowReference(String qualifier, boolean assigned) {
        String q = qualifier.toUpperCase(Locale.ROOT);
        if (trigger == null || !(q.equals("NEW") || q.equals("OLD"))) {
            throw ErrorCode.ER_SP_UNDECLARED_VAR.error(qualifier);
        }
        CreateTrigger.Event e = trigger.event();
        if ((q.equals("NEW") && e == CreateTrigger.Event.DELETE) || (q.equals("OLD") && e == CreateTrigger.Event.INSERT)) {
            throw ErrorCode.ER_TRG_NO_SUCH_ROW_IN_TRG.error(q, e.name());
        }
        if (assigned && (q.equals("OLD") || trigger.timing() == CreateTrigger.Timing.AFTER)) {
            throw ErrorCode.ER_TRG_CANT_CHANGE_ROW.error(q, q.equals("OLD") ? "" : "after ");
        }
    }
}
