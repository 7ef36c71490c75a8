package dev.basalt.sql.postgres;

/**
 * A lexical piece of PostgreSQL SQL text as the translator sees it. {@code text} is what goes
 * out; a GROUP is already-translated text (a cast) that behaves as one operand.
 */
record PgToken(Kind kind, String text) {
    enum Kind { SPACE, COMMENT, WORD, QUOTED_IDENT, STRING, NUMBER, PARAM, OPEN, CLOSE, CAST, PUNCT, GROUP }

    boolean is(Kind k) { return kind == k; }

    boolean isWord(String w) { return kind == Kind.WORD && text.equalsIgnoreCase(w); }

    /** Something a :: cast can apply to without parentheses. */
    boolean isOperand() {
        return kind == Kind.WORD || kind == Kind.QUOTED_IDENT || kind == Kind.STRING || kind == Kind.NUMBER
                || kind == Kind.PARAM || kind == Kind.GROUP;
    }
}
