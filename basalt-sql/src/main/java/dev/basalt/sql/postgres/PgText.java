package dev.basalt.sql.postgres;

/**
 * Case-insensitive searches in SQL text without upper-casing a copy of it: the PostgreSQL port
 * asks "does this statement mention X?" several times for every statement it receives (RETURNING,
 * DISTINCT, ARRAY, catalog names...), and most of the time the answer is no.
 */
public final class PgText {
    private PgText() {}

    /** True when {@code text} contains {@code part}, ignoring ASCII case (a substring, not a word). */
    public static boolean containsIgnoreCase(String text, String part) {
        int n = part.length();
        if (n == 0) return true;
        char first = part.charAt(0);
        char lower = Character.toLowerCase(first), upper = Character.toUpperCase(first);
        for (int i = 0, last = text.length() - n; i <= last; i++) {
            char c = text.charAt(i);
            if ((c == lower || c == upper) && text.regionMatches(true, i, part, 0, n)) return true;
        }
        return false;
    }

    /** True when {@code text} contains any of {@code parts}, ignoring ASCII case. */
    public static boolean containsAnyIgnoreCase(String text, String... parts) {
        for (String p : parts) {
            if (containsIgnoreCase(text, p)) return true;
        }
        return false;
    }
}
