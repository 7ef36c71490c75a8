package dev.basalt.sql.parser;

import dev.basalt.sql.ast.AddColumns;
import dev.basalt.sql.ast.AddConstraint;
import dev.basalt.sql.ast.AlterAction;
import dev.basalt.sql.ast.AlterColumnDefault;
import dev.basalt.sql.ast.AlterDatabase;
import dev.basalt.sql.ast.AlterPartitions;
import dev.basalt.sql.ast.AlterTable;
import dev.basalt.sql.ast.ChangeColumn;
import dev.basalt.sql.ast.ChangeTableOptions;
import dev.basalt.sql.ast.CheckConstraint;
import dev.basalt.sql.ast.ColumnDefinition;
import dev.basalt.sql.ast.ColumnPosition;
import dev.basalt.sql.ast.ConvertCharset;
import dev.basalt.sql.ast.CreateDatabase;
import dev.basalt.sql.ast.CreateIndex;
import dev.basalt.sql.ast.CreateTable;
import dev.basalt.sql.ast.CreateView;
import dev.basalt.sql.ast.DataType;
import dev.basalt.sql.ast.DropColumn;
import dev.basalt.sql.ast.DropConstraint;
import dev.basalt.sql.ast.DropDatabase;
import dev.basalt.sql.ast.DropIndex;
import dev.basalt.sql.ast.DropTable;
import dev.basalt.sql.ast.DropView;
import dev.basalt.sql.ast.Expression;
import dev.basalt.sql.ast.ForeignKeyDefinition;
import dev.basalt.sql.ast.GeneratedColumn;
import dev.basalt.sql.ast.IndexDefinition;
import dev.basalt.sql.ast.IndexKind;
import dev.basalt.sql.ast.KeyPart;
import dev.basalt.sql.ast.PartitionSpec;
import dev.basalt.sql.ast.QualifiedName;
import dev.basalt.sql.ast.Query;
import dev.basalt.sql.ast.ReferentialAction;
import dev.basalt.sql.ast.RenameColumn;
import dev.basalt.sql.ast.RenameIndex;
import dev.basalt.sql.ast.RenameTable;
import dev.basalt.sql.ast.RenameTo;
import dev.basalt.sql.ast.SetKeysEnabled;
import dev.basalt.sql.ast.Statement;
import dev.basalt.sql.ast.TableElement;
import dev.basalt.sql.ast.TableOptions;
import dev.basalt.sql.ast.TruncateTable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** CREATE / ALTER / DROP of databases, tables, indexes and views; TRUNCATE; RENAME TABLE. */
abstract class DdlParser extends PartitionParser {
    /** Table options kept only as text in {@link TableOptions#others()}. */
    private static final Set<String> OTHER_TABLE_OPTIONS = Set.of("ROW_FORMAT", "KEY_BLOCK_SIZE",
            "STATS_PERSISTENT", "STATS_AUTO_RECALC", "STATS_SAMPLE_PAGES", "MAX_ROWS", "MIN_ROWS",
            "AVG_ROW_LENGTH", "PACK_KEYS", "CHECKSUM", "TABLE_CHECKSUM", "DELAY_KEY_WRITE", "COMPRESSION",
            "ENCRYPTION", "INSERT_METHOD", "SECONDARY_ENGINE", "AUTOEXTEND_SIZE", "ENGINE_ATTRIBUTE",
            "SECONDARY_ENGINE_ATTRIBUTE", "PASSWORD", "CONNECTION", "START");

    protected DdlParser(String src, Dialect dialect, ParserOptions options) {
        super(src, dialect, options);
    }

    // ---------------------------------------------------------------- CREATE

    /** After CREATE. */
    protected final Statement create(Token createToken) {
        if (at(Keyword.DATABASE) || at(Keyword.SCHEMA)) {
            advance();
            boolean ifNotExists = ifNotExists();
            String name = identifier();
            String[] charsetCollation = databaseOptions();
            return new CreateDatabase(name, ifNotExists, charsetCollation[0], charsetCollation[1]);
        }
        if (at(Keyword.TEMPORARY) || at(Keyword.TABLE)) {
            boolean temporary = accept(Keyword.TEMPORARY);
            expect(Keyword.TABLE);
            return createTable(temporary);
        }
        if (at(Keyword.UNIQUE) || at(Keyword.FULLTEXT) || at(Keyword.SPATIAL) || at(Keyword.INDEX)) {
            IndexKind kind = IndexKind.INDEX;
            if (accept(Keyword.UNIQUE)) {
                kind = IndexKind.UNIQUE;
            } else if (accept(Keyword.FULLTEXT)) {
                kind = IndexKind.FULLTEXT;
            } else if (accept(Keyword.SPATIAL)) {
                kind = IndexKind.SPATIAL;
            }
            expect(Keyword.INDEX);
            return createIndex(kind);
        }
        boolean orReplace = false;
        if (at(Keyword.OR)) {
            advance();
            expect(Keyword.REPLACE);
            orReplace = true;
        }
        viewPrefix();
        if (accept(Keyword.VIEW)) {
            return view(orReplace);
        }
        if (at(Keyword.TRIGGER) || at(Keyword.PROCEDURE) || at(Keyword.FUNCTION)) {
            return createProgram(createToken, lastDefiner);
        }
        if (accept(Keyword.EVENT)) {
            return createEvent(createToken, lastDefiner);
        }
        if (atWord("USER") || atWord("ROLE") || atWord("AGGREGATE") || at(Keyword.TABLESPACE)) {
            throw unsupported("CREATE " + upperText(peek()));
        }
        throw error();
    }

