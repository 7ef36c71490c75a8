package dev.basalt.sql.parser;

import dev.basalt.sql.ParseException;
import dev.basalt.sql.ast.AlterRoutine;
import dev.basalt.sql.ast.Call;
import dev.basalt.sql.ast.ConditionValue;
import dev.basalt.sql.ast.CreateRoutine;
import dev.basalt.sql.ast.CreateTrigger;
import dev.basalt.sql.ast.AlterEvent;
import dev.basalt.sql.ast.CreateEvent;
import dev.basalt.sql.ast.DropEvent;
import dev.basalt.sql.ast.EventSchedule;
import dev.basalt.sql.ast.DataType;
import dev.basalt.sql.ast.DropRoutine;
import dev.basalt.sql.ast.DropTrigger;
import dev.basalt.sql.ast.Expression;
import dev.basalt.sql.ast.ProgramStatement;
import dev.basalt.sql.ast.ProgramStatement.*;
import dev.basalt.sql.ast.QualifiedName;
import dev.basalt.sql.ast.Query;
import dev.basalt.sql.ast.RoutineKind;
import dev.basalt.sql.ast.RoutineParameter;
import dev.basalt.sql.ast.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Stored programs: CREATE TRIGGER / PROCEDURE / FUNCTION with their compound-statement bodies
 * (BEGIN ... END, DECLARE, IF, CASE, loops, cursors, handlers, SIGNAL), DROP of them, and CALL.
 * The client's DELIMITER is a client-side matter: the server receives the whole CREATE statement,
 * inner ';' included, and the body parser consumes them.
 */
abstract class ProgramParser extends AdminParser {

    protected ProgramParser(String src, Dialect dialect, ParserOptions options) {
        super(src, dialect, options);
    }

    // ---------------------------------------------------------------- CREATE / DROP / CALL

    /** After CREATE [DEFINER = u] [SQL SECURITY x], at TRIGGER, PROCEDURE or FUNCTION. */
    @Override
    protected final Statement createProgram(Token createToken, String definer) {
        if (accept(dev.basalt.sql.parser.Keyword.TRIGGER)) {
            return trigger(createToken, definer);
        }
        RoutineKind kind = accept(Keyword.PROCEDURE) ? RoutineKind.PROCEDURE : null;
        if (kind == null) {
            expect(Keyword.FUNCTION);
            kind = RoutineKind.FUNCTION;
        }
        return routine(createToken, definer, kind);
    }

    private Statement trigger(Token createToken, String definer) {
        boolean ifNotExists = ifNotExistsClause();
        QualifiedName name = qualifiedName();
        CreateTrigger.Timing timing;
        if (accept(Keyword.BEFORE)) {
            timing = CreateTrigger.Timing.BEFORE;
        } else {
            expect(Keyword.AFTER);
            timing = CreateTrigger.Timing.AFTER;
        }
        CreateTrigger.Event event;
        if (accept(Keyword.INSERT)) {
            event = CreateTrigger.Event.INSERT;
        } else if (accept(Keyword.UPDATE)) {
            event = CreateTrigger.Event.UPDATE;
        } else {
            expect(Keyword.DELETE);
            event = CreateTrigger.Event.DELETE;
        }
        expect(Keyword.ON);
        QualifiedName table = qualifiedName();
        expect(Keyword.FOR);
        expect(Keyword.EACH);
        expect(Keyword.ROW);
        boolean follows = false;
        String orderTarget = null;
        if (atWord("FOLLOWS") || atWord("PRECEDES")) {
            follows = atWord("FOLLOWS");
            advance();
            orderTarget = identifier();
        }
        int bodyStart = peek().start;
        ProgramStatement body = programStatement();
        return new CreateTrigger(definer, name, ifNotExists, timing, event, table, follows, orderTarget, body,
                text(bodyStart, prev.end), text(createToken.start, prev.end));
    }

