package dev.basalt.sql.parser;

import dev.basalt.sql.ast.ColumnRef;
import dev.basalt.sql.ast.Commit;
import dev.basalt.sql.ast.DeallocatePrepare;
import dev.basalt.sql.ast.DefaultExpr;
import dev.basalt.sql.ast.Describe;
import dev.basalt.sql.ast.Do;
import dev.basalt.sql.ast.Execute;
import dev.basalt.sql.ast.Explain;
import dev.basalt.sql.ast.Expression;
import dev.basalt.sql.ast.Flush;
import dev.basalt.sql.ast.IsolationLevel;
import dev.basalt.sql.ast.Kill;
import dev.basalt.sql.ast.Limit;
import dev.basalt.sql.ast.LockTables;
import dev.basalt.sql.ast.Prepare;
import dev.basalt.sql.ast.QualifiedName;
import dev.basalt.sql.ast.ReleaseSavepoint;
import dev.basalt.sql.ast.Rollback;
import dev.basalt.sql.ast.Savepoint;
import dev.basalt.sql.ast.SetCharacterSet;
import dev.basalt.sql.ast.SetItem;
import dev.basalt.sql.ast.SetNames;
import dev.basalt.sql.ast.SetStatement;
import dev.basalt.sql.ast.SetTransaction;
import dev.basalt.sql.ast.Show;
import dev.basalt.sql.ast.ShowKind;
import dev.basalt.sql.ast.StartTransaction;
import dev.basalt.sql.ast.Statement;
import dev.basalt.sql.ast.StringLiteral;
import dev.basalt.sql.ast.SystemVariable;
import dev.basalt.sql.ast.TableMaintenance;
import dev.basalt.sql.ast.UnlockTables;
import dev.basalt.sql.ast.UserVariable;
import dev.basalt.sql.ast.Variable;
import dev.basalt.sql.ast.VariableAssignment;
import dev.basalt.sql.ast.VariableScope;

import java.util.ArrayList;
import java.util.List;

/** Session and administration statements: SET, SHOW, DESCRIBE / EXPLAIN, transactions, locks, misc. */
abstract class AdminParser extends DdlParser {
    /** Offset of the current statement's first token (for statements that keep their text). */
    protected int statementStart;

    protected AdminParser(String src, Dialect dialect, ParserOptions options) {
        super(src, dialect, options);
    }

    /** Parses one statement of any kind; the public entry point checks what follows it. */
    protected abstract Statement statement();

    protected final String currentStatementText() {
        return prev == null ? "" : text(statementStart, Math.max(statementStart, prev.end));
    }

    protected final boolean atStatementEnd() {
        return at(TokenType.SEMICOLON) || at(TokenType.EOF);
    }

    private void skipToStatementEnd() {
        while (!atStatementEnd()) {
            advance();
        }
    }

    // ---------------------------------------------------------------- SET

    protected final Statement set() {
        expect(Keyword.SET);
        if (at(Keyword.TRANSACTION)) {
            return setTransaction(VariableScope.DEFAULT);
        }
        if ((at(Keyword.GLOBAL) || at(Keyword.SESSION) || at(Keyword.LOCAL)) && atAt(1, Keyword.TRANSACTION)) {
            VariableScope scope = advance().is(Keyword.GLOBAL) ? VariableScope.GLOBAL : VariableScope.SESSION;
            return setTransaction(scope);
        }
        if (at(Keyword.PASSWORD) || atWord("ROLE")) {
            throw unsupported("SET " + upperText(peek()));
        }
        List<SetItem> items = new ArrayList<>();
        setScope = VariableScope.DEFAULT;
        do {
            items.add(setItem());
        } while (accept(TokenType.COMMA));
        return new SetStatement(List.copyOf(items));
    }

    /**
     * The most recent GLOBAL / SESSION / PERSIST keyword of the SET being parsed: MySQL applies it
     * to the following assignments that name no scope (SET GLOBAL a = 1, b = 2 sets both globals).
     */
    private VariableScope setScope = VariableScope.DEFAULT;

