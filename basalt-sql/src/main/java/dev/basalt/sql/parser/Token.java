package dev.basalt.sql.parser;

/**
 * One token: its class, its extent in the source, its line and, for words, the keyword it spells.
 * The text of a word is taken from the source only when the parser asks for it.
 */
public final class Token {
    public final TokenType type;
    /** Offset of the first character in the source. */
    public final int start;
    /** Offset after the last character in the source. */
    public final int end;
    /** 1-based line of the first character. */
    public final int line;
    /** For IDENT: the keyword it spells, or null. */
    public final Keyword keyword;
    private String value;
    private final String source;

    Token(TokenType type, int start, int end, int line, Keyword keyword, String value, String source) {
        this.type = type;
        this.start = start;
        this.end = end;
        this.line = line;
        this.keyword = keyword;
        this.value = value;
        this.source = source;
    }

    /**
     * The token's value: the name of an identifier (quotes removed), the decoded text of a string,
     * the digits of a number / hex / bit literal, the name of a user variable, else the source text.
     */
    public String value() {
        if (value == null) {
            value = source.substring(start, end);
        }
        return value;
    }

    public boolean is(TokenType t) {
        return type == t;
    }

    public boolean is(Keyword k) {
        return keyword == k && type == TokenType.IDENT;
    }

    @Override
    public String toString() {
        return type + "(" + source.substring(start, end) + ")@" + line;
    }
}