    private boolean ifNotExists() {
        if (at(Keyword.IF)) {
            advance();
            expect(Keyword.NOT);
            expect(Keyword.EXISTS);
            return true;
        }
        return false;
    }

    protected final boolean ifExists() {
        if (at(Keyword.IF)) {
            advance();
            expect(Keyword.EXISTS);
            return true;
        }
        return false;
    }

    /** [DEFAULT] CHARACTER SET [=] x | [DEFAULT] COLLATE [=] y | [DEFAULT] ENCRYPTION [=] 'N' | READ ONLY [=] n. */
    protected final String[] databaseOptions() {
        String[] result = new String[2];
        while (true) {
            accept(Keyword.DEFAULT);
            if (at(Keyword.CHARACTER) && atAt(1, Keyword.SET) || at(Keyword.CHARSET)) {
                if (advance().is(Keyword.CHARACTER)) {
                    advance();
                }
                optionalEquals();
                result[0] = charsetName();
            } else if (accept(Keyword.COLLATE)) {
                optionalEquals();
                result[1] = charsetName();
            } else if (accept(Keyword.ENCRYPTION)) {
                optionalEquals();
                expect(TokenType.STRING);
            } else if (at(Keyword.READ) && atAt(1, Keyword.ONLY)) {
                advance();
                advance();
                optionalEquals();
                advance();
            } else {
                return result;
            }
        }
    }

    private Statement createTable(boolean temporary) {
        boolean ifNotExists = ifNotExists();
        QualifiedName name = qualifiedName();
        if (accept(Keyword.LIKE)) {
            return new CreateTable(name, temporary, ifNotExists, List.of(), TableOptions.NONE, qualifiedName(), null,
                    CreateTable.OnDuplicate.ERROR);
        }
        if (at(TokenType.LPAREN) && atAt(1, Keyword.LIKE)) {
            advance();
            advance();
            QualifiedName like = qualifiedName();
            expect(TokenType.RPAREN);
            return new CreateTable(name, temporary, ifNotExists, List.of(), TableOptions.NONE, like, null,
                    CreateTable.OnDuplicate.ERROR);
        }
        List<TableElement> elements = List.of();
        if (at(TokenType.LPAREN) && !startsQuery(1)) {
            elements = tableElements();
        }
        TableOptions options = tableOptions(false);
        PartitionSpec partitioning = at(Keyword.PARTITION) ? partitionSpec() : null;
        CreateTable.OnDuplicate onDuplicate = CreateTable.OnDuplicate.ERROR;
        if (accept(Keyword.IGNORE)) {
            onDuplicate = CreateTable.OnDuplicate.IGNORE;
        } else if (accept(Keyword.REPLACE)) {
            onDuplicate = CreateTable.OnDuplicate.REPLACE;
        }
        boolean as = accept(Keyword.AS);
        Query query = null;
        if (at(Keyword.SELECT) || at(Keyword.WITH) || at(TokenType.LPAREN)) {
            query = queryExpression();
        } else if (as || onDuplicate != CreateTable.OnDuplicate.ERROR || elements.isEmpty()) {
            throw error();
        }
        return new CreateTable(name, temporary, ifNotExists, elements, options, null, query, onDuplicate, partitioning);
    }

    private List<TableElement> tableElements() {
        expect(TokenType.LPAREN);
        List<TableElement> elements = new ArrayList<>();
        do {
            elements.add(tableElement());
        } while (accept(TokenType.COMMA));
        expect(TokenType.RPAREN);
        return List.copyOf(elements);
    }

    private TableElement tableElement() {
        TableElement constraint = constraintOrNull();
        return constraint != null ? constraint : columnDefinition();
    }

    /** An index / key / foreign key / check definition, or null when a column definition follows. */
    private TableElement constraintOrNull() {
        String constraintName = null;
        boolean named = false;
        if (at(Keyword.CONSTRAINT)) {
            advance();
            named = true;
            if (atIdentifier()) {
                constraintName = identifier();
            }
        }
        if (at(Keyword.PRIMARY)) {
            advance();
            expect(Keyword.KEY);
            return indexBody(IndexKind.PRIMARY, constraintName, false);
        }
        if (at(Keyword.UNIQUE)) {
            advance();
            if (!accept(Keyword.INDEX)) {
                accept(Keyword.KEY);
            }
            return indexBody(IndexKind.UNIQUE, constraintName, true);
        }
        if (at(Keyword.FOREIGN)) {
            advance();
            expect(Keyword.KEY);
            String indexName = atIdentifier() ? identifier() : null;
            List<String> columns = parenthesizedIdentifiers();
            return references(constraintName, indexName, columns);
        }
        if (at(Keyword.CHECK)) {
            return check(constraintName);
        }
        if (named) {
            throw error();
        }
        if (at(Keyword.INDEX) || at(Keyword.KEY)) {
            advance();
            return indexBody(IndexKind.INDEX, null, true);
        }
        if (at(Keyword.FULLTEXT) || at(Keyword.SPATIAL)) {
            IndexKind kind = advance().is(Keyword.FULLTEXT) ? IndexKind.FULLTEXT : IndexKind.SPATIAL;
            if (!accept(Keyword.INDEX)) {
                accept(Keyword.KEY);
            }
            return indexBody(kind, null, true);
        }
        return null;
    }