    private SetItem setItem() {
        if (accept(Keyword.NAMES)) {
            if (accept(Keyword.DEFAULT)) {
                return new SetNames(null, null);
            }
            String charset = charsetName();
            String collation = null;
            if (accept(Keyword.COLLATE)) {
                collation = accept(Keyword.DEFAULT) ? null : charsetName();
            }
            return new SetNames(charset, collation);
        }
        if ((at(Keyword.CHARACTER) && atAt(1, Keyword.SET)) || at(Keyword.CHARSET)) {
            if (advance().is(Keyword.CHARACTER)) {
                advance();
            }
            return new SetCharacterSet(accept(Keyword.DEFAULT) ? null : charsetName());
        }
        Variable target;
        if (at(TokenType.USER_VAR)) {
            target = new UserVariable(advance().value());
        } else if (at(TokenType.AT_AT)) {
            target = systemVariable();
        } else {
            VariableScope scope = VariableScope.DEFAULT;
            if (at(Keyword.GLOBAL) || at(Keyword.SESSION) || at(Keyword.LOCAL) || at(Keyword.PERSIST)
                    || at(Keyword.PERSIST_ONLY)) {
                Token next = peek(1);
                if (next.type == TokenType.IDENT || next.type == TokenType.QUOTED_IDENT) {
                    Token s = advance();
                    scope = s.is(Keyword.GLOBAL) ? VariableScope.GLOBAL
                            : s.is(Keyword.PERSIST) ? VariableScope.PERSIST
                            : s.is(Keyword.PERSIST_ONLY) ? VariableScope.PERSIST_ONLY : VariableScope.SESSION;
                    setScope = scope;
                }
            }
            if (scope == VariableScope.DEFAULT) scope = setScope;
            String name = anyWord();
            if (accept(TokenType.DOT)) {
                name = name + "." + anyWord();
            }
            target = new SystemVariable(scope, name);
        }
        if (!accept(TokenType.EQ)) {
            expect(TokenType.ASSIGN);
        }
        return new VariableAssignment(target, setValue());
    }

    /** A SET value: an expression, or the bare words ON / DEFAULT / ALL / BINARY that MySQL allows. */
    private Expression setValue() {
        if ((at(Keyword.ON) || at(Keyword.ALL) || at(Keyword.BINARY)) && (atAt(1, TokenType.COMMA)
                || atAt(1, TokenType.SEMICOLON) || atAt(1, TokenType.EOF))) {
            return ColumnRef.of(advance().value());
        }
        if (at(Keyword.DEFAULT) && !atAt(1, TokenType.LPAREN)) {
            advance();
            return new DefaultExpr(null);
        }
        return expression();
    }

    private Statement setTransaction(VariableScope scope) {
        expect(Keyword.TRANSACTION);
        IsolationLevel level = null;
        Boolean readOnly = null;
        do {
            if (accept(Keyword.ISOLATION)) {
                expect(Keyword.LEVEL);
                level = isolationLevel();
            } else {
                expect(Keyword.READ);
                if (accept(Keyword.ONLY)) {
                    readOnly = Boolean.TRUE;
                } else {
                    expect(Keyword.WRITE);
                    readOnly = Boolean.FALSE;
                }
            }
        } while (accept(TokenType.COMMA));
        return new SetTransaction(scope, level, readOnly);
    }

    private IsolationLevel isolationLevel() {
        if (accept(Keyword.SERIALIZABLE)) {
            return IsolationLevel.SERIALIZABLE;
        }
        if (accept(Keyword.REPEATABLE)) {
            expect(Keyword.READ);
            return IsolationLevel.REPEATABLE_READ;
        }
        expect(Keyword.READ);
        if (accept(Keyword.COMMITTED)) {
            return IsolationLevel.READ_COMMITTED;
        }
        expect(Keyword.UNCOMMITTED);
        return IsolationLevel.READ_UNCOMMITTED;
    }

    // ---------------------------------------------------------------- SHOW