    private boolean ifNotExistsClause() {
        if (at(Keyword.IF)) {
            advance();
            expect(Keyword.NOT);
            expect(Keyword.EXISTS);
            return true;
        }
        return false;
    }

    private Statement routine(Token createToken, String definer, RoutineKind kind) {
        boolean ifNotExists = ifNotExistsClause();
        QualifiedName name = qualifiedName();
        expect(TokenType.LPAREN);
        List<RoutineParameter> parameters = new ArrayList<>();
        if (!at(TokenType.RPAREN)) {
            do {
                RoutineParameter.Mode mode = RoutineParameter.Mode.IN;
                if (kind == RoutineKind.PROCEDURE) {
                    if (accept(Keyword.OUT)) {
                        mode = RoutineParameter.Mode.OUT;
                    } else if (accept(Keyword.INOUT)) {
                        mode = RoutineParameter.Mode.INOUT;
                    } else {
                        accept(Keyword.IN);
                    }
                }
                String pname = identifier();
                int typeStart = peek().start;
                DataType type = dataType().type();
                parameters.add(new RoutineParameter(mode, pname, type, text(typeStart, prev.end)));
            } while (accept(TokenType.COMMA));
        }
        expect(TokenType.RPAREN);
        DataType returns = null;
        String returnsText = null;
        if (kind == RoutineKind.FUNCTION) {
            if (!acceptWord("RETURNS")) {
                throw error();
            }
            int typeStart = peek().start;
            returns = dataType().type();
            returnsText = text(typeStart, prev.end);
        }
        Characteristics ch = characteristics(true);
        int bodyStart = peek().start;
        ProgramStatement body = programStatement();
        return new CreateRoutine(definer, kind, name, ifNotExists, parameters, returns, returnsText, ch.comment,
                Boolean.TRUE.equals(ch.deterministic), ch.dataAccess == null ? "CONTAINS SQL" : ch.dataAccess,
                Boolean.TRUE.equals(ch.invoker), body, text(bodyStart, prev.end), text(createToken.start, prev.end));
    }

    /** Routine characteristics as written; null fields were not written. */
    private static final class Characteristics {
        String comment;
        Boolean deterministic;
        String dataAccess;
        Boolean invoker;
    }

    /** COMMENT, LANGUAGE SQL, [NOT] DETERMINISTIC (CREATE only), data access, SQL SECURITY, in any order. */
    private Characteristics characteristics(boolean create) {
        Characteristics ch = new Characteristics();
        while (true) {
            if (accept(Keyword.COMMENT)) {
                ch.comment = expect(TokenType.STRING).value();
            } else if (accept(Keyword.LANGUAGE)) {
                expect(Keyword.SQL);
            } else if (create && at(Keyword.NOT) && atAt(1, Keyword.DETERMINISTIC)) {
                advance();
                advance();
                ch.deterministic = false;
            } else if (create && accept(Keyword.DETERMINISTIC)) {
                ch.deterministic = true;
            } else if (atWord("CONTAINS")) {
                advance();
                expect(Keyword.SQL);
                ch.dataAccess = "CONTAINS SQL";
            } else if (at(Keyword.NO) && atAt(1, Keyword.SQL)) {
                advance();
                advance();
                ch.dataAccess = "NO SQL";
            } else if (at(Keyword.READS) || at(Keyword.MODIFIES)) {
                ch.dataAccess = at(Keyword.READS) ? "READS SQL DATA" : "MODIFIES SQL DATA";
                advance();
                expect(Keyword.SQL);
                expect(Keyword.DATA);
            } else if (at(Keyword.SQL) && atAt(1, Keyword.SECURITY)) {
                advance();
                advance();
                if (accept(Keyword.DEFINER)) {
                    ch.invoker = false;
                } else if (acceptWord("INVOKER")) {
                    ch.invoker = true;
                } else {
                    throw error();
                }
            } else {
                return ch;
            }
        }
    }

