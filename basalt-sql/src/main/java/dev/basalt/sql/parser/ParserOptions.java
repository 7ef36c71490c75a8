package dev.basalt.sql.parser;

/**
 * The sql_mode flags that change how MySQL reads SQL text.
 * @param ansiQuotes ANSI_QUOTES: "x" is an identifier, not a string
 * @param noBackslashEscapes NO_BACKSLASH_ESCAPES: backslash is an ordinary character in strings
 * @param pipesAsConcat PIPES_AS_CONCAT: || concatenates (CONCAT) instead of OR
 * @param highNotPrecedence HIGH_NOT_PRECEDENCE: NOT binds like !
 */
public record ParserOptions(boolean ansiQuotes, boolean noBackslashEscapes, boolean pipesAsConcat,
                            boolean highNotPrecedence) {
    /** MySQL 8's default sql_mode: none of these. */
    public static final ParserOptions DEFAULT = new ParserOptions(false, false, false, false);
}
