package dev.basalt.sql.parser;

import dev.basalt.sql.ast.Assignment;
import dev.basalt.sql.ast.BaseTable;
import dev.basalt.sql.ast.BooleanLiteral;
import dev.basalt.sql.ast.ColumnRef;
import dev.basalt.sql.ast.Delete;
import dev.basalt.sql.ast.Expression;
import dev.basalt.sql.ast.HexLiteral;
import dev.basalt.sql.ast.Insert;
import dev.basalt.sql.ast.InsertSelect;
import dev.basalt.sql.ast.InsertSet;
import dev.basalt.sql.ast.InsertSource;
import dev.basalt.sql.ast.InsertValues;
import dev.basalt.sql.ast.NullLiteral;
import dev.basalt.sql.ast.NumberKind;
import dev.basalt.sql.ast.NumberLiteral;
import dev.basalt.sql.ast.OrderItem;
import dev.basalt.sql.ast.Parameter;
import dev.basalt.sql.ast.QualifiedName;
import dev.basalt.sql.ast.StringLiteral;
import dev.basalt.sql.ast.TableRef;
import dev.basalt.sql.ast.Update;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** INSERT, REPLACE, UPDATE and DELETE. */
abstract class DmlParser extends QueryParser {
    protected DmlParser(String src, Dialect dialect, ParserOptions options) {
        super(src, dialect, options);
    }

    // ---------------------------------------------------------------- INSERT / REPLACE

    protected final Insert insert() {
        boolean replace = advance().is(Keyword.REPLACE);
        Insert.Priority priority = null;
        if (accept(Keyword.LOW_PRIORITY)) {
            priority = Insert.Priority.LOW_PRIORITY;
        } else if (accept(Keyword.DELAYED)) {
            priority = Insert.Priority.DELAYED;
        } else if (!replace && accept(Keyword.HIGH_PRIORITY)) {
            priority = Insert.Priority.HIGH_PRIORITY;
        }
        boolean ignore = !replace && accept(Keyword.IGNORE);
        accept(Keyword.INTO);
        QualifiedName table = qualifiedName();
        if (at(Keyword.PARTITION)) {
            throw unsupported("PARTITION");
        }
        List<String> columns = List.of();
        InsertSource source;
        if (at(TokenType.LPAREN) && !startsQuery(1)) {
            columns = emptyOrIdentifiers();
        }
        if (at(Keyword.VALUES) || at(Keyword.VALUE)) {
            advance();
            source = new InsertValues(rows());
        } else if (at(Keyword.SET) && columns.isEmpty()) {
            advance();
            source = new InsertSet(assignments());
        } else if (at(Keyword.SELECT) || at(Keyword.WITH) || at(TokenType.LPAREN)) {
            source = new InsertSelect(queryExpression());
        } else {
            throw error();
        }
        String rowAlias = null;
        List<String> rowColumns = List.of();
        if (!(source instanceof InsertSelect) && accept(Keyword.AS)) {
            rowAlias = identifier();
            if (at(TokenType.LPAREN)) {
                rowColumns = parenthesizedIdentifiers();
            }
        }
        List<Assignment> onDuplicate = List.of();
        if (at(Keyword.ON)) {
            advance();
            expect(Keyword.DUPLICATE);
            expect(Keyword.KEY);
            expect(Keyword.UPDATE);
            onDuplicate = assignments();
        }
        return new Insert(replace, priority, ignore, table, columns, source, rowAlias, rowColumns, onDuplicate);
    }

    /** ( ) or ( a, b ). */
    private List<String> emptyOrIdentifiers() {
        if (atAt(1, TokenType.RPAREN)) {
            advance();
            advance();
            return List.of();
        }
        expect(TokenType.LPAREN);
        List<String> names = new ArrayList<>();
        do {
            names.add(columnRef().column());
        } while (accept(TokenType.COMMA));
        expect(TokenType.RPAREN);
        return List.copyOf(names);
    }

    /** (..), (..), ... : the hot path of bulk loads, so plain literals skip the precedence ladder. */
    private List<List<Expression>> rows() {
        List<List<Expression>> rows = new ArrayList<>();
        int width = 4;
        do {
            accept(Keyword.ROW);
            expect(TokenType.LPAREN);
            if (accept(TokenType.RPAREN)) {
                rows.add(List.of());
                continue;
            }
            Expression[] row = new Expression[width];
            int n = 0;
            do {
                if (n == row.length) {
                    row = Arrays.copyOf(row, n * 2);
                }
                row[n++] = value();
            } while (accept(TokenType.COMMA));
            expect(TokenType.RPAREN);
            width = Math.max(width, n);
            rows.add(List.of(n == row.length ? row : Arrays.copyOf(row, n)));
        } while (accept(TokenType.COMMA));
        return List.copyOf(rows);
    }