    @Override
    protected final Statement alterProgram() {
        RoutineKind kind = accept(Keyword.PROCEDURE) ? RoutineKind.PROCEDURE : null;
        if (kind == null) {
            expect(Keyword.FUNCTION);
            kind = RoutineKind.FUNCTION;
        }
        QualifiedName name = qualifiedName();
        Characteristics ch = characteristics(false);
        return new AlterRoutine(kind, name, ch.comment, ch.dataAccess, ch.invoker);
    }

    /** After DROP, at TRIGGER, PROCEDURE or FUNCTION. */
    @Override
    protected final Statement dropProgram() {
        if (accept(Keyword.TRIGGER)) {
            boolean ifExists = ifExists();
            return new DropTrigger(qualifiedName(), ifExists);
        }
        RoutineKind kind = accept(Keyword.PROCEDURE) ? RoutineKind.PROCEDURE : null;
        if (kind == null) {
            expect(Keyword.FUNCTION);
            kind = RoutineKind.FUNCTION;
        }
        boolean ifExists = ifExists();
        return new DropRoutine(kind, qualifiedName(), ifExists);
    }

    // ---------------------------------------------------------------- events

    /** After CREATE [DEFINER = u] EVENT. */
    @Override
    protected final Statement createEvent(Token createToken, String definer) {
        boolean ifNotExists = ifNotExistsClause();
        QualifiedName name = qualifiedName();
        expect(Keyword.ON);
        if (!acceptWord("SCHEDULE")) throw error();
        EventSchedule schedule = eventSchedule();
        EventClauses c = eventClauses(false);
        if (!accept(Keyword.DO)) throw error();
        int bodyStart = peek().start;
        ProgramStatement body = programStatement();
        return new CreateEvent(definer, name, ifNotExists, schedule, Boolean.TRUE.equals(c.preserve), c.status,
                c.comment, body, text(bodyStart, prev.end), text(createToken.start, prev.end));
    }

    /** After ALTER [DEFINER = u] EVENT. */
    @Override
    protected final Statement alterEvent(String definer) {
        QualifiedName name = qualifiedName();
        EventSchedule schedule = null;
        if (at(Keyword.ON) && atWordAt(1, "SCHEDULE")) {
            advance();
            advance();
            schedule = eventSchedule();
        }
        EventClauses c = eventClauses(true);
        ProgramStatement body = null;
        String bodyText = null;
        if (accept(Keyword.DO)) {
            int bodyStart = peek().start;
            body = programStatement();
            bodyText = text(bodyStart, prev.end);
        }
        if (schedule == null && c.preserve == null && c.renameTo == null && c.status == null && c.comment == null
                && body == null && definer == null) {
            throw error(); // MySQL: ALTER EVENT needs at least one clause (1064)
        }
        return new AlterEvent(definer, name, schedule, c.preserve, c.renameTo, c.status, c.comment, body, bodyText);
    }

    /** After DROP EVENT. */
    @Override
    protected final Statement dropEvent() {
        boolean ifExists = ifExists();
        return new DropEvent(qualifiedName(), ifExists);
    }

    private boolean atWordAt(int ahead, String upperWord) {
        Token t = peek(ahead);
        return t.type == TokenType.IDENT && upperText(t).equals(upperWord);
    }

    /** AT ts | EVERY n unit [STARTS ts] [ENDS ts]. */
    private EventSchedule eventSchedule() {
        if (acceptWord("AT")) {
            return new EventSchedule(expression(), null, null, null, null);
        }
        if (!acceptWord("EVERY")) throw error();
        Expression every = expression();
        var unit = intervalUnit();
        Expression starts = acceptWord("STARTS") ? expression() : null;
        Expression ends = acceptWord("ENDS") ? expression() : null;
        return new EventSchedule(null, every, unit, starts, ends);
    }