    /** [name] [USING type] (key parts) [index options]. */
    private IndexDefinition indexBody(IndexKind kind, String constraintName, boolean allowName) {
        String name = allowName && atIdentifier() ? identifier() : null;
        indexType();
        List<KeyPart> parts = keyParts();
        String[] comment = new String[1];
        boolean invisible = indexOptions(comment);
        return new IndexDefinition(kind, constraintName, name, parts, comment[0], invisible);
    }

    private void indexType() {
        if (accept(Keyword.USING) || accept(Keyword.TYPE)) {
            if (!accept(Keyword.BTREE) && !accept(Keyword.HASH)) {
                throw error();
            }
        }
    }

    /** KEY_BLOCK_SIZE, USING, WITH PARSER, COMMENT, VISIBLE / INVISIBLE, ENGINE_ATTRIBUTE; returns invisible. */
    private boolean indexOptions(String[] comment) {
        boolean invisible = false;
        while (true) {
            if (at(Keyword.USING) || at(Keyword.TYPE)) {
                indexType();
            } else if (accept(Keyword.KEY_BLOCK_SIZE)) {
                optionalEquals();
                integerLiteral();
            } else if (at(Keyword.WITH) && atAt(1, Keyword.PARSER)) {
                advance();
                advance();
                identifier();
            } else if (accept(Keyword.COMMENT)) {
                comment[0] = expect(TokenType.STRING).value();
            } else if (accept(Keyword.VISIBLE)) {
                invisible = false;
            } else if (accept(Keyword.INVISIBLE)) {
                invisible = true;
            } else if (acceptWord("ENGINE_ATTRIBUTE") || acceptWord("SECONDARY_ENGINE_ATTRIBUTE")) {
                optionalEquals();
                expect(TokenType.STRING);
            } else {
                return invisible;
            }
        }
    }

    protected final List<KeyPart> keyParts() {
        expect(TokenType.LPAREN);
        List<KeyPart> parts = new ArrayList<>();
        do {
            Long prefix = null;
            String column = null;
            Expression expression = null;
            if (at(TokenType.LPAREN)) {
                advance();
                expression = expression();
                expect(TokenType.RPAREN);
            } else {
                column = identifier();
                prefix = optionalLength();
            }
            boolean descending = false;
            if (accept(Keyword.DESC)) {
                descending = true;
            } else {
                accept(Keyword.ASC);
            }
            parts.add(new KeyPart(column, prefix, descending, expression));
        } while (accept(TokenType.COMMA));
        expect(TokenType.RPAREN);
        return List.copyOf(parts);
    }

    private ForeignKeyDefinition references(String constraintName, String indexName, List<String> columns) {
        expect(Keyword.REFERENCES);
        QualifiedName table = qualifiedName();
        List<String> refColumns = at(TokenType.LPAREN) ? parenthesizedIdentifiers() : List.of();
        if (accept(Keyword.MATCH)) {
            if (!acceptWord("FULL") && !acceptWord("PARTIAL")) {
                expect(Keyword.SIMPLE);
            }
        }
        ReferentialAction onDelete = null;
        ReferentialAction onUpdate = null;
        while (at(Keyword.ON)) {
            advance();
            if (accept(Keyword.DELETE)) {
                onDelete = referentialAction();
            } else {
                expect(Keyword.UPDATE);
                onUpdate = referentialAction();
            }
        }
        return new ForeignKeyDefinition(constraintName, indexName, columns, table, refColumns, onDelete, onUpdate);
    }

    private ReferentialAction referentialAction() {
        if (accept(Keyword.RESTRICT)) {
            return ReferentialAction.RESTRICT;
        }
        if (accept(Keyword.CASCADE)) {
            return ReferentialAction.CASCADE;
        }
        if (accept(Keyword.SET)) {
            if (accept(Keyword.NULL)) {
                return ReferentialAction.SET_NULL;
            }
            expect(Keyword.DEFAULT);
            return ReferentialAction.SET_DEFAULT;
        }
        expect(Keyword.NO);
        expect(Keyword.ACTION);
        return ReferentialAction.NO_ACTION;
    }

    private CheckConstraint check(String name) {
        expect(Keyword.CHECK);
        expect(TokenType.LPAREN);
        int start = peek().start;
        Expression condition = expression();
        String text = text(start, prev.end);
        expect(TokenType.RPAREN);
        boolean enforced = true;
        if (at(Keyword.NOT) && atAt(1, Keyword.ENFORCED)) {
            advance();
            advance();
            enforced = false;
        } else {
            accept(Keyword.ENFORCED);
        }
        return new CheckConstraint(name, condition, enforced, text);
    }

