package dev.basalt.sql.parser;

import dev.basalt.sql.ast.DataType;
import dev.basalt.sql.ast.TypeName;

import java.util.ArrayList;
import java.util.List;

/** Column data types, resolving MySQL's synonyms to a canonical {@link TypeName}. */
abstract class DataTypeParser extends DmlParser {
    protected DataTypeParser(String src, Dialect dialect, ParserOptions options) {
        super(src, dialect, options);
    }

    /** A parsed type plus what SERIAL implies for the column. */
    protected record ParsedType(DataType type, boolean serial) {
    }

    @Override
    protected final DataType jsonTableColumnType() {
        return dataType().type();
    }

    protected final ParsedType dataType() {
        Token t = peek();
        if (t.type != TokenType.IDENT) {
            throw error();
        }
        String word = upperText(t);
        advance();
        return switch (word) {
            case "TINYINT", "INT1" -> integer(TypeName.TINYINT);
            case "SMALLINT", "INT2" -> integer(TypeName.SMALLINT);
            case "MEDIUMINT", "INT3", "MIDDLEINT" -> integer(TypeName.MEDIUMINT);
            case "INT", "INTEGER", "INT4" -> integer(TypeName.INT);
            case "BIGINT", "INT8" -> integer(TypeName.BIGINT);
            case "BOOL", "BOOLEAN" -> plain(new DataType(TypeName.TINYINT, 1L, null, false, false, null, null, false,
                    List.of()));
            case "SERIAL" -> new ParsedType(new DataType(TypeName.BIGINT, null, null, true, false, null, null, false,
                    List.of()), true);
            case "DECIMAL", "DEC", "NUMERIC", "FIXED" -> decimal(TypeName.DECIMAL);
            case "FLOAT" -> floatType();
            case "FLOAT4" -> decimal(TypeName.FLOAT);
            case "DOUBLE" -> {
                acceptWord("PRECISION");
                yield decimal(TypeName.DOUBLE);
            }
            case "REAL", "FLOAT8" -> decimal(TypeName.DOUBLE);
            case "BIT" -> plain(simple(TypeName.BIT, optionalLength()));
            case "CHAR", "CHARACTER" -> {
                if (acceptWord("VARYING")) {
                    yield character(TypeName.VARCHAR, requiredLength(), null);
                }
                yield character(TypeName.CHAR, optionalLength(), null);
            }
            case "NCHAR" -> {
                if (acceptWord("VARYING") || acceptWord("VARCHAR")) {
                    yield character(TypeName.VARCHAR, requiredLength(), "utf8mb3");
                }
                yield character(TypeName.CHAR, optionalLength(), "utf8mb3");
            }
            case "NATIONAL" -> national();
            case "VARCHAR", "VARCHARACTER" -> character(TypeName.VARCHAR, requiredLength(), null);
            case "NVARCHAR" -> character(TypeName.VARCHAR, requiredLength(), "utf8mb3");
            case "BINARY" -> plain(simple(TypeName.BINARY, optionalLength()));
            case "VARBINARY" -> plain(simple(TypeName.VARBINARY, requiredLength()));
            case "TINYTEXT" -> character(TypeName.TINYTEXT, null, null);
            case "TEXT" -> character(TypeName.TEXT, optionalLength(), null);
            case "MEDIUMTEXT" -> character(TypeName.MEDIUMTEXT, null, null);
            case "LONGTEXT" -> character(TypeName.LONGTEXT, null, null);
            case "LONG" -> longType();
            case "TINYBLOB" -> plain(simple(TypeName.TINYBLOB, null));
            case "BLOB" -> plain(simple(TypeName.BLOB, optionalLength()));
            case "MEDIUMBLOB" -> plain(simple(TypeName.MEDIUMBLOB, null));
            case "LONGBLOB" -> plain(simple(TypeName.LONGBLOB, null));
            case "DATE" -> plain(simple(TypeName.DATE, null));
            case "TIME" -> plain(simple(TypeName.TIME, optionalLength()));
            case "DATETIME" -> plain(simple(TypeName.DATETIME, optionalLength()));
            case "TIMESTAMP" -> plain(simple(TypeName.TIMESTAMP, optionalLength()));
            case "YEAR" -> plain(simple(TypeName.YEAR, optionalLength()));
            case "ENUM" -> character(TypeName.ENUM, null, null, members());
            case "SET" -> character(TypeName.SET, null, null, members());
            case "JSON" -> plain(simple(TypeName.JSON, null));
            case "GEOMETRY" -> plain(simple(TypeName.GEOMETRY, null));
            case "POINT" -> plain(simple(TypeName.POINT, null));
            case "LINESTRING" -> plain(simple(TypeName.LINESTRING, null));
            case "POLYGON" -> plain(simple(TypeName.POLYGON, null));
            case "MULTIPOINT" -> plain(simple(TypeName.MULTIPOINT, null));
            case "MULTILINESTRING" -> plain(simple(TypeName.MULTILINESTRING, null));
            case "MULTIPOLYGON" -> plain(simple(TypeName.MULTIPOLYGON, null));
            case "GEOMETRYCOLLECTION", "GEOMCOLLECTION" -> plain(simple(TypeName.GEOMETRYCOLLECTION, null));
            case "ARRAY" -> arrayType();
            case "INTERVAL" -> plain(simple(TypeName.INTERVAL, null)); // PostgreSQL's interval (not a MySQL type)
            // PostgreSQL's uuid and jsonb: the PostgreSQL dialect only (MySQL 8 has neither)
            case "UUID" -> {
                if (!options.postgresPrecedence()) throw errorAt(t);
                yield plain(simple(TypeName.UUID, null));
            }
            case "JSONB" -> {
                if (!options.postgresPrecedence()) throw errorAt(t);
                yield plain(simple(TypeName.JSONB, null));
            }
            default -> throw errorAt(t);
        };
    }

