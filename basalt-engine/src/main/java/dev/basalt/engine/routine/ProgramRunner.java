package dev.basalt.engine.routine;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.RowCursor;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.expr.Coercion;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.Literal;
import dev.basalt.engine.plan.ExprBinder;
import dev.basalt.engine.plan.ProgramNames;
import dev.basalt.engine.plan.QueryPlanner;
import dev.basalt.engine.plan.Scope;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.statement.Results;
import dev.basalt.engine.statement.StatementRunner;
import dev.basalt.engine.statement.TableSpecs;
import dev.basalt.engine.types.SqlType;
import dev.basalt.sql.ast.ColumnRef;
import dev.basalt.sql.ast.ConditionValue;
import dev.basalt.sql.ast.Expression;
import dev.basalt.sql.ast.ProgramStatement;
import dev.basalt.sql.ast.ProgramStatement.*;
import dev.basalt.sql.ast.SetStatement;
import dev.basalt.sql.ast.SystemVariable;
import dev.basalt.sql.ast.VariableAssignment;
import dev.basalt.sql.ast.VariableScope;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the body of one stored program invocation: a tree-walking interpreter over
 * {@link ProgramStatement}s. Local variables live in frames (one per BEGIN ... END); SQL
 * statements run through the session's {@link StatementRunner} with the program's names bound
 * ({@link ProgramNames}). Result sets of a procedure are collected for CALL to send.
 */
final class ProgramRunner implements ProgramNames.Resolver {

    /** A local variable or parameter. */
    static final class Var {
        final String name;
        final SqlType type;
        Object value;

        Var(String name, SqlType type, Object value) {
            this.name = name;
            this.type = type;
            this.value = value;
        }
    }

    private static final class Cursor {
        final DeclareCursor declaration;
        List<Object[]> rows;
        int position;

        Cursor(DeclareCursor declaration) { this.declaration = declaration; }
    }

    /** The declarations of one block. */
    private static final class Frame {
        final Frame parent;
        final Map<String, Var> variables = new HashMap<>();
        final Map<String, ConditionValue> conditions = new HashMap<>();
        final Map<String, Cursor> cursors = new HashMap<>();
        final List<DeclareHandler> handlers = new ArrayList<>();

        Frame(Frame parent) { this.parent = parent; }
    }

    /** LEAVE / ITERATE travelling up to its label. */
    private static final class Jump extends RuntimeException {
        final String label;
        final boolean iterate;

        Jump(String label, boolean iterate) {
            super(null, null, false, false);
            this.label = label;
            this.iterate = iterate;
        }
    }

    /** RETURN of a function. */
    private static final class Returned extends RuntimeException {
        Returned() { super(null, null, false, false); }
    }

    /** An EXIT handler finished: leave the block that declared it. */
    private static final class HandlerExit extends RuntimeException {
        final Frame frame;

        HandlerExit(Frame frame) {
            super(null, null, false, false);
            this.frame = frame;
        }
    }

    private final BasaltSession session;
    private final StatementRunner runner;
    private final TriggerRow trigger;
    /** Result sets for the client (procedures), or null where none may be returned. */
    private final List<Result> results;
    private Frame frame;
    /** Conditions being handled, innermost last (RESIGNAL, GET DIAGNOSTICS). */
    private final Deque<SqlException> handling = new ArrayDeque<>();
    private Object returnValue;
    private SqlType returnType;
    private boolean returned;

    ProgramRunner(BasaltSession session, StatementRunner runner, TriggerRow trigger, List<Result> results) {
        this.session = session;
        this.runner = runner;
        this.trigger = trigger;
        this.results = results;
        this.frame = new Frame(null);
    }

    /** Declares a parameter in the outermost frame. */
    void parameter(String name, SqlType type, Object value) {
        frame.variables.put(name.toLowerCase(Locale.ROOT), new Var(name, type, value));
    }

    Var variable(String name) {
        for (Frame f = frame; f != null; f = f.parent) {
            Var v = f.variables.get(name.toLowerCase(Locale.ROOT));
            if (v != null) return v;
        }
        return null;
    }

