package dev.basalt.engine.session;

import dev.basalt.sql.ast.Query;
import dev.basalt.sql.ast.Statement;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a top-level statement may run, as MySQL's max_execution_time: only read-only SELECTs
 * (a query statement) are timed; the optimizer hint {@code SELECT /*+ MAX_EXECUTION_TIME(n) *}{@code /}
 * right after the statement's first SELECT overrides the session variable. Milliseconds, 0 = none.
 *
 * <p>The lexer skips optimizer hints, so the hint is read from the statement text here; only this
 * one hint has an effect, which is why a full hint parser is not worth it.
 */
final class StatementTimeout {
    private StatementTimeout() {}

    private static final Pattern HINT = Pattern.compile("MAX_EXECUTION_TIME\\s*\\(\\s*(\\d{1,18})\\s*\\)");

    static long millis(Statement st, String text, SessionVariables variables) {
        if (!(st instanceof Query)) return 0;
        long hint = hint(text);
        if (hint >= 0) return hint;
        return Math.max(0, variables.getLong("max_execution_time"));
    }

    /** The MAX_EXECUTION_TIME hint's value, or -1 without one. */
    static long hint(String text) {
        if (text == null) return -1;
        int i = skipSpace(text, 0);
        if (!text.regionMatches(true, i, "SELECT", 0, 6)) return -1;
        i = skipSpace(text, i + 6);
        if (!text.startsWith("/*+", i)) return -1;
        int end = text.indexOf("*/", i + 3);
        if (end < 0) return -1;
        Matcher m = HINT.matcher(text.substring(i + 3, end).toUpperCase(Locale.ROOT));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static int skipSpace(String text, int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) i++;
        return i;
    }
}
