package dev.basalt.http;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises the statements that end or start a transaction by themselves (COMMIT, ROLLBACK
 * without TO SAVEPOINT, BEGIN, START TRANSACTION, SET autocommit): inside a batch they would
 * commit part of it and break its all-or-nothing promise, so a batch refuses them up front.
 * DDL's implicit commit is MySQL's rule and stays allowed (documented in docs/http.md).
 */
final class TransactionControl {
    private static final Pattern LEADING_COMMENTS = Pattern.compile("^(\\s+|/\\*.*?\\*/|(--\\s|#)[^\\n]*(\\n|$))*", Pattern.DOTALL);
    private static final Pattern ENDS_OR_STARTS = Pattern.compile(
            "^(COMMIT|BEGIN|START\\s+TRANSACTION|ROLLBACK(?!\\s+(WORK\\s+)?TO\\b)|SET\\s+(@@(SESSION\\.)?|SESSION\\s+|LOCAL\\s+)?AUTOCOMMIT\\b)\\b.*",
            Pattern.DOTALL);

    private TransactionControl() {}

    /** The statement's leading words when it ends or starts a transaction by itself, else null. */
    static String of(String sql) {
        String t = LEADING_COMMENTS.matcher(sql).replaceFirst("");
        String upper = t.toUpperCase(Locale.ROOT);
        if (!ENDS_OR_STARTS.matcher(upper).matches()) return null;
        int end = upper.indexOf(' ') < 0 ? upper.length() : upper.indexOf(' ');
        String first = upper.substring(0, end).strip();
        return first.startsWith("START") ? "START TRANSACTION" : first.startsWith("SET") ? "SET autocommit" : first.replace(";", "");
    }
}