    /** Runs the body; for a function, returns RETURN's value. */
    Object run(ProgramStatement body) {
        // expressions evaluated directly here (not through a statement) still find stored functions
        return ProgramNames.withFunctions(new StoredFunctions(session, runner), () -> ProgramNames.with(this, () -> {
            try {
                exec(body);
            } catch (Returned r) {
                return returnValue;
            } catch (Jump j) {
                // LEAVE of the body's own label ends the program
            } catch (HandlerExit h) {
                // an EXIT handler of the outermost frame
            }
            return null;
        }));
    }

    boolean returned() { return returned; }

    SqlType returnType() { return returnType; }

    // ---------------------------------------------------------------- names for the binder

    @Override
    public Expr resolve(ColumnRef ref) {
        if (ref.schema() != null) return null;
        if (ref.table() == null) {
            Var v = variable(ref.column());
            return v == null ? null : new Literal(v.value, v.type);
        }
        if (trigger == null) return null;
        String q = ref.table().toUpperCase(Locale.ROOT);
        Object[] row;
        if (q.equals("NEW")) row = trigger.newRow();
        else if (q.equals("OLD")) row = trigger.oldRow();
        else return null;
        if (row == null) {
            throw ErrorCode.ER_TRG_NO_SUCH_ROW_IN_TRG.error(q, trigger.oldRow() == null ? "INSERT" : "DELETE");
        }
        int i = trigger.table().columnIndex(ref.column());
        if (i < 0) throw new SqlException(ErrorCode.ER_BAD_FIELD, ref.column(), q);
        return new Literal(row[i], trigger.table().columns().get(i).type());
    }

    @Override
    public boolean assign(String name, Object value, SqlType type) {
        Var v = variable(name);
        if (v == null) return false;
        v.value = convert(value, type, v.type, v.name);
        return true;
    }

    private Object convert(Object value, SqlType from, SqlType to, String name) {
        if (value == null) return null;
        return Coercion.toColumn(session, value, from, to, name, 1);
    }

    // ---------------------------------------------------------------- expressions

    private record Value(Object value, SqlType type) {}

    private Value eval(Expression e) {
        QueryPlanner planner = new QueryPlanner(runner.queryContext(session.currentTransaction(), false));
        Expr x = new ExprBinder(Scope.empty(null), planner, session.database(), "field list").bind(e);
        return new Value(x.eval(session, null), x.type());
    }

    private boolean test(Expression e) {
        Value v = eval(e);
        return Coercion.isTrue(v.value());
    }

    // ---------------------------------------------------------------- statements

    private void list(List<ProgramStatement> statements) {
        for (ProgramStatement p : statements) execHandled(p);
    }

    /** Runs one statement; a condition it raises goes to the innermost matching handler. */
    private void execHandled(ProgramStatement p) {
        int warningsBefore = session.currentWarnings().size();
        if (!(p instanceof GetDiagnostics)) lastRowCount = 0;
        try {
            exec(p);
        } catch (SqlException e) {
            handle(e);
            return;
        }
        if (!(p instanceof GetDiagnostics)) {
            // the diagnostics area GET DIAGNOSTICS reads: this statement's conditions
            List<dev.basalt.engine.session.Warning> all = session.currentWarnings();
            lastConditions = List.copyOf(all.subList(Math.min(warningsBefore, all.size()), all.size()));
        }
        raiseWarnings(warningsBefore);
    }

    /** Conditions (warnings) of the last statement, and its affected-row count, for GET DIAGNOSTICS. */
    private List<dev.basalt.engine.session.Warning> lastConditions = List.of();
    private long lastRowCount;

    /**
     * Warnings a statement left activate a matching handler (SQLWARNING, the error number, or
     * its SQLSTATE '01000'), as in MySQL; the last such warning is the condition handled.
     */
    private void raiseWarnings(int from) {
        List<dev.basalt.engine.session.Warning> all = session.currentWarnings();
        for (int i = all.size() - 1; i >= from; i--) {
            dev.basalt.engine.session.Warning w = all.get(i);
            if (!"Warning".equalsIgnoreCase(w.level())) continue;
            String state = w.code() == ErrorCode.ER_SP_FETCH_NO_DATA.code() ? "02000" : "01000";
            SqlException condition = new SqlException(w.code(), state, w.message());
            if (hasHandlerFor(condition)) handle(condition);
            return;
        }
    }

