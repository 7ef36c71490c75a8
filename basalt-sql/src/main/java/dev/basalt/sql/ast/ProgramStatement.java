package dev.basalt.sql.ast;

import java.util.List;

/**
 * One statement of a stored program body (procedure, function or trigger): the compound
 * statements of MySQL's SQL/PSM, or an ordinary SQL statement. The whole family lives in this
 * file because the records are small and only make sense together.
 * Labels are null when absent.
 */
public sealed interface ProgramStatement {

    /** [label:] BEGIN declarations statements END [label]. */
    record Block(String label, List<ProgramStatement> statements) implements ProgramStatement {
        public Block { statements = List.copyOf(statements); }
    }

    /** DECLARE name [, name] type [DEFAULT expr]; {@code defaultValue} null means NULL. */
    record DeclareVariable(List<String> names, DataType type, Expression defaultValue) implements ProgramStatement {
        public DeclareVariable { names = List.copyOf(names); }
    }

    /** DECLARE name CONDITION FOR {SQLSTATE 'x' | errno}. */
    record DeclareCondition(String name, ConditionValue value) implements ProgramStatement {
    }

    /** DECLARE name CURSOR FOR select. */
    record DeclareCursor(String name, Query query, String queryText) implements ProgramStatement {
    }

    /** DECLARE {CONTINUE | EXIT | UNDO} HANDLER FOR condition [, ...] statement. */
    record DeclareHandler(HandlerAction action, List<ConditionValue> conditions, ProgramStatement body)
            implements ProgramStatement {
        public DeclareHandler { conditions = List.copyOf(conditions); }
    }

    enum HandlerAction { CONTINUE, EXIT, UNDO }

    /** One SET target in a program: a local variable, NEW.column, or (resolved at run time) a system variable. */
    record Assignment(String qualifier, String name, Expression value) {
    }

    /** SET target = expr [, ...] where the targets are plain names or NEW.col. */
    record SetLocal(List<Assignment> assignments) implements ProgramStatement {
        public SetLocal { assignments = List.copyOf(assignments); }
    }

    /** One IF / ELSEIF branch, or one CASE ... WHEN branch. */
    record Branch(Expression condition, List<ProgramStatement> statements) {
        public Branch { statements = List.copyOf(statements); }
    }

    /** IF c THEN ... [ELSEIF c THEN ...] [ELSE ...] END IF; {@code otherwise} null when there is no ELSE. */
    record If(List<Branch> branches, List<ProgramStatement> otherwise) implements ProgramStatement {
        public If { branches = List.copyOf(branches); }
    }

    /** CASE [operand] WHEN ... THEN ... [ELSE ...] END CASE; no ELSE and no match raises 1339. */
    record Case(Expression operand, List<Branch> branches, List<ProgramStatement> otherwise) implements ProgramStatement {
        public Case { branches = List.copyOf(branches); }
    }

    /** [label:] WHILE c DO ... END WHILE [label]. */
    record While(String label, Expression condition, List<ProgramStatement> statements) implements ProgramStatement {
        public While { statements = List.copyOf(statements); }
    }

    /** [label:] REPEAT ... UNTIL c END REPEAT [label]. */
    record Repeat(String label, List<ProgramStatement> statements, Expression until) implements ProgramStatement {
        public Repeat { statements = List.copyOf(statements); }
    }

    /** [label:] LOOP ... END LOOP [label]. */
    record Loop(String label, List<ProgramStatement> statements) implements ProgramStatement {
        public Loop { statements = List.copyOf(statements); }
    }

    record Leave(String label) implements ProgramStatement {
    }

    record Iterate(String label) implements ProgramStatement {
    }

    record Open(String cursor) implements ProgramStatement {
    }

    record Fetch(String cursor, List<String> targets) implements ProgramStatement {
        public Fetch { targets = List.copyOf(targets); }
    }

    record Close(String cursor) implements ProgramStatement {
    }

    record Return(Expression value) implements ProgramStatement {
    }

    /** SIGNAL condition [SET item = value, ...] or RESIGNAL [condition] [SET ...]; condition null for a bare RESIGNAL. */
    record Signal(boolean resignal, ConditionValue condition, List<SignalItem> items) implements ProgramStatement {
        public Signal { items = List.copyOf(items); }
    }

    /** MESSAGE_TEXT = 'x', MYSQL_ERRNO = 1234, ... (name in upper case). */
    record SignalItem(String name, Expression value) {
    }

    /** GET [CURRENT] DIAGNOSTICS [CONDITION n] target = item [, ...]; {@code condition} null for statement items. */
    record GetDiagnostics(Expression condition, List<DiagnosticsItem> items) implements ProgramStatement {
        public GetDiagnostics { items = List.copyOf(items); }
    }

    /** target = NUMBER | ROW_COUNT | MESSAGE_TEXT | MYSQL_ERRNO | RETURNED_SQLSTATE ...; target is a local or @user variable. */
    record DiagnosticsItem(String target, boolean userVariable, String item) {
    }

    /** SELECT ... INTO var [, var] ... : a query whose single row goes into variables. */
    record ProgramSelectInto(Query query, String queryText, List<String> targets) implements ProgramStatement {
        public ProgramSelectInto { targets = List.copyOf(targets); }
    }

    /** Any other SQL statement, with its source text. */
    record Sql(Statement statement, String text) implements ProgramStatement {
    }
}
