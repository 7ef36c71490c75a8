package dev.basalt.remote.passthrough;

/**
 * Case-insensitive looks at statement text as the bytes a client sent, without making a String:
 * the relay checks every COM_QUERY this way and parses only the few that need it.
 */
final class SqlBytes {
    private SqlBytes() {}

    /** True when {@code b[from, end)} contains the ASCII text {@code ascii}, in any case. */
    static boolean contains(byte[] b, int from, int end, String ascii) {
        int n = ascii.length();
        outer:
        for (int i = from; i + n <= end; i++) {
            for (int k = 0; k < n; k++) {
                if (Character.toUpperCase((char) b[i + k]) != Character.toUpperCase(ascii.charAt(k))) continue outer;
            }
            return true;
        }
        return false;
    }

    /** The first keyword, upper case, after leading blanks; "(" for a parenthesised query. */
    static String firstWord(byte[] b, int from, int end) {
        int i = from;
        while (i < end && Character.isWhitespace(b[i])) i++;
        if (i < end && b[i] == '(') return "(";
        int start = i;
        while (i < end && Character.isLetter(b[i])) i++;
        StringBuilder w = new StringBuilder(i - start);
        for (int k = start; k < i; k++) w.append(Character.toUpperCase((char) b[k]));
        return w.toString();
    }
}
