package dev.basalt.remote.passthrough;

/**
 * The statements the event loop forwards by itself: one statement (no ';', so no second one that
 * could be a LOAD DATA LOCAL asking for a file) starting with a keyword that changes nothing the
 * relay keeps track of (no SET, USE, KILL, PREPARE...). Anything else goes to the connection's thread.
 */
final class LoopStatements {
    private LoopStatements() {}

    private static final String[] PLAIN = {"SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "BEGIN", "COMMIT", "ROLLBACK"};

    static boolean plain(byte[] b, int from, int end) {
        int i = from;
        while (i < end && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) i++;
        int start = i;
        while (i < end && isLetter(b[i])) i++;
        if (i < end && (isLetter(b[i]) || (b[i] >= '0' && b[i] <= '9') || b[i] == '_' || b[i] == '$')) return false;
        if (!keyword(b, start, i)) return false;
        for (int k = i; k < end; k++) if (b[k] == ';') return false;
        return true;
    }

    private static boolean isLetter(byte c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

    private static boolean keyword(byte[] b, int start, int end) {
        outer:
        for (String k : PLAIN) {
            if (k.length() != end - start) continue;
            for (int j = 0; j < k.length(); j++) if ((b[start + j] & 0xDF) != k.charAt(j)) continue outer;
            return true;
        }
        return false;
    }
}