    protected final Statement show() {
        expect(Keyword.SHOW);
        boolean full = accept(Keyword.FULL);
        boolean extended = !full && accept(Keyword.EXTENDED);
        if (extended) {
            full = accept(Keyword.FULL);
        }
        VariableScope scope = VariableScope.DEFAULT;
        if (at(Keyword.GLOBAL) || at(Keyword.SESSION) || at(Keyword.LOCAL)) {
            scope = advance().is(Keyword.GLOBAL) ? VariableScope.GLOBAL : VariableScope.SESSION;
            if (!at(Keyword.VARIABLES) && !at(Keyword.STATUS)) {
                throw error();
            }
        }
        ShowKind kind;
        QualifiedName target = null;
        String database = null;
        boolean ifNotExists = false;
        Limit limit = null;
        Token t = peek();
        if (accept(Keyword.TABLES)) {
            kind = ShowKind.TABLES;
            database = fromDatabase();
        } else if (at(Keyword.COLUMNS) || at(Keyword.FIELDS)) {
            advance();
            kind = ShowKind.COLUMNS;
            target = fromTable();
        } else if (at(Keyword.INDEX) || at(Keyword.INDEXES) || at(Keyword.KEYS)) {
            advance();
            kind = ShowKind.INDEX;
            target = fromTable();
        } else if (accept(Keyword.DATABASES) || accept(Keyword.SCHEMAS)) {
            kind = ShowKind.DATABASES;
        } else if (accept(Keyword.CREATE)) {
            if (accept(Keyword.TABLE)) {
                kind = ShowKind.CREATE_TABLE;
                target = qualifiedName();
            } else if (accept(Keyword.VIEW)) {
                kind = ShowKind.CREATE_VIEW;
                target = qualifiedName();
            } else if (accept(Keyword.DATABASE) || accept(Keyword.SCHEMA)) {
                kind = ShowKind.CREATE_DATABASE;
                if (at(Keyword.IF)) {
                    advance();
                    expect(Keyword.NOT);
                    expect(Keyword.EXISTS);
                    ifNotExists = true;
                }
                target = QualifiedName.of(identifier());
            } else if (at(Keyword.PROCEDURE) || at(Keyword.FUNCTION) || at(Keyword.TRIGGER)) {
                Keyword k = advance().keyword;
                kind = k == Keyword.PROCEDURE ? ShowKind.CREATE_PROCEDURE
                        : k == Keyword.FUNCTION ? ShowKind.CREATE_FUNCTION : ShowKind.CREATE_TRIGGER;
                target = qualifiedName();
            } else if (accept(Keyword.EVENT)) {
                kind = ShowKind.CREATE_EVENT;
                target = qualifiedName();
            } else if (at(Keyword.USER)) {
                advance();
                kind = ShowKind.CREATE_USER;
                skipToStatementEnd();
            } else {
                kind = ShowKind.OTHER;
                skipToStatementEnd();
            }
        } else if (accept(Keyword.VARIABLES)) {
            kind = ShowKind.VARIABLES;
        } else if (at(Keyword.STATUS)) {
            advance();
            kind = ShowKind.STATUS;
        } else if (at(Keyword.WARNINGS) || at(Keyword.ERRORS)) {
            kind = advance().is(Keyword.WARNINGS) ? ShowKind.WARNINGS : ShowKind.ERRORS;
            if (at(Keyword.LIMIT)) {
                limit = limit();
            }
        } else if (atWord("COUNT") && atAt(1, TokenType.LPAREN)) {
            advance();
            advance();
            expect(TokenType.STAR);
            expect(TokenType.RPAREN);
            if (accept(Keyword.WARNINGS)) {
                kind = ShowKind.COUNT_WARNINGS;
            } else {
                expect(Keyword.ERRORS);
                kind = ShowKind.COUNT_ERRORS;
            }
        } else if (accept(Keyword.ENGINES)) {
            kind = ShowKind.ENGINES;
        } else if (at(Keyword.STORAGE) && atAt(1, Keyword.ENGINES)) {
            advance();
            advance();
            kind = ShowKind.ENGINES;
        } else if (accept(Keyword.COLLATION)) {
            kind = ShowKind.COLLATION;
        } else if (at(Keyword.CHARACTER) && atAt(1, Keyword.SET) || at(Keyword.CHARSET)) {
            if (advance().is(Keyword.CHARACTER)) {
                advance();
            }
            kind = ShowKind.CHARSET;
        } else if (accept(Keyword.PROCESSLIST)) {
            kind = ShowKind.PROCESSLIST;
        } else if (at(Keyword.TABLE) && atAt(1, Keyword.STATUS)) {
            advance();
            advance();
            kind = ShowKind.TABLE_STATUS;
            database = fromDatabase();
        } else if (at(Keyword.OPEN) && atAt(1, Keyword.TABLES)) {
            advance();
            advance();
            kind = ShowKind.OPEN_TABLES;
            database = fromDatabase();
        } else if (accept(Keyword.GRANTS)) {
            kind = ShowKind.GRANTS;
            skipToStatementEnd();
        } else if (accept(Keyword.PRIVILEGES)) {
            kind = ShowKind.PRIVILEGES;
        } else if (accept(Keyword.PLUGINS)) {
            kind = ShowKind.PLUGINS;
        } else if (accept(Keyword.TRIGGERS)) {
            kind = ShowKind.TRIGGERS;
            database = fromDatabase();
        } else if (accept(Keyword.EVENTS)) {
            kind = ShowKind.EVENTS;
            database = fromDatabase();
        } else if ((at(Keyword.PROCEDURE) || at(Keyword.FUNCTION)) && atAt(1, Keyword.STATUS)) {
            kind = advance().is(Keyword.PROCEDURE) ? ShowKind.PROCEDURE_STATUS : ShowKind.FUNCTION_STATUS;
            advance();
        } else {
            if (t.type != TokenType.IDENT) {
                throw error();
            }
            kind = ShowKind.OTHER;
            skipToStatementEnd();
        }
        String like = null;
        Expression where = null;
        if (accept(Keyword.LIKE)) {
            like = expect(TokenType.STRING).value();
        } else if (accept(Keyword.WHERE)) {
            where = expression();
        }
        return new Show(kind, full, scope, target, database, like, where, limit, ifNotExists, currentStatementText());
    }

