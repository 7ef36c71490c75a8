package dev.basalt.sql;

/**
 * A statement that does not parse. {@link #getMessage()} is MySQL's exact text, so the engine can
 * report it as error 1064 (SQLSTATE 42000) unchanged:
 * {@code You have an error in your SQL syntax; check the manual that corresponds to your MySQL server
 * version for the right syntax to use near '<rest>' at line <n>}.
 *
 * <p>When {@link #unsupported()} is true the syntax is valid MySQL that Basalt does not implement
 * (window functions, triggers, ...); the message is then MySQL's error 1235 text
 * {@code This version of MySQL doesn't yet support '<feature>'}.
 */
public final class ParseException extends RuntimeException {
    /** MySQL cuts the quoted rest of the statement at this many characters. */
    public static final int NEAR_LIMIT = 80;

    private final String near;
    private final int line;
    private final boolean unsupported;
    /** The statement nests deeper than the parser's stack: MySQL's 1436, not a syntax error. */
    private boolean tooDeep;

    private ParseException(String message, String near, int line, boolean unsupported) {
        super(message, null, false, false);
        this.near = near;
        this.line = line;
        this.unsupported = unsupported;
    }

    /** A statement nested too deeply to parse (the engine reports MySQL's 1436 thread stack overrun). */
    public static ParseException tooDeep(int line) {
        ParseException e = new ParseException("Thread stack overrun: the statement is nested too deeply", "", line, false);
        e.tooDeep = true;
        return e;
    }

    /** True when the statement was nested too deeply to parse (1436), not malformed. */
    public boolean tooDeep() {
        return tooDeep;
    }

    /**
     * A syntax error.
     * @param rest the input from the offending token to the end (cut here to 80 characters)
     * @param line the 1-based line of the offending token
     */
    public static ParseException syntax(String rest, int line) {
        String near = rest.length() > NEAR_LIMIT ? rest.substring(0, NEAR_LIMIT) : rest;
        return new ParseException("You have an error in your SQL syntax; check the manual that corresponds "
                + "to your MySQL server version for the right syntax to use near '" + near + "' at line " + line,
                near, line, false);
    }

    /** Valid MySQL that Basalt does not support; feature names it, e.g. "window functions". */
    public static ParseException unsupported(String feature, int line) {
        return new ParseException("This version of MySQL doesn't yet support '" + feature + "'", feature, line, true);
    }

    /** The quoted part of the message: the input from the offending token, at most 80 characters. */
    public String near() {
        return near;
    }

    /** The 1-based line of the offending token. */
    public int line() {
        return line;
    }

    /** True for MySQL error 1235 (not supported), false for 1064 (syntax error). */
    public boolean unsupported() {
        return unsupported;
    }
}