    /** The clauses after the schedule, as written (null = absent). */
    private static final class EventClauses {
        Boolean preserve;
        QualifiedName renameTo;
        CreateEvent.Status status;
        String comment;
    }

    /** [ON COMPLETION [NOT] PRESERVE] [RENAME TO name] [ENABLE | DISABLE [ON SLAVE]] [COMMENT 'x'], in MySQL's order. */
    private EventClauses eventClauses(boolean alter) {
        EventClauses c = new EventClauses();
        if (at(Keyword.ON) && atWordAt(1, "COMPLETION")) {
            advance();
            advance();
            c.preserve = !accept(Keyword.NOT);
            if (!acceptWord("PRESERVE")) throw error();
        }
        if (alter && accept(Keyword.RENAME)) {
            expect(Keyword.TO);
            c.renameTo = qualifiedName();
        }
        if (accept(Keyword.ENABLE)) {
            c.status = CreateEvent.Status.ENABLED;
        } else if (accept(Keyword.DISABLE)) {
            c.status = CreateEvent.Status.DISABLED;
            if (at(Keyword.ON) && (atAt(1, Keyword.SLAVE) || atAt(1, Keyword.REPLICA))) {
                advance();
                advance();
                c.status = CreateEvent.Status.SLAVESIDE_DISABLED;
            }
        }
        if (accept(Keyword.COMMENT)) {
            c.comment = expect(TokenType.STRING).value();
        }
        return c;
    }

    /** CALL name[(args)]. */
    protected final Statement call() {
        expect(Keyword.CALL);
        QualifiedName name = qualifiedName();
        List<Expression> args = List.of();
        if (accept(TokenType.LPAREN)) {
            if (!at(TokenType.RPAREN)) {
                args = new ArrayList<>();
                do {
                    args.add(expression());
                } while (accept(TokenType.COMMA));
            }
            expect(TokenType.RPAREN);
        }
        return new Call(name, args);
    }

    // ---------------------------------------------------------------- program statements

    /** One statement of a body (without its terminating ';'). */
    protected final ProgramStatement programStatement() {
        String label = null;
        if (isIdentifier(peek()) && atAt(1, TokenType.COLON)) {
            label = advance().value();
            advance();
            if (!(at(Keyword.BEGIN) || at(Keyword.WHILE) || at(Keyword.REPEAT) || at(Keyword.LOOP))) {
                throw error();
            }
        }
        if (accept(Keyword.BEGIN)) {
            List<ProgramStatement> body = blockStatements();
            expect(Keyword.END);
            endLabel(label);
            return new Block(label, body);
        }
        if (accept(Keyword.WHILE)) {
            Expression condition = expression();
            expect(Keyword.DO);
            List<ProgramStatement> body = statementList();
            expect(Keyword.END);
            expect(Keyword.WHILE);
            endLabel(label);
            return new While(label, condition, body);
        }
        if (accept(Keyword.REPEAT)) {
            List<ProgramStatement> body = statementList();
            if (!acceptWord("UNTIL")) {
                throw error();
            }
            Expression until = expression();
            expect(Keyword.END);
            expect(Keyword.REPEAT);
            endLabel(label);
            return new Repeat(label, body, until);
        }
        if (accept(Keyword.LOOP)) {
            List<ProgramStatement> body = statementList();
            expect(Keyword.END);
            expect(Keyword.LOOP);
            endLabel(label);
            return new Loop(label, body);
        }
        Token t = peek();
        if (t.type == TokenType.IDENT && t.keyword != null) {
            switch (t.keyword) {
                case DECLARE -> {
                    advance();
                    return declare();
                }
                case IF -> {
                    advance();
                    return ifStatement();
                }
                case CASE -> {
                    advance();
                    return caseStatement();
                }
                case LEAVE -> {
                    advance();
                    return new Leave(identifier());
                }
                case ITERATE -> {
                    advance();
                    return new Iterate(identifier());
                }
                case OPEN -> {
                    advance();
                    return new Open(identifier());
                }
                case CLOSE -> {
                    advance();
                    return new Close(identifier());
                }
                case FETCH -> {
                    advance();
                    return fetch();
                }
                case RETURN -> {
                    advance();
                    return new Return(expression());
                }
                case SIGNAL, RESIGNAL -> {
                    return signal(advance().keyword == Keyword.RESIGNAL);
                }
                case GET -> {
                    advance();
                    return getDiagnostics();
                }
                case SET -> {
                    ProgramStatement set = setLocal();
                    if (set != null) {
                        return set;
                    }
                }
                case SELECT, WITH -> {
                    ProgramStatement into = selectInto();
                    if (into != null) {
                        return into;
                    }
                }
                default -> {
                }
            }
        }
        if (t.type == TokenType.LPAREN) {
            ProgramStatement into = selectInto();
            if (into != null) {
                return into;
            }
        }
        int start = t.start;
        Statement st = statement();
        return new Sql(st, text(start, prev.end));
    }