    // ---------------------------------------------------------------- column definitions

    protected final ColumnDefinition columnDefinition() {
        String name = identifier();
        ParsedType parsed = dataType();
        DataType type = parsed.type();
        Boolean nullable = parsed.serial() ? Boolean.FALSE : null;
        Expression defaultValue = null;
        String defaultText = null;
        Expression onUpdate = null;
        boolean autoIncrement = parsed.serial();
        boolean primaryKey = false;
        boolean unique = parsed.serial();
        String comment = null;
        boolean invisible = false;
        GeneratedColumn generated = null;
        List<CheckConstraint> checks = new ArrayList<>();
        while (true) {
            if (at(Keyword.NOT) && atAt(1, Keyword.NULL)) {
                advance();
                advance();
                nullable = Boolean.FALSE;
            } else if (accept(Keyword.NULL)) {
                nullable = Boolean.TRUE;
            } else if (accept(Keyword.DEFAULT)) {
                defaultValue = defaultValue();
                defaultText = lastDefaultText;
            } else if (at(Keyword.ON) && atAt(1, Keyword.UPDATE)) {
                advance();
                advance();
                onUpdate = unaryWithoutCollate();
            } else if (accept(Keyword.AUTO_INCREMENT)) {
                autoIncrement = true;
            } else if (at(Keyword.PRIMARY)) {
                advance();
                expect(Keyword.KEY);
                primaryKey = true;
            } else if (accept(Keyword.KEY)) {
                primaryKey = true;
            } else if (accept(Keyword.UNIQUE)) {
                accept(Keyword.KEY);
                unique = true;
            } else if (accept(Keyword.COMMENT)) {
                comment = expect(TokenType.STRING).value();
            } else if (accept(Keyword.COLLATE)) {
                type = withCollation(type, charsetName());
            } else if (at(Keyword.CHARACTER) && atAt(1, Keyword.SET) || at(Keyword.CHARSET)) {
                if (advance().is(Keyword.CHARACTER)) {
                    advance();
                }
                type = withCharset(type, charsetName());
            } else if (accept(Keyword.VISIBLE)) {
                invisible = false;
            } else if (accept(Keyword.INVISIBLE)) {
                invisible = true;
            } else if (at(Keyword.GENERATED) || at(Keyword.AS)) {
                generated = generated();
            } else if (at(Keyword.CHECK)) {
                checks.add(check(null));
            } else if (at(Keyword.CONSTRAINT)) {
                advance();
                String checkName = atIdentifier() ? identifier() : null;
                checks.add(check(checkName));
            } else if (at(Keyword.REFERENCES)) {
                references(null, null, List.of(name));
            } else if (accept(Keyword.COLUMN_FORMAT)) {
                if (!accept(Keyword.FIXED) && !accept(Keyword.DYNAMIC)) {
                    expect(Keyword.DEFAULT);
                }
            } else if (accept(Keyword.STORAGE)) {
                if (!accept(Keyword.DISK) && !accept(Keyword.MEMORY)) {
                    expect(Keyword.DEFAULT);
                }
            } else if (accept(Keyword.SRID)) {
                type = withSrid(type, integerLiteral());
            } else if (at(Keyword.SERIAL) && atAt(1, Keyword.DEFAULT)) {
                advance();
                advance();
                expect(Keyword.VALUE);
                nullable = Boolean.FALSE;
                autoIncrement = true;
                unique = true;
            } else if (acceptWord("ENGINE_ATTRIBUTE") || acceptWord("SECONDARY_ENGINE_ATTRIBUTE")) {
                optionalEquals();
                expect(TokenType.STRING);
            } else {
                break;
            }
        }
        return new ColumnDefinition(name, type, nullable, defaultValue, defaultText, onUpdate, autoIncrement, primaryKey, unique,
                comment, invisible, generated, List.copyOf(checks));
    }

    /** SRID n is kept on spatial types (as the type's length); on other types MySQL ignores it, and so do we. */
    private static DataType withSrid(DataType type, long srid) {
        return switch (type.name()) {
            case GEOMETRY, POINT, LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING, MULTIPOLYGON, GEOMETRYCOLLECTION ->
                    new DataType(type.name(), srid, type.scale(), type.unsigned(), type.zerofill(), type.charset(),
                            type.collation(), type.binary(), type.values());
            default -> type;
        };
    }

    /**
     * DEFAULT literal | -number | (expr) | CURRENT_TIMESTAMP[(n)] | NOW() | NULL | TRUE/FALSE; a
     * COLLATE after it is the column's attribute, not part of the value.
     */
    private Expression defaultValue() {
        lastDefaultText = null;
        if (at(TokenType.LPAREN)) {
            advance();
            int start = peek().start;
            Expression e = expression();
            lastDefaultText = text(start, prev.end);
            expect(TokenType.RPAREN);
            return e;
        }
        return unaryWithoutCollate();
    }

    /** The text of the last parenthesised DEFAULT (expr) {@link #defaultValue()} read, else null. */
    private String lastDefaultText;

