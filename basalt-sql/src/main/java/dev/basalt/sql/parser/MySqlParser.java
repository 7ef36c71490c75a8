package dev.basalt.sql.parser;

import dev.basalt.sql.ParseException;
import dev.basalt.sql.ast.Shutdown;
import dev.basalt.sql.ast.Statement;
import dev.basalt.sql.ast.Use;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses MySQL 8 SQL text into {@link Statement}s, one statement at a time.
 *
 * <pre>{@code
 * MySqlParser parser = new MySqlParser(sql);
 * for (Statement s; (s = parser.next()) != null; ) {
 *     String text = parser.statementText();   // for SHOW PROCESSLIST, logs
 *     ...
 * }
 * if (parser.isEmpty()) -> ER_EMPTY_QUERY (1065)
 * }</pre>
 *
 * Statements are separated by ';'; empty statements are skipped. Parsing is lazy: a syntax error
 * in statement N is thrown by the N-th call of {@link #next()}, after statements 1..N-1 were
 * returned; after an error {@link #next()} returns null. Errors are {@link ParseException}s whose
 * message is MySQL's exact text. Not thread-safe; one instance per SQL text.
 */
public final class MySqlParser extends AccountParser {
    private boolean failed;
    private boolean started;
    private boolean empty;
    private String lastText = "";
    private int lastLine;
    private int lastParameterCount;

    public MySqlParser(String sql) {
        this(sql, ParserOptions.DEFAULT);
    }

    public MySqlParser(String sql, ParserOptions options) {
        super(sql, MySqlDialect.INSTANCE, options);
    }

    /** Parses a text that must hold exactly one statement (a trailing ';' is fine); null when empty. */
    public static Statement parseOne(String sql) {
        return parseOne(sql, ParserOptions.DEFAULT);
    }

    public static Statement parseOne(String sql, ParserOptions options) {
        MySqlParser parser = new MySqlParser(sql, options);
        Statement statement = parser.next();
        if (statement != null && parser.hasMore()) {
            throw parser.error();
        }
        return statement;
    }

    /** Parses every statement of a text. */
    public static List<Statement> parseAll(String sql) {
        MySqlParser parser = new MySqlParser(sql);
        List<Statement> statements = new ArrayList<>();
        for (Statement s; (s = parser.next()) != null; ) {
            statements.add(s);
        }
        return statements;
    }

    /** The next statement, or null at the end of the text (or after an error was thrown). */
    public Statement next() {
        if (failed) {
            return null;
        }
        skipSeparators();
        if (!started) {
            started = true;
            empty = at(TokenType.EOF);
        }
        if (at(TokenType.EOF)) {
            return null;
        }
        Token first = peek();
        statementStart = first.start;
        parameterCount = 0;
        try {
            Statement statement = statement();
            if (!atStatementEnd()) {
                throw error();
            }
            lastText = currentStatementText();
            lastLine = first.line;
            lastParameterCount = parameterCount;
            return statement;
        } catch (ParseException e) {
            failed = true;
            throw e;
        } catch (StackOverflowError e) {
            failed = true;
            throw ParseException.tooDeep(first.line);
        }
    }

    /** True when another (non-empty) statement follows the last one returned. */
    public boolean hasMore() {
        if (failed) {
            return false;
        }
        skipSeparators();
        return !at(TokenType.EOF);
    }

    /** True when the text holds no statement at all (only whitespace, comments or ';'): MySQL error 1065. */
    public boolean isEmpty() {
        if (!started) {
            skipSeparators();
            started = true;
            empty = at(TokenType.EOF);
        }
        return empty;
    }

    /** The exact source text of the statement last returned by {@link #next()}. */
    public String statementText() {
        return lastText;
    }

    /** The 1-based line on which the statement last returned starts. */
    public int statementLine() {
        return lastLine;
    }

    /** How many {@code ?} placeholders the statement last returned has. */
    public int parameterCount() {
        return lastParameterCount;
    }

    private void skipSeparators() {
        while (at(TokenType.SEMICOLON)) {
            advance();
        }
    }

    @Override
    protected Statement statement() {
        Token t = peek();
        if (t.type == TokenType.LPAREN) {
            return selectStatement();
        }
        if (t.type != TokenType.IDENT || t.keyword == null) {
            throw error();
        }
        return switch (t.keyword) {
            case SELECT, WITH -> selectStatement();
            case LOAD -> loadData();
            case INSERT, REPLACE -> insert();
            case UPDATE -> update();
            case DELETE -> delete();
            case CREATE -> {
                if (atUserAfterVerb()) {
                    advance();
                    yield createUser();
                }
                if (atRoleAfterVerb()) {
                    advance();
                    yield createRole();
                }
                yield create(advance());
            }
            case ALTER -> {
                advance();
                yield at(Keyword.USER) ? alterUser() : alter();
            }
            case DROP -> {
                if (atRoleAfterVerb()) {
                    advance();
                    yield dropRole();
                }
                advance();
                yield at(Keyword.PREPARE) ? deallocate() : at(Keyword.USER) ? dropUser() : drop();
            }
            case TRUNCATE -> {
                advance();
                yield truncate();
            }
            case RENAME -> {
                advance();
                yield at(Keyword.USER) ? renameUser() : renameTable();
            }
            case USE -> {
                advance();
                yield new Use(identifier());
            }
            case SET -> atAt(1, Keyword.PASSWORD) ? setPassword() : atSetRole() ? setRole() : set();
            case SHOW -> atAt(1, Keyword.GRANTS) ? showGrants() : atShowCreateUser() ? showCreateUser() : show();
            case DESCRIBE, DESC, EXPLAIN -> describeOrExplain();
            case BEGIN -> begin();
            case START -> startTransaction();
            case COMMIT -> commit();
            case ROLLBACK -> rollback();
            case SAVEPOINT -> savepoint();
            case RELEASE -> releaseSavepoint();
            case LOCK -> lockTables();
            case UNLOCK -> unlockTables();
            case FLUSH -> flush();
            case KILL -> kill();
            case SHUTDOWN -> {
                advance();
                yield new Shutdown();
            }
            case DO -> doStatement();
            case ANALYZE, OPTIMIZE, CHECK, REPAIR, CHECKSUM -> tableMaintenance();
            case PREPARE -> prepare();
            case EXECUTE -> execute();
            case DEALLOCATE -> {
                advance();
                yield deallocate();
            }
            case CALL -> call();
            case GRANT -> grant();
            case REVOKE -> revoke();
            default -> throw error();
        };
    }
}
