package dev.basalt.sql.parser;

import dev.basalt.sql.ast.AlterPartitions;
import dev.basalt.sql.ast.Expression;
import dev.basalt.sql.ast.PartitionSpec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The partitioning clauses of CREATE TABLE and ALTER TABLE ({@code PARTITION BY ...}, ADD / DROP /
 * TRUNCATE / COALESCE / REORGANIZE PARTITION ...), a layer of its own so the table DDL parser above
 * it stays readable.
 */
abstract class PartitionParser extends DataTypeParser {
    protected PartitionParser(String src, Dialect dialect, ParserOptions options) {
        super(src, dialect, options);
    }

    // ---- PARTITION BY -------------------------------------------------------------------------

    /** {@code PARTITION BY ... [PARTITIONS n] [(PARTITION p ..., ...)]}; subpartitions are not supported (1235). */
    protected final PartitionSpec partitionSpec() {
        expect(Keyword.PARTITION);
        expect(Keyword.BY);
        boolean linear = accept(Keyword.LINEAR);
        PartitionSpec.Kind kind;
        Expression expr = null;
        String exprText = null;
        List<String> columns = List.of();
        boolean columnsForm = false;
        if (accept(Keyword.HASH)) {
            kind = PartitionSpec.Kind.HASH;
        } else if (accept(Keyword.KEY)) {
            kind = PartitionSpec.Kind.KEY;
            if (accept(Keyword.ALGORITHM)) {
                expect(TokenType.EQ);
                integerLiteral();
            }
        } else if (!linear && accept(Keyword.RANGE)) {
            kind = PartitionSpec.Kind.RANGE;
        } else if (!linear && acceptWord("LIST")) {
            kind = PartitionSpec.Kind.LIST;
        } else {
            throw error();
        }
        if (kind == PartitionSpec.Kind.KEY) {
            columns = at(TokenType.LPAREN) && atAt(1, TokenType.RPAREN) ? emptyParens() : parenthesizedIdentifiers();
        } else if (kind != PartitionSpec.Kind.HASH && accept(Keyword.COLUMNS)) {
            columnsForm = true;
            columns = parenthesizedIdentifiers();
        } else {
            expect(TokenType.LPAREN);
            int start = peek().start;
            expr = expression();
            exprText = text(start, prev.end);
            expect(TokenType.RPAREN);
        }
        int count = 0;
        if (acceptWord("PARTITIONS")) {
            count = (int) Math.min(Integer.MAX_VALUE, integerLiteral());
        }
        if (at(Keyword.SUBPARTITION)) throw unsupported("SUBPARTITION");
        List<PartitionSpec.Partition> parts = new ArrayList<>();
        if (at(TokenType.LPAREN) && atAt(1, Keyword.PARTITION)) {
            advance();
            do {
                parts.add(partitionDefinition(columnsForm && columns.size() > 1));
            } while (accept(TokenType.COMMA));
            expect(TokenType.RPAREN);
        }
        return new PartitionSpec(kind, linear, expr, exprText, List.copyOf(columns), columnsForm, count, List.copyOf(parts));
    }

    private List<String> emptyParens() {
        expect(TokenType.LPAREN);
        expect(TokenType.RPAREN);
        return List.of();
    }

    /** One partition definition; {@code tuples}: LIST COLUMNS over several columns lists (a, b) tuples. */
    protected final PartitionSpec.Partition partitionDefinition(boolean tuples) {
        expect(Keyword.PARTITION);
        String name = identifier();
        List<Expression> lessThan = null;
        List<List<Expression>> in = null;
        if (accept(Keyword.VALUES)) {
            if (acceptWord("LESS")) {
                if (!acceptWord("THAN")) throw error();
                lessThan = new ArrayList<>();
                if (accept(Keyword.MAXVALUE)) {
                    lessThan.add(null);
                } else {
                    expect(TokenType.LPAREN);
                    do {
                        lessThan.add(accept(Keyword.MAXVALUE) ? null : expression());
                    } while (accept(TokenType.COMMA));
                    expect(TokenType.RPAREN);
                }
            } else if (accept(Keyword.IN)) {
                in = new ArrayList<>();
                expect(TokenType.LPAREN);
                do {
                    if (tuples || at(TokenType.LPAREN)) {
                        expect(TokenType.LPAREN);
                        List<Expression> tuple = new ArrayList<>();
                        do {
                            tuple.add(expression());
                        } while (accept(TokenType.COMMA));
                        expect(TokenType.RPAREN);
                        in.add(tuple);
                    } else {
                        in.add(java.util.Collections.singletonList(expression()));
                    }
                } while (accept(TokenType.COMMA));
                expect(TokenType.RPAREN);
            } else {
                throw error();
            }
        }
        String comment = null;
        while (true) {
            if (accept(Keyword.STORAGE) || at(Keyword.ENGINE)) {
                expect(Keyword.ENGINE);
                optionalEquals();
                anyWord();
            } else if (accept(Keyword.COMMENT)) {
                optionalEquals();
                comment = identifierOrString();
            } else if (accept(Keyword.DATA) || accept(Keyword.INDEX)) {
                if (!acceptWord("DIRECTORY")) throw error();
                optionalEquals();
                identifierOrString();
            } else if (acceptWord("MAX_ROWS") || acceptWord("MIN_ROWS")) {
                optionalEquals();
                integerLiteral();
            } else if (accept(Keyword.TABLESPACE)) {
                optionalEquals();
                identifier();
            } else {
                break;
            }
        }
        if (at(TokenType.LPAREN)) throw unsupported("SUBPARTITION");
        return new PartitionSpec.Partition(name, lessThan, in, comment);
    }