    private GeneratedColumn generated() {
        if (accept(Keyword.GENERATED)) {
            expect(Keyword.ALWAYS);
        }
        expect(Keyword.AS);
        expect(TokenType.LPAREN);
        int start = peek().start;
        Expression e = expression();
        String text = text(start, prev.end);
        expect(TokenType.RPAREN);
        boolean stored = false;
        if (accept(Keyword.STORED)) {
            stored = true;
        } else {
            accept(Keyword.VIRTUAL);
        }
        return new GeneratedColumn(e, stored, text);
    }

    private static DataType withCollation(DataType t, String collation) {
        return new DataType(t.name(), t.length(), t.scale(), t.unsigned(), t.zerofill(), t.charset(), collation,
                t.binary(), t.values());
    }

    private static DataType withCharset(DataType t, String charset) {
        return new DataType(t.name(), t.length(), t.scale(), t.unsigned(), t.zerofill(), charset, t.collation(),
                t.binary(), t.values());
    }

    // ---------------------------------------------------------------- table options

    /**
     * Table options in any order, separated by optional commas. In ALTER TABLE (inAlter) a comma
     * ends the options, because commas separate actions there.
     */
    protected final TableOptions tableOptions(boolean inAlter) {
        String engine = null;
        String charset = null;
        String collation = null;
        Long autoIncrement = null;
        String comment = null;
        Map<String, String> others = null;
        while (true) {
            if (!inAlter && at(TokenType.COMMA) && startsTableOption(1)) {
                advance();
            }
            if (!startsTableOption(0)) {
                break;
            }
            if (at(Keyword.DEFAULT)) {
                advance();
            }
            Token t = peek();
            if (t.is(Keyword.ENGINE) || atWord("TYPE")) {
                advance();
                optionalEquals();
                engine = identifierOrString();
            } else if (t.is(Keyword.CHARACTER) || t.is(Keyword.CHARSET)) {
                if (advance().is(Keyword.CHARACTER)) {
                    expect(Keyword.SET);
                }
                optionalEquals();
                charset = at(Keyword.DEFAULT) ? advanceAndNull() : charsetName();
            } else if (t.is(Keyword.COLLATE)) {
                advance();
                optionalEquals();
                collation = at(Keyword.DEFAULT) ? advanceAndNull() : charsetName();
            } else if (t.is(Keyword.AUTO_INCREMENT)) {
                advance();
                optionalEquals();
                autoIncrement = integerLiteral();
            } else if (t.is(Keyword.COMMENT)) {
                advance();
                optionalEquals();
                comment = expect(TokenType.STRING).value();
            } else {
                if (others == null) {
                    others = new LinkedHashMap<>();
                }
                otherTableOption(others);
            }
        }
        if (engine == null && charset == null && collation == null && autoIncrement == null && comment == null
                && others == null) {
            return TableOptions.NONE;
        }
        return new TableOptions(engine, charset, collation, autoIncrement, comment,
                others == null ? Map.of() : Collections.unmodifiableMap(others));
    }

    private String advanceAndNull() {
        advance();
        return null;
    }

    private boolean startsTableOption(int k) {
        Token t = peek(k);
        if (t.type != TokenType.IDENT) {
            return false;
        }
        if (t.is(Keyword.DEFAULT)) {
            Token n = peek(k + 1);
            return n.is(Keyword.CHARACTER) || n.is(Keyword.CHARSET) || n.is(Keyword.COLLATE)
                    || n.is(Keyword.ENCRYPTION);
        }
        if (t.is(Keyword.ENGINE) || t.is(Keyword.CHARSET) || t.is(Keyword.COLLATE) || t.is(Keyword.AUTO_INCREMENT)
                || t.is(Keyword.COMMENT) || t.is(Keyword.TABLESPACE) || t.is(Keyword.UNION)) {
            return true;
        }
        if (t.is(Keyword.CHARACTER)) {
            return peek(k + 1).is(Keyword.SET);
        }
        if (t.is(Keyword.DATA) || t.is(Keyword.INDEX)) {
            return peek(k + 1).is(Keyword.DIRECTORY);
        }
        String upper = upperText(t);
        return OTHER_TABLE_OPTIONS.contains(upper) || upper.equals("TYPE") && peek(k + 1).type == TokenType.EQ;
    }

    private void otherTableOption(Map<String, String> others) {
        Token t = advance();
        String name = upperText(t);
        if (t.is(Keyword.DATA) || t.is(Keyword.INDEX)) {
            expect(Keyword.DIRECTORY);
            optionalEquals();
            others.put(name + "_DIRECTORY", expect(TokenType.STRING).value());
            return;
        }
        if (t.is(Keyword.TABLESPACE)) {
            optionalEquals();
            others.put(name, identifierOrString());
            if (accept(Keyword.STORAGE)) {
                advance();
            }
            return;
        }
        if (t.is(Keyword.UNION)) {
            optionalEquals();
            expect(TokenType.LPAREN);
            qualifiedNameList();
            expect(TokenType.RPAREN);
            return;
        }
        if (name.equals("START")) {
            expect(Keyword.TRANSACTION);
            others.put("START_TRANSACTION", "");
            return;
        }
        optionalEquals();
        if (name.startsWith("STATS_")) {
            others.put(name, statsOptionValue(name));
            return;
        }
        Token value = advance();
        switch (value.type) {
            case IDENT, QUOTED_IDENT, STRING, INTEGER, DECIMAL -> others.put(name, value.value());
            case HEX -> others.put(name, "0x" + value.value());
            default -> throw errorAt(value);
        }
    }