    /** Frames whose handler is running: their handlers do not catch what the handler raises. */
    private final java.util.Set<Frame> handlingFrames = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private void handle(SqlException e) {
        for (Frame f = frame; f != null; f = f.parent) {
            if (handlingFrames.contains(f)) continue;
            DeclareHandler h = matching(f, e);
            if (h == null) continue;
            handling.push(e);
            // a condition raised inside the handler goes to handlers outside its block
            handlingFrames.add(f);
            Frame saved = frame;
            try {
                exec(h.body());
            } finally {
                handling.pop();
                handlingFrames.remove(f);
                frame = saved;
            }
            if (h.action() != HandlerAction.CONTINUE) throw new HandlerExit(f);
            return;
        }
        throw e;
    }

    /** The handler of frame f for e: an exact error number or SQLSTATE beats a class (MySQL's precedence). */
    private DeclareHandler matching(Frame f, SqlException e) {
        DeclareHandler best = null;
        int bestRank = 0;
        String state = e.sqlState() == null ? "HY000" : e.sqlState();
        for (DeclareHandler h : f.handlers) {
            for (ConditionValue cv : h.conditions()) {
                ConditionValue c = cv.kind() == ConditionValue.Kind.NAMED ? condition(cv.value()) : cv;
                int rank = switch (c.kind()) {
                    case ERRNO -> c.errno() == e.errorCode() ? 3 : 0;
                    case SQLSTATE -> c.value().equals(state) ? 2 : 0;
                    case NOT_FOUND -> state.startsWith("02") ? 1 : 0;
                    case SQLWARNING -> state.startsWith("01") ? 1 : 0;
                    case SQLEXCEPTION -> !state.startsWith("00") && !state.startsWith("01") && !state.startsWith("02") ? 1 : 0;
                    case NAMED -> 0;
                };
                if (rank > bestRank) {
                    bestRank = rank;
                    best = h;
                }
            }
        }
        return best;
    }

    private ConditionValue condition(String name) {
        for (Frame f = frame; f != null; f = f.parent) {
            ConditionValue c = f.conditions.get(name.toLowerCase(Locale.ROOT));
            if (c != null) return c;
        }
        throw ErrorCode.ER_SP_COND_MISMATCH.error(name);
    }

    private Cursor cursor(String name) {
        for (Frame f = frame; f != null; f = f.parent) {
            Cursor c = f.cursors.get(name.toLowerCase(Locale.ROOT));
            if (c != null) return c;
        }
        throw ErrorCode.ER_SP_CURSOR_MISMATCH.error(name);
    }