    /** [FROM | IN] db. */
    private String fromDatabase() {
        if (accept(Keyword.FROM) || accept(Keyword.IN)) {
            return identifier();
        }
        return null;
    }

    /** FROM | IN t [FROM | IN db]: the db becomes the schema of the name. */
    private QualifiedName fromTable() {
        if (!accept(Keyword.FROM)) {
            expect(Keyword.IN);
        }
        QualifiedName table = qualifiedName();
        String db = fromDatabase();
        return db == null ? table : new QualifiedName(db, table.name());
    }

    // ---------------------------------------------------------------- DESCRIBE / EXPLAIN

    protected final Statement describeOrExplain() {
        advance();
        boolean analyze = accept(Keyword.ANALYZE);
        String format = null;
        if (accept(Keyword.EXTENDED) || acceptWord("PARTITIONS")) {
            // old EXPLAIN modifiers, no effect in 8.0
        }
        if (accept(Keyword.FORMAT)) {
            expect(TokenType.EQ);
            format = advance().value();
        }
        if (at(Keyword.SELECT) || at(Keyword.WITH) || at(TokenType.LPAREN) || at(Keyword.INSERT)
                || at(Keyword.REPLACE) || at(Keyword.UPDATE) || at(Keyword.DELETE)) {
            return new Explain(statement(), format, analyze);
        }
        if (at(Keyword.FOR)) {
            throw unsupported("EXPLAIN FOR CONNECTION");
        }
        if (analyze || format != null) {
            throw error();
        }
        QualifiedName table = qualifiedName();
        String column = null;
        if (at(TokenType.STRING)) {
            column = advance().value();
        } else if (!atStatementEnd()) {
            column = anyWord();
        }
        return new Describe(table, column);
    }

    // ---------------------------------------------------------------- transactions

    protected final Statement begin() {
        advance();
        accept(Keyword.WORK);
        return new StartTransaction(false, null);
    }

    protected final Statement startTransaction() {
        expect(Keyword.START);
        expect(Keyword.TRANSACTION);
        boolean snapshot = false;
        Boolean readOnly = null;
        if (!atStatementEnd()) {
            do {
                if (accept(Keyword.WITH)) {
                    expect(Keyword.CONSISTENT);
                    expect(Keyword.SNAPSHOT);
                    snapshot = true;
                } else {
                    expect(Keyword.READ);
                    if (accept(Keyword.ONLY)) {
                        readOnly = Boolean.TRUE;
                    } else {
                        expect(Keyword.WRITE);
                        readOnly = Boolean.FALSE;
                    }
                }
            } while (accept(TokenType.COMMA));
        }
        return new StartTransaction(snapshot, readOnly);
    }