    /**
     * STATS_PERSISTENT / STATS_AUTO_RECALC: 0, 1 or DEFAULT; STATS_SAMPLE_PAGES: 1..65535 or DEFAULT.
     * Other values are syntax errors (1064), as in MySQL's grammar.
     */
    private String statsOptionValue(String name) {
        Token value = advance();
        if (value.is(Keyword.DEFAULT)) return "DEFAULT";
        if (value.type == TokenType.INTEGER) {
            long max = name.equals("STATS_SAMPLE_PAGES") ? 0xffff : 1;
            long min = name.equals("STATS_SAMPLE_PAGES") ? 1 : 0;
            try {
                long v = Long.parseLong(value.value());
                if (v >= min && v <= max) return Long.toString(v);
            } catch (NumberFormatException tooLong) {
                // out of range: the syntax error below
            }
        }
        throw errorAt(value);
    }

    // ---------------------------------------------------------------- CREATE INDEX, VIEW

    private Statement createIndex(IndexKind kind) {
        String name = identifier();
        indexType();
        expect(Keyword.ON);
        QualifiedName table = qualifiedName();
        List<KeyPart> parts = keyParts();
        String[] comment = new String[1];
        boolean invisible = indexOptions(comment);
        algorithmAndLock();
        return new CreateIndex(new IndexDefinition(kind, null, name, parts, comment[0], invisible), table);
    }

    /** ALGORITHM [=] x and LOCK [=] x of online DDL: accepted, dropped. */
    private void algorithmAndLock() {
        while (at(Keyword.ALGORITHM) || at(Keyword.LOCK)) {
            advance();
            optionalEquals();
            advance();
        }
    }

    /** [ALGORITHM = x] [DEFINER = user] [SQL SECURITY {DEFINER | INVOKER}] before VIEW. */
    /** CREATE TRIGGER / PROCEDURE / FUNCTION (in {@link ProgramParser}); definer as written or null. */
    protected abstract Statement createProgram(Token createToken, String definer);

    /** ALTER PROCEDURE / FUNCTION, at the object kind (in {@link ProgramParser}). */
    protected abstract Statement alterProgram();

    /** DROP TRIGGER / PROCEDURE / FUNCTION, at the object kind (in {@link ProgramParser}). */
    protected abstract Statement dropProgram();

    /** CREATE / ALTER / DROP EVENT, after EVENT (in {@link ProgramParser}). */
    protected abstract Statement createEvent(Token createToken, String definer);

    protected abstract Statement alterEvent(String definer);

    protected abstract Statement dropEvent();

    /** The DEFINER clause of the CREATE statement being parsed, as written (null when absent). */
    private String lastDefiner;

    /** SQL SECURITY INVOKER in the view prefix of the statement being parsed. */
    private boolean lastInvoker;

    private void viewPrefix() {
        lastDefiner = null;
        lastInvoker = false;
        if (accept(Keyword.ALGORITHM)) {
            expect(TokenType.EQ);
            advance();
        }
        if (accept(Keyword.DEFINER)) {
            expect(TokenType.EQ);
            int definerStart = peek().start;
            userName();
            lastDefiner = text(definerStart, prev.end);
        }
        if (at(Keyword.SQL) && atAt(1, Keyword.SECURITY)) {
            advance();
            advance();
            lastInvoker = advance().value().equalsIgnoreCase("INVOKER");
        }
    }

    /** user[@host] in DEFINER clauses, or CURRENT_USER[()]. */
    protected final void userName() {
        if (accept(Keyword.CURRENT_USER)) {
            if (accept(TokenType.LPAREN)) {
                expect(TokenType.RPAREN);
            }
            return;
        }
        Token t = advance();
        if (t.type != TokenType.IDENT && t.type != TokenType.QUOTED_IDENT && t.type != TokenType.STRING) {
            throw errorAt(t);
        }
        accept(TokenType.USER_VAR);
    }

    private Statement view(boolean orReplace) {
        QualifiedName name = qualifiedName();
        List<String> columns = at(TokenType.LPAREN) ? parenthesizedIdentifiers() : List.of();
        expect(Keyword.AS);
        int start = peek().start;
        Query query = queryExpression();
        String queryText = text(start, prev.end);
        boolean checkOption = false, local = false;
        if (at(Keyword.WITH)) {
            advance();
            if (!accept(Keyword.CASCADED)) {
                local = accept(Keyword.LOCAL);
            }
            expect(Keyword.CHECK);
            expect(Keyword.OPTION);
            checkOption = true;
        }
        return new CreateView(name, orReplace, columns, query, queryText, checkOption, local, lastDefiner, lastInvoker);
    }

    // ---------------------------------------------------------------- ALTER