    /** A partition operation of ALTER TABLE, or null (nothing consumed) when the next tokens are not one. */
    protected final AlterPartitions partitionOperation() {
        if (at(Keyword.PARTITION) && atAt(1, Keyword.BY)) {
            return new AlterPartitions(AlterPartitions.Op.PARTITION_BY, null, List.of(), 0, partitionSpec());
        }
        if (atWord("REMOVE") && peek(1).type == TokenType.IDENT && peek(1).value().equalsIgnoreCase("PARTITIONING")) {
            advance();
            advance();
            return new AlterPartitions(AlterPartitions.Op.REMOVE, null, List.of(), 0, null);
        }
        if (!atAt(1, Keyword.PARTITION)) return null;
        AlterPartitions.Op op;
        if (at(Keyword.ADD)) op = AlterPartitions.Op.ADD;
        else if (at(Keyword.DROP)) op = AlterPartitions.Op.DROP;
        else if (at(Keyword.TRUNCATE)) op = AlterPartitions.Op.TRUNCATE;
        else if (at(Keyword.COALESCE)) op = AlterPartitions.Op.COALESCE;
        else if (atWord("REORGANIZE")) op = AlterPartitions.Op.REORGANIZE;
        else if (at(Keyword.REBUILD)) op = AlterPartitions.Op.REBUILD;
        else if (atWord("EXCHANGE") || atWord("DISCARD") || atWord("IMPORT") || at(Keyword.ANALYZE)
                || at(Keyword.CHECK) || at(Keyword.OPTIMIZE) || at(Keyword.REPAIR)) {
            throw unsupported(peek().value().toUpperCase(java.util.Locale.ROOT) + " PARTITION");
        } else return null;
        advance();
        expect(Keyword.PARTITION);
        return switch (op) {
            case ADD -> {
                if (acceptWord("PARTITIONS")) yield new AlterPartitions(op, null, List.of(), (int) integerLiteral(), null);
                expect(TokenType.LPAREN);
                List<PartitionSpec.Partition> defs = new ArrayList<>();
                do {
                    defs.add(partitionDefinition(false));
                } while (accept(TokenType.COMMA));
                expect(TokenType.RPAREN);
                yield new AlterPartitions(op, null, List.copyOf(defs), 0, null);
            }
            case COALESCE -> new AlterPartitions(op, null, List.of(), (int) integerLiteral(), null);
            case TRUNCATE -> accept(Keyword.ALL) ? new AlterPartitions(op, null, List.of(), 0, null)
                    : new AlterPartitions(op, partitionNames(), List.of(), 0, null);
            case REORGANIZE -> {
                List<String> names = partitionNames();
                if (!acceptWord("INTO")) expect(Keyword.INTO);
                expect(TokenType.LPAREN);
                List<PartitionSpec.Partition> defs = new ArrayList<>();
                do {
                    defs.add(partitionDefinition(false));
                } while (accept(TokenType.COMMA));
                expect(TokenType.RPAREN);
                yield new AlterPartitions(op, names, List.copyOf(defs), 0, null);
            }
            default -> new AlterPartitions(op, partitionNames(), List.of(), 0, null);
        };
    }

    private List<String> partitionNames() {
        List<String> names = new ArrayList<>();
        do {
            names.add(identifier());
        } while (accept(TokenType.COMMA));
        return List.copyOf(names);
    }
}