    /** Statements each followed by ';', up to END / ELSE / ELSEIF / UNTIL / WHEN. */
    private List<ProgramStatement> statementList() {
        List<ProgramStatement> out = new ArrayList<>();
        while (!(at(Keyword.END) || at(Keyword.ELSE) || at(Keyword.ELSEIF) || at(Keyword.WHEN) || atWord("UNTIL")
                || at(TokenType.EOF))) {
            out.add(programStatement());
            expect(TokenType.SEMICOLON);
        }
        return out;
    }

    /** A BEGIN block's statements: DECLAREs first (a DECLARE after another statement is a syntax error, as in MySQL). */
    private List<ProgramStatement> blockStatements() {
        List<ProgramStatement> out = new ArrayList<>();
        boolean declarations = true;
        while (!(at(Keyword.END) || at(TokenType.EOF))) {
            if (at(Keyword.DECLARE) && !declarations) {
                throw error();
            }
            declarations &= at(Keyword.DECLARE);
            out.add(programStatement());
            expect(TokenType.SEMICOLON);
        }
        return out;
    }

    private void endLabel(String label) {
        if (label != null && isIdentifier(peek()) && !at(TokenType.SEMICOLON)) {
            Token t = advance();
            if (!t.value().equalsIgnoreCase(label)) {
                throw errorAt(t);
            }
        }
    }

    private ProgramStatement declare() {
        if (isIdentifier(peek()) && atAt(1, Keyword.CONDITION)) {
            String name = advance().value();
            advance();
            expect(Keyword.FOR);
            return new DeclareCondition(name, conditionValue(false));
        }
        if (isIdentifier(peek()) && atAt(1, Keyword.CURSOR)) {
            String name = advance().value();
            advance();
            expect(Keyword.FOR);
            int start = peek().start;
            Query q = queryExpression();
            return new DeclareCursor(name, q, text(start, prev.end));
        }
        if (at(Keyword.CONTINUE) || at(Keyword.EXIT) || at(Keyword.UNDO)) {
            HandlerAction action = switch (advance().keyword) {
                case CONTINUE -> HandlerAction.CONTINUE;
                case EXIT -> HandlerAction.EXIT;
                default -> HandlerAction.UNDO;
            };
            if (!acceptWord("HANDLER")) {
                throw error();
            }
            expect(Keyword.FOR);
            List<ConditionValue> conditions = new ArrayList<>();
            do {
                conditions.add(conditionValue(true));
            } while (accept(TokenType.COMMA));
            return new DeclareHandler(action, conditions, programStatement());
        }
        List<String> names = new ArrayList<>();
        do {
            names.add(identifier());
        } while (accept(TokenType.COMMA));
        DataType type = dataType().type();
        Expression def = null;
        if (accept(Keyword.DEFAULT)) {
            def = expression();
        }
        return new DeclareVariable(names, type, def);
    }