    /** After ALTER. */
    protected final Statement alter() {
        if (at(Keyword.DATABASE) || at(Keyword.SCHEMA)) {
            advance();
            String name = startsDatabaseOption() ? null : identifier();
            String[] cc = databaseOptions();
            return new AlterDatabase(name, cc[0], cc[1]);
        }
        if (accept(Keyword.TABLE)) {
            return alterTable();
        }
        viewPrefix();
        if (accept(Keyword.VIEW)) {
            return view(true);
        }
        if (at(Keyword.PROCEDURE) || at(Keyword.FUNCTION)) {
            return alterProgram();
        }
        if (accept(Keyword.EVENT)) {
            return alterEvent(lastDefiner);
        }
        if (atWord("INSTANCE")) return alterInstance();
        if (at(Keyword.USER)
                || at(Keyword.TABLESPACE)) {
            throw unsupported("ALTER " + upperText(peek()));
        }
        throw error();
    }

    /** After ALTER, at INSTANCE (the account parser reads it: TLS administration). */
    protected abstract Statement alterInstance();

    private boolean startsDatabaseOption() {
        return at(Keyword.DEFAULT) || at(Keyword.CHARACTER) || at(Keyword.CHARSET) || at(Keyword.COLLATE)
                || at(Keyword.ENCRYPTION) || at(Keyword.READ);
    }

    private Statement alterTable() {
        QualifiedName name = qualifiedName();
        List<AlterAction> actions = new ArrayList<>();
        AlterPartitions partitionOp = partitionOperation();
        if (partitionOp != null) return new AlterTable(name, List.of(partitionOp));
        if (!at(TokenType.EOF) && !at(TokenType.SEMICOLON)) {
            do {
                AlterAction action = alterAction();
                if (action != null) {
                    actions.add(action);
                }
            } while (accept(TokenType.COMMA));
        }
        if (at(Keyword.PARTITION) || atWord("REMOVE")) {
            actions.add(partitionOperation());
        }
        return new AlterTable(name, List.copyOf(actions));
    }

    /** One ALTER TABLE action; null for accepted no-ops (ALGORITHM=, LOCK=, FORCE, ...). */
    private AlterAction alterAction() {
        if (accept(Keyword.ADD)) {
            TableElement constraint = constraintOrNull();
            if (constraint != null) {
                return new AddConstraint(constraint);
            }
            accept(Keyword.COLUMN);
            if (at(TokenType.LPAREN)) {
                advance();
                List<ColumnDefinition> columns = new ArrayList<>();
                do {
                    TableElement element = tableElement();
                    if (!(element instanceof ColumnDefinition column)) {
                        throw error();
                    }
                    columns.add(column);
                } while (accept(TokenType.COMMA));
                expect(TokenType.RPAREN);
                return new AddColumns(List.copyOf(columns), null);
            }
            ColumnDefinition column = columnDefinition();
            return new AddColumns(List.of(column), columnPosition());
        }
        if (accept(Keyword.DROP)) {
            if (at(Keyword.INDEX) || at(Keyword.KEY)) {
                advance();
                return new DropConstraint(DropConstraint.Kind.INDEX, identifier());
            }
            if (accept(Keyword.PRIMARY)) {
                expect(Keyword.KEY);
                return new DropConstraint(DropConstraint.Kind.PRIMARY_KEY, null);
            }
            if (accept(Keyword.FOREIGN)) {
                expect(Keyword.KEY);
                return new DropConstraint(DropConstraint.Kind.FOREIGN_KEY, identifier());
            }
            if (accept(Keyword.CHECK)) {
                return new DropConstraint(DropConstraint.Kind.CHECK, identifier());
            }
            if (accept(Keyword.CONSTRAINT)) {
                return new DropConstraint(DropConstraint.Kind.ANY, identifier());
            }
            accept(Keyword.COLUMN);
            String column = identifier();
            if (!accept(Keyword.RESTRICT)) {
                accept(Keyword.CASCADE);
            }
            return new DropColumn(column);
        }
        if (accept(Keyword.MODIFY)) {
            accept(Keyword.COLUMN);
            ColumnDefinition column = columnDefinition();
            return new ChangeColumn(column.name(), column, columnPosition());
        }
        if (accept(Keyword.CHANGE)) {
            accept(Keyword.COLUMN);
            String oldName = identifier();
            ColumnDefinition column = columnDefinition();
            return new ChangeColumn(oldName, column, columnPosition());
        }
        if (accept(Keyword.ALTER)) {
            if (accept(Keyword.INDEX)) {
                identifier();
                if (!accept(Keyword.VISIBLE)) {
                    expect(Keyword.INVISIBLE);
                }
                return null;
            }
            if (at(Keyword.CHECK) || at(Keyword.CONSTRAINT)) {
                advance();
                identifier();
                if (accept(Keyword.NOT)) {
                    expect(Keyword.ENFORCED);
                } else {
                    expect(Keyword.ENFORCED);
                }
                return null;
            }
            accept(Keyword.COLUMN);
            String column = identifier();
            if (accept(Keyword.SET)) {
                if (accept(Keyword.DEFAULT)) {
                    Expression value = defaultValue();
                    return new AlterColumnDefault(column, value, lastDefaultText);
                }
                if (!accept(Keyword.VISIBLE)) {
                    expect(Keyword.INVISIBLE);
                }
                return null;
            }
            expect(Keyword.DROP);
            expect(Keyword.DEFAULT);
            return new AlterColumnDefault(column, null, null);
        }
        if (accept(Keyword.RENAME)) {
            if (accept(Keyword.COLUMN)) {
                String from = identifier();
                expect(Keyword.TO);
                return new RenameColumn(from, identifier());
            }
            if (at(Keyword.INDEX) || at(Keyword.KEY)) {
                advance();
                String from = identifier();
                expect(Keyword.TO);
                return new RenameIndex(from, identifier());
            }
            if (!accept(Keyword.TO)) {
                accept(Keyword.AS);
            }
            return new RenameTo(qualifiedName());
        }
        if (at(Keyword.ENABLE) || at(Keyword.DISABLE)) {
            boolean enable = advance().is(Keyword.ENABLE);
            expect(Keyword.KEYS);
            return new SetKeysEnabled(enable);
        }
        if (at(Keyword.CONVERT)) {
            advance();
            expect(Keyword.TO);
            if (accept(Keyword.CHARACTER)) {
                expect(Keyword.SET);
            } else {
                expect(Keyword.CHARSET);
            }
            String charset = accept(Keyword.DEFAULT) ? null : charsetName();
            String collation = accept(Keyword.COLLATE) ? charsetName() : null;
            return new ConvertCharset(charset, collation);
        }
        if (at(Keyword.ALGORITHM) || at(Keyword.LOCK)) {
            algorithmAndLock();
            return null;
        }
        if (accept(Keyword.FORCE)) {
            return null;
        }
        if ((at(Keyword.WITH) || at(Keyword.WITHOUT)) && atAt(1, Keyword.VALIDATION)) {
            advance();
            advance();
            return null;
        }
        if (at(Keyword.ORDER)) {
            throw unsupported("ALTER TABLE ... ORDER BY");
        }
        if (at(Keyword.DISCARD) || atWord("IMPORT")) {
            throw unsupported("ALTER TABLE ... TABLESPACE");
        }
        TableOptions options = tableOptions(true);
        if (options == TableOptions.NONE) {
            throw error();
        }
        return new ChangeTableOptions(options);
    }