    protected final Statement commit() {
        expect(Keyword.COMMIT);
        accept(Keyword.WORK);
        Boolean[] chainRelease = chainAndRelease();
        return new Commit(chainRelease[0], chainRelease[1]);
    }

    protected final Statement rollback() {
        expect(Keyword.ROLLBACK);
        accept(Keyword.WORK);
        if (accept(Keyword.TO)) {
            accept(Keyword.SAVEPOINT);
            return new Rollback(identifier(), null, null);
        }
        Boolean[] chainRelease = chainAndRelease();
        return new Rollback(null, chainRelease[0], chainRelease[1]);
    }

    /** [AND [NO] CHAIN] [[NO] RELEASE]. */
    private Boolean[] chainAndRelease() {
        Boolean chain = null;
        Boolean release = null;
        if (accept(Keyword.AND)) {
            chain = !accept(Keyword.NO);
            expect(Keyword.CHAIN);
        }
        if (at(Keyword.NO) && atAt(1, Keyword.RELEASE)) {
            advance();
            advance();
            release = Boolean.FALSE;
        } else if (accept(Keyword.RELEASE)) {
            release = Boolean.TRUE;
        }
        return new Boolean[] {chain, release};
    }

    protected final Statement savepoint() {
        expect(Keyword.SAVEPOINT);
        return new Savepoint(identifier());
    }

    protected final Statement releaseSavepoint() {
        expect(Keyword.RELEASE);
        expect(Keyword.SAVEPOINT);
        return new ReleaseSavepoint(identifier());
    }

    // ---------------------------------------------------------------- locks and misc

    protected final Statement lockTables() {
        expect(Keyword.LOCK);
        if (!accept(Keyword.TABLES)) {
            if (!accept(Keyword.TABLE)) {
                throw unsupported("LOCK INSTANCE");
            }
        }
        List<LockTables.TableLock> locks = new ArrayList<>();
        do {
            QualifiedName table = qualifiedName();
            String alias = null;
            if (accept(Keyword.AS)) {
                alias = identifier();
            } else if (atIdentifier() && !at(Keyword.LOCAL)) {
                alias = identifier();
            }
            boolean write;
            if (accept(Keyword.READ)) {
                accept(Keyword.LOCAL);
                write = false;
            } else {
                accept(Keyword.LOW_PRIORITY);
                expect(Keyword.WRITE);
                write = true;
            }
            locks.add(new LockTables.TableLock(table, alias, write));
        } while (accept(TokenType.COMMA));
        return new LockTables(List.copyOf(locks));
    }

    protected final Statement unlockTables() {
        expect(Keyword.UNLOCK);
        if (!accept(Keyword.TABLES)) {
            if (!accept(Keyword.TABLE)) {
                throw unsupported("UNLOCK INSTANCE");
            }
        }
        return new UnlockTables();
    }

    protected final Statement flush() {
        expect(Keyword.FLUSH);
        if (!accept(Keyword.NO_WRITE_TO_BINLOG)) accept(Keyword.LOCAL);
        if (accept(Keyword.TABLES) || accept(Keyword.TABLE)) {
            // FLUSH TABLES [t, ...] WITH READ LOCK / FOR EXPORT take table locks; plain FLUSH TABLES does not
            List<QualifiedName> tables = new ArrayList<>();
            if (!atStatementEnd() && !at(Keyword.WITH) && !at(Keyword.FOR)) {
                do {
                    tables.add(qualifiedName());
                } while (accept(TokenType.COMMA));
            }
            boolean readLock = false;
            if (accept(Keyword.WITH)) {
                expect(Keyword.READ);
                expect(Keyword.LOCK);
                readLock = true;
            } else if (accept(Keyword.FOR)) {
                if (!acceptWord("EXPORT")) throw unsupported("FLUSH TABLES FOR");
                if (tables.isEmpty()) throw unsupported("FLUSH TABLES FOR EXPORT without tables");
                readLock = true;
            }
            if (readLock) return new Flush(currentStatementText(), List.copyOf(tables), true);
        }
        skipToStatementEnd();
        return new Flush(currentStatementText());
    }