    /** {@code ARRAY(int4)}: what the PostgreSQL dialect writes for {@code int[]}; the engine checks the name. */
    private ParsedType arrayType() {
        expect(TokenType.LPAREN);
        Token element = peek();
        if (element.type != TokenType.IDENT) {
            throw errorAt(element);
        }
        advance();
        expect(TokenType.RPAREN);
        return plain(new DataType(TypeName.ARRAY, null, null, false, false, null, null, false,
                List.of(element.value())));
    }

    private ParsedType plain(DataType type) {
        return new ParsedType(type, false);
    }

    private static DataType simple(TypeName name, Long length) {
        return new DataType(name, length, null, false, false, null, null, false, List.of());
    }

    private ParsedType integer(TypeName name) {
        Long width = optionalLength();
        return numericAttributes(name, width, null);
    }

    private ParsedType decimal(TypeName name) {
        Long precision = null;
        Integer scale = null;
        if (accept(TokenType.LPAREN)) {
            precision = integerLiteral();
            if (accept(TokenType.COMMA)) {
                scale = (int) integerLiteral();
            }
            expect(TokenType.RPAREN);
        }
        return numericAttributes(name, precision, scale);
    }

    /** FLOAT(p) picks FLOAT or DOUBLE by precision, as MySQL does; FLOAT(m,d) keeps both. */
    private ParsedType floatType() {
        if (at(TokenType.LPAREN) && atAt(1, TokenType.INTEGER) && atAt(2, TokenType.RPAREN)) {
            advance();
            Token p = peek();
            long precision = integerLiteral();
            expect(TokenType.RPAREN);
            if (precision > 53) {
                throw errorAt(p);
            }
            return numericAttributes(precision > 24 ? TypeName.DOUBLE : TypeName.FLOAT, null, null);
        }
        return decimal(TypeName.FLOAT);
    }

    private ParsedType numericAttributes(TypeName name, Long length, Integer scale) {
        boolean unsigned = false;
        boolean zerofill = false;
        while (true) {
            if (accept(Keyword.UNSIGNED)) {
                unsigned = true;
            } else if (accept(Keyword.SIGNED)) {
                unsigned = false;
            } else if (accept(Keyword.ZEROFILL)) {
                zerofill = true;
                unsigned = true;
            } else {
                break;
            }
        }
        return plain(new DataType(name, length, scale, unsigned, zerofill, null, null, false, List.of()));
    }

    private ParsedType national() {
        if (acceptWord("VARCHAR")) {
            return character(TypeName.VARCHAR, requiredLength(), "utf8mb3");
        }
        if (!acceptWord("CHAR")) {
            expect(Keyword.CHARACTER);
        }
        if (acceptWord("VARYING")) {
            return character(TypeName.VARCHAR, requiredLength(), "utf8mb3");
        }
        return character(TypeName.CHAR, optionalLength(), "utf8mb3");
    }

    /** LONG, LONG VARCHAR -> MEDIUMTEXT; LONG VARBINARY -> MEDIUMBLOB. */
    private ParsedType longType() {
        if (accept(Keyword.VARBINARY)) {
            return plain(simple(TypeName.MEDIUMBLOB, null));
        }
        if (!accept(Keyword.VARCHAR)) {
            acceptWord("VARCHARACTER");
        }
        return character(TypeName.MEDIUMTEXT, null, null);
    }

    private ParsedType character(TypeName name, Long length, String charset) {
        return character(name, length, charset, List.of());
    }

    /** Character-type attributes: CHARACTER SET x, CHARSET x, COLLATE x, BINARY, ASCII, UNICODE. */
    private ParsedType character(TypeName name, Long length, String charset, List<String> values) {
        String collation = null;
        boolean binary = false;
        while (true) {
            if (at(Keyword.CHARACTER) && atAt(1, Keyword.SET)) {
                advance();
                advance();
                charset = charsetName();
            } else if (at(Keyword.CHARSET)) {
                advance();
                charset = charsetName();
            } else if (at(Keyword.COLLATE)) {
                advance();
                collation = charsetName();
            } else if (accept(Keyword.BINARY)) {
                binary = true;
            } else if (acceptWord("ASCII")) {
                charset = "latin1";
            } else if (acceptWord("UNICODE")) {
                charset = "ucs2";
            } else if (acceptWord("BYTE")) {
                charset = "binary";
            } else {
                break;
            }
        }
        return plain(new DataType(name, length, null, false, false, charset, collation, binary, values));
    }

    private List<String> members() {
        expect(TokenType.LPAREN);
        List<String> values = new ArrayList<>();
        do {
            Token t = peek();
            if (t.type != TokenType.STRING && t.type != TokenType.NATIONAL_STRING) {
                throw error();
            }
            advance();
            StringBuilder sb = new StringBuilder(t.value());
            while (at(TokenType.STRING)) {
                sb.append(advance().value());
            }
            values.add(sb.toString());
        } while (accept(TokenType.COMMA));
        expect(TokenType.RPAREN);
        return List.copyOf(values);
    }

    protected final Long optionalLength() {
        if (!at(TokenType.LPAREN)) {
            return null;
        }
        return requiredLength();
    }

    private Long requiredLength() {
        expect(TokenType.LPAREN);
        long n = integerLiteral();
        expect(TokenType.RPAREN);
        return n;
    }
}