    private ColumnPosition columnPosition() {
        if (accept(Keyword.FIRST)) {
            return new ColumnPosition(true, null);
        }
        if (accept(Keyword.AFTER)) {
            return new ColumnPosition(false, identifier());
        }
        return null;
    }

    // ---------------------------------------------------------------- DROP, TRUNCATE, RENAME

    /** After DROP, for the DDL objects (DROP PREPARE is handled by the caller). */
    protected final Statement drop() {
        if (at(Keyword.DATABASE) || at(Keyword.SCHEMA)) {
            advance();
            boolean ifExists = ifExists();
            return new DropDatabase(identifier(), ifExists);
        }
        if (at(Keyword.TEMPORARY) || at(Keyword.TABLE) || at(Keyword.TABLES)) {
            boolean temporary = accept(Keyword.TEMPORARY);
            if (!accept(Keyword.TABLE)) {
                expect(Keyword.TABLES);
            }
            boolean ifExists = ifExists();
            List<QualifiedName> names = qualifiedNameList();
            if (!accept(Keyword.RESTRICT)) {
                accept(Keyword.CASCADE);
            }
            return new DropTable(names, temporary, ifExists);
        }
        if (accept(Keyword.INDEX)) {
            String name = at(Keyword.PRIMARY) ? advance().value() : identifier();
            expect(Keyword.ON);
            QualifiedName table = qualifiedName();
            algorithmAndLock();
            return new DropIndex(name, table);
        }
        if (accept(Keyword.VIEW)) {
            boolean ifExists = ifExists();
            List<QualifiedName> names = qualifiedNameList();
            if (!accept(Keyword.RESTRICT)) {
                accept(Keyword.CASCADE);
            }
            return new DropView(names, ifExists);
        }
        if (at(Keyword.TRIGGER) || at(Keyword.PROCEDURE) || at(Keyword.FUNCTION)) {
            return dropProgram();
        }
        if (accept(Keyword.EVENT)) {
            return dropEvent();
        }
        if (at(Keyword.USER) || atWord("ROLE") || at(Keyword.TABLESPACE)) {
            throw unsupported("DROP " + upperText(peek()));
        }
        throw error();
    }

    protected final Statement truncate() {
        accept(Keyword.TABLE);
        return new TruncateTable(qualifiedName());
    }

    protected final Statement renameTable() {
        if (!accept(Keyword.TABLE)) {
            expect(Keyword.TABLES);
        }
        List<RenameTable.Pair> pairs = new ArrayList<>();
        do {
            QualifiedName from = qualifiedName();
            expect(Keyword.TO);
            pairs.add(new RenameTable.Pair(from, qualifiedName()));
        } while (accept(TokenType.COMMA));
        return new RenameTable(List.copyOf(pairs));
    }
}