    private void exec(ProgramStatement p) {
        switch (p) {
            case Block b -> block(b);
            case DeclareVariable d -> {
                Value init = d.defaultValue() == null ? null : eval(d.defaultValue());
                for (String n : d.names()) {
                    SqlType type = TableSpecs.type(d.type(), n, null);
                    Object v = init == null ? null : convert(init.value(), init.type(), type, n);
                    frame.variables.put(n.toLowerCase(Locale.ROOT), new Var(n, type, v));
                }
            }
            case DeclareCondition c -> frame.conditions.put(c.name().toLowerCase(Locale.ROOT), c.value());
            case DeclareCursor c -> frame.cursors.put(c.name().toLowerCase(Locale.ROOT), new Cursor(c));
            case DeclareHandler h -> frame.handlers.add(h);
            case SetLocal s -> {
                for (Assignment a : s.assignments()) set(a);
            }
            case If i -> {
                for (Branch b : i.branches()) {
                    if (test(b.condition())) {
                        list(b.statements());
                        return;
                    }
                }
                if (i.otherwise() != null) list(i.otherwise());
            }
            case ProgramStatement.Case c -> caseStatement(c);
            case While w -> {
                while (true) {
                    if (!test(w.condition())) break;
                    if (!iteration(w.label(), w.statements())) break;
                }
            }
            case Repeat r -> {
                while (true) {
                    if (!iteration(r.label(), r.statements())) break;
                    if (test(r.until())) break;
                }
            }
            case Loop l -> {
                while (iteration(l.label(), l.statements())) {
                    // until LEAVE
                }
            }
            case Leave l -> throw new Jump(l.label(), false);
            case Iterate i -> throw new Jump(i.label(), true);
            case Open o -> {
                Cursor c = cursor(o.cursor());
                if (c.rows != null) throw ErrorCode.ER_SP_CURSOR_ALREADY_OPEN.error();
                c.rows = query(c.declaration.query(), c.declaration.queryText());
                c.position = 0;
            }
            case Fetch f -> fetch(f);
            case Close c -> {
                Cursor cur = cursor(c.cursor());
                if (cur.rows == null) throw ErrorCode.ER_SP_CURSOR_NOT_OPEN.error();
                cur.rows = null;
            }
            case Return r -> {
                Value v = eval(r.value());
                returnValue = v.value();
                returnType = v.type();
                returned = true;
                throw new Returned();
            }
            case Signal s -> signal(s);
            case GetDiagnostics g -> diagnostics(g);
            case ProgramSelectInto s -> selectInto(s);
            case Sql sql -> sql(sql);
        }
    }

    private void block(Block b) {
        Frame f = new Frame(frame);
        frame = f;
        try {
            list(b.statements());
        } catch (Jump j) {
            if (j.iterate || b.label() == null || !j.label.equalsIgnoreCase(b.label())) throw j;
        } catch (HandlerExit h) {
            if (h.frame != f) throw h;
        } finally {
            frame = f.parent;
        }
    }

    /** One pass of a loop body; false when the loop is left. */
    private boolean iteration(String label, List<ProgramStatement> body) {
        session.cancellation().poll(); // KILL QUERY / KILL CONNECTION / max_execution_time
        try {
            list(body);
            return true;
        } catch (Jump j) {
            if (label == null || !j.label.equalsIgnoreCase(label)) throw j;
            return j.iterate;
        }
    }

    private void caseStatement(ProgramStatement.Case c) {
        for (Branch b : c.branches()) {
            boolean match;
            if (c.operand() == null) {
                match = test(b.condition());
            } else {
                match = test(new dev.basalt.sql.ast.BinaryOp(dev.basalt.sql.ast.BinaryOperator.EQ, c.operand(), b.condition()));
            }
            if (match) {
                list(b.statements());
                return;
            }
        }
        if (c.otherwise() == null) throw ErrorCode.ER_SP_CASE_NOT_FOUND.error();
        list(c.otherwise());
    }

    private void set(Assignment a) {
        if (a.qualifier() != null) {
            String q = a.qualifier().toUpperCase(Locale.ROOT);
            if (trigger == null || !q.equals("NEW") || !trigger.newWritable()) {
                throw ErrorCode.ER_SP_UNDECLARED_VAR.error(a.qualifier());
            }
            int i = trigger.table().columnIndex(a.name());
            if (i < 0) throw new SqlException(ErrorCode.ER_BAD_FIELD, a.name(), "NEW");
            Value v = eval(a.value());
            ColumnDef c = trigger.table().columns().get(i);
            if (v.value() == null && !c.nullable() && session.strictMode()) throw new SqlException(ErrorCode.ER_BAD_NULL, c.name());
            trigger.newRow()[i] = convert(v.value(), v.type(), c.type(), c.name());
            return;
        }
        Var var = variable(a.name());
        if (var == null) {
            // not a local name: a session system variable, as MySQL resolves it
            runner.run(new SetStatement(List.of(new VariableAssignment(new SystemVariable(VariableScope.DEFAULT, a.name()),
                    a.value()))), "SET " + a.name());
            return;
        }
        Value v = eval(a.value());
        var.value = convert(v.value(), v.type(), var.type, var.name);
    }