    /** SQLSTATE [VALUE] 'x' | errno | name | SQLWARNING | NOT FOUND | SQLEXCEPTION (the last four only for handlers). */
    private ConditionValue conditionValue(boolean forHandler) {
        if (accept(Keyword.SQLSTATE)) {
            accept(Keyword.VALUE);
            Token s = expect(TokenType.STRING);
            return new ConditionValue(ConditionValue.Kind.SQLSTATE, s.value(), 0);
        }
        if (at(TokenType.INTEGER)) {
            return new ConditionValue(ConditionValue.Kind.ERRNO, null, (int) integerLiteral());
        }
        if (forHandler) {
            if (accept(Keyword.SQLWARNING)) {
                return new ConditionValue(ConditionValue.Kind.SQLWARNING, null, 0);
            }
            if (accept(Keyword.SQLEXCEPTION)) {
                return new ConditionValue(ConditionValue.Kind.SQLEXCEPTION, null, 0);
            }
            if (at(Keyword.NOT) && atWord2(1, "FOUND")) {
                advance();
                advance();
                return new ConditionValue(ConditionValue.Kind.NOT_FOUND, null, 0);
            }
            return new ConditionValue(ConditionValue.Kind.NAMED, identifier(), 0);
        }
        throw error();
    }

    private boolean atWord2(int k, String upperWord) {
        Token t = peek(k);
        return t.type == TokenType.IDENT && upperText(t).equals(upperWord);
    }

    private ProgramStatement ifStatement() {
        List<Branch> branches = new ArrayList<>();
        List<ProgramStatement> otherwise = null;
        do {
            Expression condition = expression();
            expect(Keyword.THEN);
            branches.add(new Branch(condition, statementList()));
        } while (accept(Keyword.ELSEIF));
        if (accept(Keyword.ELSE)) {
            otherwise = statementList();
        }
        expect(Keyword.END);
        expect(Keyword.IF);
        return new If(branches, otherwise);
    }

    private ProgramStatement caseStatement() {
        Expression operand = at(Keyword.WHEN) ? null : expression();
        List<Branch> branches = new ArrayList<>();
        while (accept(Keyword.WHEN)) {
            Expression condition = expression();
            expect(Keyword.THEN);
            branches.add(new Branch(condition, statementList()));
        }
        if (branches.isEmpty()) {
            throw error();
        }
        List<ProgramStatement> otherwise = null;
        if (accept(Keyword.ELSE)) {
            otherwise = statementList();
        }
        expect(Keyword.END);
        expect(Keyword.CASE);
        return new ProgramStatement.Case(operand, branches, otherwise);
    }

    private ProgramStatement fetch() {
        if (acceptWord("NEXT")) {
            expect(Keyword.FROM);
        } else {
            accept(Keyword.FROM);
        }
        String cursor = identifier();
        expect(Keyword.INTO);
        List<String> targets = new ArrayList<>();
        do {
            targets.add(identifier());
        } while (accept(TokenType.COMMA));
        return new Fetch(cursor, targets);
    }

    private ProgramStatement signal(boolean resignal) {
        ConditionValue condition = null;
        if (at(Keyword.SQLSTATE)) {
            advance();
            accept(Keyword.VALUE);
            condition = new ConditionValue(ConditionValue.Kind.SQLSTATE, expect(TokenType.STRING).value(), 0);
        } else if (isIdentifier(peek()) && !at(Keyword.SET)) {
            condition = new ConditionValue(ConditionValue.Kind.NAMED, identifier(), 0);
        } else if (!resignal) {
            throw error();
        }
        List<SignalItem> items = new ArrayList<>();
        if (accept(Keyword.SET)) {
            do {
                String item = anyWord().toUpperCase(Locale.ROOT);
                expect(TokenType.EQ);
                items.add(new SignalItem(item, expression()));
            } while (accept(TokenType.COMMA));
        }
        return new Signal(resignal, condition, items);
    }

