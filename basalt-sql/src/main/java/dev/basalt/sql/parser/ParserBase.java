package dev.basalt.sql.parser;

import dev.basalt.sql.ParseException;
import dev.basalt.sql.ast.QualifiedName;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The token cursor every parser layer shares: lookahead, matching, MySQL-style errors, names.
 * The parser is split into layers (expressions, queries, DML, DDL, admin statements), each a
 * subclass of the one below, so that every file stays about one part of the grammar.
 */
abstract class ParserBase {
    protected final String src;
    protected final Lexer lexer;
    protected final Dialect dialect;
    protected final ParserOptions options;

    /** Lookahead ring: tokens [head, head + count) are lexed but not consumed. */
    private Token[] ahead = new Token[16];
    private int head;
    private int count;
    /** The last consumed token (null before the first). */
    protected Token prev;
    /** Placeholders seen so far in the current statement. */
    protected int parameterCount;

    protected ParserBase(String src, Dialect dialect, ParserOptions options) {
        this.src = src;
        this.lexer = new Lexer(src, options);
        this.dialect = dialect;
        this.options = options;
    }

    // ---------------------------------------------------------------- cursor

    protected final Token peek() {
        return peek(0);
    }

    /** The k-th unconsumed token (0 = next). */
    protected final Token peek(int k) {
        while (count <= k) {
            if (count == ahead.length) {
                Token[] bigger = new Token[ahead.length * 2];
                for (int i = 0; i < count; i++) {
                    bigger[i] = ahead[(head + i) & (ahead.length - 1)];
                }
                ahead = bigger;
                head = 0;
            }
            ahead[(head + count) & (ahead.length - 1)] = lexer.next();
            count++;
        }
        return ahead[(head + k) & (ahead.length - 1)];
    }

    protected final Token advance() {
        Token t = peek();
        if (t.type != TokenType.EOF) {
            head = (head + 1) & (ahead.length - 1);
            count--;
        }
        prev = t;
        return t;
    }

    protected final boolean at(TokenType type) {
        return peek().type == type;
    }

    protected final boolean at(Keyword keyword) {
        return peek().is(keyword);
    }

    protected final boolean atAt(int k, Keyword keyword) {
        return peek(k).is(keyword);
    }

    protected final boolean atAt(int k, TokenType type) {
        return peek(k).type == type;
    }

    protected final boolean accept(TokenType type) {
        if (at(type)) {
            advance();
            return true;
        }
        return false;
    }

    protected final boolean accept(Keyword keyword) {
        if (at(keyword)) {
            advance();
            return true;
        }
        return false;
    }

    protected final Token expect(TokenType type) {
        if (!at(type)) {
            throw error();
        }
        return advance();
    }

    protected final Token expect(Keyword keyword) {
        if (!at(keyword)) {
            throw error();
        }
        return advance();
    }

    /** True when the next token is an unquoted word spelling {@code upperWord} (for rare words). */
    protected final boolean atWord(String upperWord) {
        Token t = peek();
        return t.type == TokenType.IDENT && t.end - t.start == upperWord.length()
                && src.regionMatches(true, t.start, upperWord, 0, upperWord.length());
    }

    protected final boolean acceptWord(String upperWord) {
        if (atWord(upperWord)) {
            advance();
            return true;
        }
        return false;
    }

    /** Optional '=' as in table options ({@code ENGINE [=] x}). */
    protected final void optionalEquals() {
        accept(TokenType.EQ);
    }

    // ---------------------------------------------------------------- errors

    /** A syntax error at the next token. */
    protected final ParseException error() {
        return errorAt(peek());
    }

    protected final ParseException errorAt(Token t) {
        int start = t.type == TokenType.EOF ? src.length() : t.start;
        int end = Math.min(src.length(), start + ParseException.NEAR_LIMIT);
        return ParseException.syntax(src.substring(start, end), t.line);
    }

    protected final ParseException unsupported(String feature) {
        return ParseException.unsupported(feature, peek().line);
    }

    // ---------------------------------------------------------------- names

    /** True when the next token can be an identifier: a quoted name or a non-reserved word. */
    protected final boolean atIdentifier() {
        return isIdentifier(peek());
    }

    protected final boolean isIdentifier(Token t) {
        return t.type == TokenType.QUOTED_IDENT
                || (t.type == TokenType.IDENT && (t.keyword == null || !dialect.isReserved(t.keyword)));
    }

    /** An identifier (quoted, or an unquoted non-reserved word), in its source case. */
    protected final String identifier() {
        if (!atIdentifier()) {
            throw error();
        }
        return advance().value();
    }

    /** Any word, reserved or not (MySQL allows reserved words after a dot: {@code t.select}). */
    protected final String anyWord() {
        Token t = peek();
        if (t.type != TokenType.IDENT && t.type != TokenType.QUOTED_IDENT) {
            throw error();
        }
        return advance().value();
    }

    /** An identifier or a quoted string (user names, some option values, aliases). */
    protected final String identifierOrString() {
        if (at(TokenType.STRING)) {
            return advance().value();
        }
        return identifier();
    }

    /** {@code name} or {@code schema.name}. */
    protected final QualifiedName qualifiedName() {
        String first = identifier();
        if (at(TokenType.DOT)) {
            advance();
            return new QualifiedName(first, anyWord());
        }
        return new QualifiedName(null, first);
    }

    protected final List<QualifiedName> qualifiedNameList() {
        List<QualifiedName> names = new ArrayList<>();
        do {
            names.add(qualifiedName());
        } while (accept(TokenType.COMMA));
        return List.copyOf(names);
    }

    /** {@code (a, b, c)}. */
    protected final List<String> parenthesizedIdentifiers() {
        expect(TokenType.LPAREN);
        List<String> names = new ArrayList<>();
        do {
            names.add(identifier());
        } while (accept(TokenType.COMMA));
        expect(TokenType.RPAREN);
        return List.copyOf(names);
    }

    /** A charset or collation name: identifier, string, or the word BINARY / DEFAULT. */
    protected final String charsetName() {
        if (at(TokenType.STRING)) {
            return advance().value();
        }
        if (at(Keyword.BINARY)) {
            advance();
            return "binary";
        }
        return identifier();
    }

    /** The upper-case text of the next token (for matching rare words by name). */
    protected final String upperText(Token t) {
        return src.substring(t.start, t.end).toUpperCase(Locale.ROOT);
    }

    protected final long integerLiteral() {
        Token t = expect(TokenType.INTEGER);
        try {
            return Long.parseLong(t.value());
        } catch (NumberFormatException e) {
            throw errorAt(t);
        }
    }

    /** Source text between two offsets (the text of a select item or a view query). */
    protected final String text(int start, int end) {
        return src.substring(start, end);
    }
}
