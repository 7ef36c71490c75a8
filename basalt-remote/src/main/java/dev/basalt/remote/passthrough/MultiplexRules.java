package dev.basalt.remote.passthrough;

import java.util.Set;

/**
 * Which commands leave session state on their backend connection, so that a multiplexed client must
 * keep ("pin") that connection from then on, in the manner of ProxySQL's rules. Conservative by
 * design: a statement is harmless only when its first keyword is one that never creates session
 * state and it names nothing that does; anything else pins. The relay adds what only the response
 * tells (an open transaction, autocommit off, a generated LAST_INSERT_ID, warnings).
 */
final class MultiplexRules {
    private MultiplexRules() {}

    private static final int COM_QUERY = 0x03, COM_PING = 0x0e, COM_STATISTICS = 0x09, COM_FIELD_LIST = 0x04;

    /** First keywords of statements that, by themselves, leave nothing behind in the session. */
    private static final Set<String> HARMLESS = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "SHOW",
            "DESC", "DESCRIBE", "EXPLAIN", "WITH", "(", "CREATE", "ALTER", "DROP", "TRUNCATE", "RENAME", "ANALYZE",
            "OPTIMIZE", "CHECKSUM", "TABLE", "VALUES");

    /**
     * Words that make even a harmless-looking statement pin: user and session variables ({@code @}),
     * what asks about the previous statement or this connection, temporary tables, named locks,
     * SQL_CALC_FOUND_ROWS, and more than one statement in one query.
     */
    private static final String[] PINNING = {"@", "LAST_INSERT_ID", "FOUND_ROWS", "ROW_COUNT", "TEMPORARY",
            "GET_LOCK", "RELEASE_LOCK", "RELEASE_ALL_LOCKS", "CONNECTION_ID", "SQL_CALC_FOUND_ROWS", ";", "IS_USED_LOCK",
            "IS_FREE_LOCK"};

    /** True when {@code command} (code byte first) must keep its backend connection for the session. */
    static boolean pins(byte[] command, int offset, int length) {
        if (length == 0) return true;
        int code = command[offset] & 0xFF;
        if (code == COM_PING || code == COM_STATISTICS || code == COM_FIELD_LIST) return false;
        if (code != COM_QUERY) return true; // prepared statements, COM_INIT_DB, COM_SET_OPTION...: state
        int from = offset + 1, end = offset + length;
        String first = firstWord(command, from, end);
        if (!HARMLESS.contains(first)) return true;
        int last = end;
        while (last > from && (Character.isWhitespace(command[last - 1]) || command[last - 1] == ';')) last--;
        for (String word : PINNING) {
            if (contains(command, from, last, word)) return true;
        }
        return false;
    }

    /** The first keyword, upper case; "(" for a parenthesised query. Comments before it pin (not skipped). */
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

    private static boolean contains(byte[] b, int from, int end, String upper) {
        int n = upper.length();
        outer:
        for (int i = from; i + n <= end; i++) {
            for (int k = 0; k < n; k++) {
                if (Character.toUpperCase((char) b[i + k]) != upper.charAt(k)) continue outer;
            }
            return true;
        }
        return false;
    }
}