    protected final Statement kill() {
        expect(Keyword.KILL);
        boolean queryOnly = false;
        if (accept(Keyword.QUERY)) {
            queryOnly = true;
        } else {
            accept(Keyword.CONNECTION);
        }
        return new Kill(queryOnly, expression());
    }

    protected final Statement doStatement() {
        expect(Keyword.DO);
        List<Expression> expressions = new ArrayList<>();
        do {
            expressions.add(expression());
        } while (accept(TokenType.COMMA));
        return new Do(List.copyOf(expressions));
    }

    protected final Statement tableMaintenance() {
        Token op = advance();
        TableMaintenance.Operation operation = switch (op.keyword) {
            case ANALYZE -> TableMaintenance.Operation.ANALYZE;
            case OPTIMIZE -> TableMaintenance.Operation.OPTIMIZE;
            case CHECK -> TableMaintenance.Operation.CHECK;
            case REPAIR -> TableMaintenance.Operation.REPAIR;
            default -> TableMaintenance.Operation.CHECKSUM;
        };
        if (!accept(Keyword.NO_WRITE_TO_BINLOG)) {
            accept(Keyword.LOCAL);
        }
        if (!accept(Keyword.TABLE)) {
            expect(Keyword.TABLES);
        }
        List<QualifiedName> tables = qualifiedNameList();
        TableMaintenance.HistogramClause histogram = operation == TableMaintenance.Operation.ANALYZE ? histogramClause() : null;
        if (histogram != null) return new TableMaintenance(operation, tables, histogram);
        skipToStatementEnd();
        return new TableMaintenance(operation, tables);
    }

    /** ANALYZE TABLE t {UPDATE HISTOGRAM ON c, ... [WITH n BUCKETS | USING DATA 'json'] | DROP HISTOGRAM ON c, ...}. */
    private TableMaintenance.HistogramClause histogramClause() {
        boolean drop;
        if (at(Keyword.UPDATE)) drop = false;
        else if (at(Keyword.DROP)) drop = true;
        else return null;
        advance();
        if (!acceptWord("HISTOGRAM")) throw error();
        expect(Keyword.ON);
        List<String> columns = new ArrayList<>();
        do {
            columns.add(identifier());
        } while (accept(TokenType.COMMA));
        Long buckets = null;
        String usingData = null;
        if (!drop && accept(Keyword.WITH)) {
            buckets = integerLiteral();
            if (!acceptWord("BUCKETS")) throw error();
        } else if (!drop && accept(Keyword.USING)) {
            if (!acceptWord("DATA")) throw error();
            usingData = expect(TokenType.STRING).value();
        }
        return new TableMaintenance.HistogramClause(drop, List.copyOf(columns), buckets, usingData);
    }

    protected final Statement prepare() {
        expect(Keyword.PREPARE);
        String name = identifier();
        expect(Keyword.FROM);
        Expression source;
        if (at(TokenType.USER_VAR)) {
            source = new UserVariable(advance().value());
        } else {
            Token s = expect(TokenType.STRING);
            StringBuilder sb = new StringBuilder(s.value());
            while (at(TokenType.STRING)) {
                sb.append(advance().value());
            }
            source = new StringLiteral(sb.toString(), null, false);
        }
        return new Prepare(name, source);
    }

    protected final Statement execute() {
        expect(Keyword.EXECUTE);
        String name = identifier();
        List<UserVariable> using = new ArrayList<>();
        if (accept(Keyword.USING)) {
            do {
                using.add(new UserVariable(expect(TokenType.USER_VAR).value()));
            } while (accept(TokenType.COMMA));
        }
        return new Execute(name, List.copyOf(using));
    }

    /** After DEALLOCATE or DROP: PREPARE name. */
    protected final Statement deallocate() {
        expect(Keyword.PREPARE);
        return new DeallocatePrepare(identifier());
    }
}