    /** Runs a query and returns its rows (copied: cursors may reuse arrays). */
    private List<Object[]> query(dev.basalt.sql.ast.Query q, String text) {
        Result r = runner.run(q, text);
        List<Object[]> rows = new ArrayList<>();
        if (r instanceof Result.Rows rs) {
            try (RowCursor c = rs.cursor()) {
                for (Object[] row; (row = c.next()) != null; ) rows.add(row.clone());
            }
        }
        return rows;
    }

    private void fetch(Fetch f) {
        Cursor c = cursor(f.cursor());
        if (c.rows == null) throw ErrorCode.ER_SP_CURSOR_NOT_OPEN.error();
        if (c.position >= c.rows.size()) throw ErrorCode.ER_SP_FETCH_NO_DATA.error();
        Object[] row = c.rows.get(c.position++);
        if (row.length != f.targets().size()) throw ErrorCode.ER_SP_WRONG_NO_OF_FETCH_ARGS.error();
        for (int i = 0; i < row.length; i++) store(f.targets().get(i), row[i], null);
    }

    /** Stores a fetched or selected value into a local or user variable. */
    private void store(String target, Object value, SqlType type) {
        if (target.startsWith("@")) {
            session.setUserVariable(target.substring(1), value);
            return;
        }
        Var v = variable(target);
        if (v == null) throw ErrorCode.ER_SP_UNDECLARED_VAR.error(target);
        v.value = value == null ? null : type == null ? convertLoose(value, v) : convert(value, type, v.type, v.name);
    }

    private Object convertLoose(Object value, Var v) {
        // a value without a known type (a fetched cursor row) converts as a placeholder's value would
        return Coercion.toColumn(session, value, dev.basalt.engine.plan.BoundParameters.literal(value).type(), v.type, v.name, 1);
    }

    private void selectInto(ProgramSelectInto s) {
        Result r = runner.run(s.query(), s.queryText());
        List<Object[]> rows = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        if (r instanceof Result.Rows rs) {
            for (var col : rs.columns()) types.add(col.type());
            try (RowCursor c = rs.cursor()) {
                for (Object[] row; (row = c.next()) != null; ) {
                    rows.add(row.clone());
                    if (rows.size() > 1) break;
                }
            }
        }
        if (types.size() != s.targets().size()) {
            throw new SqlException(1222, "21000", "The used SELECT statements have a different number of columns");
        }
        if (rows.size() > 1) throw ErrorCode.ER_TOO_MANY_ROWS.error();
        if (rows.isEmpty()) {
            SqlException noData = ErrorCode.ER_SP_FETCH_NO_DATA.error();
            if (hasHandlerFor(noData)) throw noData;
            session.warn(EvalContext.Level.WARNING, noData.errorCode(), noData.getMessage());
            return;
        }
        Object[] row = rows.get(0);
        for (int i = 0; i < row.length; i++) store(s.targets().get(i), row[i], types.get(i));
    }

    private boolean hasHandlerFor(SqlException e) {
        for (Frame f = frame; f != null; f = f.parent) if (!handlingFrames.contains(f) && matching(f, e) != null) return true;
        return false;
    }

    private void sql(Sql sql) {
        Result r = runner.run(sql.statement(), sql.text());
        if (r instanceof Result.Update u) lastRowCount = u.affectedRows();
        if (r instanceof Result.Rows rs) {
            List<Object[]> rows = new ArrayList<>();
            try (RowCursor c = rs.cursor()) {
                for (Object[] row; (row = c.next()) != null; ) rows.add(row.clone());
            }
            if (results == null) throw ErrorCode.ER_SP_NO_RETSET.error(trigger != null ? "trigger" : "function");
            results.add(Results.rows(rs.columns(), rows));
        }
    }