    /** One VALUES item; a lone literal (followed by ',' or ')') is built directly. */
    private Expression value() {
        Token t = peek();
        TokenType after = peek(1).type;
        if (after == TokenType.COMMA || after == TokenType.RPAREN) {
            switch (t.type) {
                case INTEGER -> {
                    advance();
                    return new NumberLiteral(t.value(), NumberKind.INTEGER);
                }
                case DECIMAL -> {
                    advance();
                    return new NumberLiteral(t.value(), NumberKind.DECIMAL);
                }
                case STRING -> {
                    advance();
                    return new StringLiteral(t.value(), null, false);
                }
                case HEX -> {
                    advance();
                    return new HexLiteral(t.value(), null);
                }
                case IDENT -> {
                    if (t.keyword == Keyword.NULL) {
                        advance();
                        return NullLiteral.INSTANCE;
                    }
                    if (t.keyword == Keyword.TRUE || t.keyword == Keyword.FALSE) {
                        advance();
                        return new BooleanLiteral(t.keyword == Keyword.TRUE);
                    }
                }
                default -> {
                }
            }
        }
        return expression();
    }

    /** col = expr {, col = expr}. */
    protected final List<Assignment> assignments() {
        List<Assignment> list = new ArrayList<>();
        do {
            ColumnRef column = columnRef();
            if (!accept(TokenType.EQ)) {
                expect(TokenType.ASSIGN);
            }
            list.add(new Assignment(column, expression()));
        } while (accept(TokenType.COMMA));
        return List.copyOf(list);
    }

    // ---------------------------------------------------------------- UPDATE

    protected final Update update() {
        expect(Keyword.UPDATE);
        boolean lowPriority = accept(Keyword.LOW_PRIORITY);
        boolean ignore = accept(Keyword.IGNORE);
        TableRef table = tableReferences();
        expect(Keyword.SET);
        List<Assignment> assignments = assignments();
        Expression where = accept(Keyword.WHERE) ? expression() : null;
        List<OrderItem> orderBy = orderByClause();
        Expression limit = rowLimit();
        return new Update(lowPriority, ignore, table, assignments, where, orderBy, limit);
    }

    private List<OrderItem> orderByClause() {
        if (!at(Keyword.ORDER)) {
            return List.of();
        }
        advance();
        expect(Keyword.BY);
        return orderItems();
    }

    /** LIMIT n (no offset) of UPDATE / DELETE. */
    private Expression rowLimit() {
        if (!at(Keyword.LIMIT)) {
            return null;
        }
        advance();
        if (at(TokenType.INTEGER)) {
            return new NumberLiteral(advance().value(), NumberKind.INTEGER);
        }
        if (accept(TokenType.PARAM)) {
            return new Parameter(parameterCount++);
        }
        throw error();
    }

    // ---------------------------------------------------------------- DELETE

    protected final Delete delete() {
        expect(Keyword.DELETE);
        boolean lowPriority = false;
        boolean quick = false;
        boolean ignore = false;
        while (true) {
            if (accept(Keyword.LOW_PRIORITY)) {
                lowPriority = true;
            } else if (accept(Keyword.QUICK)) {
                quick = true;
            } else if (accept(Keyword.IGNORE)) {
                ignore = true;
            } else {
                break;
            }
        }
        if (accept(Keyword.FROM)) {
            QualifiedName first = deleteTarget();
            if (at(TokenType.COMMA) || at(Keyword.USING)) {
                // DELETE FROM t1, t2 USING join
                List<QualifiedName> targets = new ArrayList<>();
                targets.add(first);
                while (accept(TokenType.COMMA)) {
                    targets.add(deleteTarget());
                }
                expect(Keyword.USING);
                TableRef from = tableReferences();
                Expression where = accept(Keyword.WHERE) ? expression() : null;
                return new Delete(lowPriority, quick, ignore, List.copyOf(targets), from, where, List.of(), null);
            }
            String alias = tableAlias();
            if (at(Keyword.PARTITION)) {
                throw unsupported("PARTITION");
            }
            Expression where = accept(Keyword.WHERE) ? expression() : null;
            List<OrderItem> orderBy = orderByClause();
            Expression limit = rowLimit();
            return new Delete(lowPriority, quick, ignore, List.of(), new BaseTable(first, alias), where, orderBy,
                    limit);
        }
        // DELETE t1, t2 FROM join
        List<QualifiedName> targets = new ArrayList<>();
        do {
            targets.add(deleteTarget());
        } while (accept(TokenType.COMMA));
        expect(Keyword.FROM);
        TableRef from = tableReferences();
        Expression where = accept(Keyword.WHERE) ? expression() : null;
        return new Delete(lowPriority, quick, ignore, List.copyOf(targets), from, where, List.of(), null);
    }

    /** t, db.t, t.* (the star form of multi-table DELETE). */
    private QualifiedName deleteTarget() {
        String first = identifier();
        if (!accept(TokenType.DOT)) {
            return new QualifiedName(null, first);
        }
        if (accept(TokenType.STAR)) {
            return new QualifiedName(null, first);
        }
        String second = anyWord();
        if (accept(TokenType.DOT)) {
            expect(TokenType.STAR);
        }
        return new QualifiedName(first, second);
    }
}
