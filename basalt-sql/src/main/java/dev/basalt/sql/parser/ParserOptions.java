package dev.basalt.sql.parser;

/**
 * The sql_mode flags that change how MySQL reads SQL text.
 * @param ansiQuotes ANSI_QUOTES: "x" is an identifier, not a string
 * @param noBackslashEscapes NO_BACKSLASH_ESCAPES: backslash is an ordinary character in strings
 * @param pipesAsConcat PIPES_AS_CONCAT: || concatenates (CONCAT) instead of OR
 * @param highNotPrecedence HIGH_NOT_PRECEDENCE: NOT binds like !
 * @param postgresPrecedence the PostgreSQL port: a concatenating {@code ||} binds below + and - (PostgreSQL's
 *     "any other operator" level), not just above ^ as MySQL's PIPES_AS_CONCAT documents
 */
public record ParserOptions(boolean ansiQuotes, boolean noBackslashEscapes, boolean pipesAsConcat,
                            boolean highNotPrecedence, boolean postgresPrecedence) {
    /** MySQL 8's default sql_mode: none of these. */
    public static final ParserOptions DEFAULT = new ParserOptions(false, false, false, false);

    /** MySQL's reading of the sql_mode flags. */
    public ParserOptions(boolean ansiQuotes, boolean noBackslashEscapes, boolean pipesAsConcat, boolean highNotPrecedence) {
        this(ansiQuotes, noBackslashEscapes, pipesAsConcat, highNotPrecedence, false);
    }
}