    private ProgramStatement getDiagnostics() {
        if (!acceptWord("CURRENT")) {
            acceptWord("STACKED");
        }
        if (!acceptWord("DIAGNOSTICS")) {
            throw error();
        }
        Expression condition = null;
        if (accept(Keyword.CONDITION)) {
            condition = expression();
        }
        List<DiagnosticsItem> items = new ArrayList<>();
        do {
            boolean user = at(TokenType.USER_VAR);
            String target = user ? advance().value() : identifier();
            expect(TokenType.EQ);
            items.add(new DiagnosticsItem(target, user, anyWord().toUpperCase(Locale.ROOT)));
        } while (accept(TokenType.COMMA));
        return new GetDiagnostics(condition, items);
    }

    /**
     * SET name = expr [, ...] with plain names or NEW.col as targets: a local assignment resolved
     * at run time (a name that is no local variable is a session system variable). Null when the
     * SET is some other form (user or @@ variables, NAMES, TRANSACTION ...), parsed as usual.
     */
    private ProgramStatement setLocal() {
        Token first = peek(1);
        if (!isIdentifier(first) || (first.keyword != null && switch (first.keyword) {
            case GLOBAL, SESSION, LOCAL, PERSIST, PERSIST_ONLY, NAMES, CHARACTER, CHARSET, TRANSACTION -> true;
            default -> false;
        })) {
            return null;
        }
        advance();
        List<Assignment> assignments = new ArrayList<>();
        do {
            if (!atIdentifier()) {
                throw error();
            }
            String qualifier = null;
            String name = advance().value();
            if (accept(TokenType.DOT)) {
                qualifier = name;
                name = anyWord();
            }
            if (!accept(TokenType.EQ)) {
                expect(TokenType.ASSIGN);
            }
            assignments.add(new Assignment(qualifier, name, expression()));
        } while (accept(TokenType.COMMA));
        return new SetLocal(assignments);
    }

    /**
     * SELECT ... INTO targets ... : finds INTO at nesting depth 0 before the statement's end, and
     * parses the statement's text without the INTO clause as an ordinary query. Null when there
     * is no INTO (an ordinary SELECT, whose rows go to the client).
     */
    private ProgramStatement selectInto() {
        int depth = 0;
        int intoAt = -1;
        int k = 0;
        for (;; k++) {
            Token t = peek(k);
            if (t.type == TokenType.EOF || (depth == 0 && t.type == TokenType.SEMICOLON)) {
                break;
            }
            if (t.type == TokenType.LPAREN) {
                depth++;
            } else if (t.type == TokenType.RPAREN) {
                depth--;
            } else if (depth == 0 && t.is(Keyword.INTO) && intoAt < 0) {
                intoAt = k;
            }
        }
        if (intoAt < 0) {
            return null;
        }
        int end = k;
        List<String> targets = new ArrayList<>();
        int j = intoAt + 1;
        while (true) {
            Token t = peek(j);
            if (t.type == TokenType.USER_VAR) {
                targets.add("@" + t.value());
            } else if (isIdentifier(t)) {
                targets.add(t.value());
            } else {
                throw errorAt(t);
            }
            j++;
            if (peek(j).type != TokenType.COMMA) {
                break;
            }
            j++;
        }
        int start = peek().start;
        int intoStart = peek(intoAt).start;
        int intoEnd = peek(j - 1).end;
        int stmtEnd = peek(end - 1).end;
        String queryText = text(start, intoStart) + " " + text(intoEnd, stmtEnd);
        Statement st;
        try {
            st = MySqlParser.parseOne(queryText, options);
        } catch (ParseException e) {
            throw errorAt(peek(intoAt));
        }
        if (!(st instanceof Query q)) {
            throw errorAt(peek(intoAt));
        }
        for (int i = 0; i < end; i++) {
            advance();
        }
        return new ProgramSelectInto(q, queryText, targets);
    }
}