    private void signal(Signal s) {
        SqlException base;
        if (s.resignal()) {
            if (handling.isEmpty()) throw ErrorCode.ER_RESIGNAL_WITHOUT_ACTIVE_HANDLER.error();
            base = handling.peek();
        } else {
            base = null;
        }
        String state = base != null ? base.sqlState() : null;
        int errno = base != null ? base.errorCode() : 0;
        String message = base != null ? base.getMessage() : null;
        if (s.condition() != null) {
            ConditionValue c = s.condition().kind() == ConditionValue.Kind.NAMED ? condition(s.condition().value()) : s.condition();
            if (c.kind() != ConditionValue.Kind.SQLSTATE) throw ErrorCode.ER_SIGNAL_BAD_CONDITION_TYPE.error();
            state = c.value();
            errno = 0;
            message = null;
        }
        if (state == null) state = "45000";
        if (state.length() != 5 || state.startsWith("00")) {
            throw new SqlException(1407, "42000", "Bad SQLSTATE: '" + state + "'");
        }
        for (SignalItem item : s.items()) {
            Value v = eval(item.value());
            switch (item.name()) {
                case "MESSAGE_TEXT" -> message = v.value() == null ? null : Coercion.toText(v.value(), v.type());
                case "MYSQL_ERRNO" -> errno = (int) Coercion.toLong(session, v.value());
                default -> { } // CLASS_ORIGIN, TABLE_NAME ...: accepted, not kept
            }
        }
        if (errno == 0) {
            errno = state.startsWith("01") ? ErrorCode.ER_SIGNAL_WARN.code()
                    : state.startsWith("02") ? ErrorCode.ER_SIGNAL_NOT_FOUND.code() : ErrorCode.ER_SIGNAL_EXCEPTION.code();
        }
        if (message == null) {
            message = state.startsWith("01") ? ErrorCode.ER_SIGNAL_WARN.format()
                    : state.startsWith("02") ? ErrorCode.ER_SIGNAL_NOT_FOUND.format() : ErrorCode.ER_SIGNAL_EXCEPTION.format();
        }
        SqlException e = new SqlException(errno, state, message);
        if (state.startsWith("01") && !hasHandlerFor(e)) {
            session.warn(EvalContext.Level.WARNING, errno, message);
            return;
        }
        throw e;
    }

    private void diagnostics(GetDiagnostics g) {
        SqlException active = handling.peek();
        SqlException condition = null;
        if (g.condition() != null) {
            long n = Coercion.toLong(session, eval(g.condition()).value());
            if (active != null && n == 1) {
                condition = active;
            } else if (active == null && n >= 1 && n <= lastConditions.size()) {
                dev.basalt.engine.session.Warning w = lastConditions.get((int) n - 1);
                condition = new SqlException(w.code(), w.code() == ErrorCode.ER_SP_FETCH_NO_DATA.code() ? "02000" : "01000", w.message());
            } else {
                // MySQL: 1758 Invalid condition number
                throw new SqlException(1758, "35000", "Invalid condition number");
            }
        }
        SqlType text = SqlType.of(dev.basalt.engine.types.TypeKind.VARCHAR);
        for (DiagnosticsItem item : g.items()) {
            Object value;
            SqlType type = SqlType.BIGINT;
            switch (item.item()) {
                case "NUMBER" -> value = (long) (active != null ? 1 : lastConditions.size());
                case "ROW_COUNT" -> value = active != null ? -1L : lastRowCount;
                case "MYSQL_ERRNO" -> value = condition != null ? (long) condition.errorCode() : null;
                case "RETURNED_SQLSTATE" -> {
                    value = condition != null ? condition.sqlState() : null;
                    type = text;
                }
                case "MESSAGE_TEXT" -> {
                    value = condition != null ? condition.getMessage() : null;
                    type = text;
                }
                case "CLASS_ORIGIN", "SUBCLASS_ORIGIN" -> {
                    value = condition == null ? null : condition.sqlState() != null && condition.sqlState().startsWith("45") ? "" : "ISO 9075";
                    type = text;
                }
                default -> {
                    value = condition == null ? null : "";
                    type = text;
                }
            }
            if (item.userVariable()) session.setUserVariable(item.target(), value);
            else store(item.target(), value, type);
        }
    }
}
