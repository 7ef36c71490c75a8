package dev.basalt.remote.passthrough;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * net_write_timeout as a passthrough session has it on the remote, which Basalt enforces itself
 * on the event loop (see {@link RelayLease}): there a client that stops reading its result stops
 * Basalt reading the backend, so only Basalt sees the client not reading. The value is followed
 * from the SETs relayed (SET [SESSION|GLOBAL] net_write_timeout = N and the @@ forms; a value
 * set any other way, e.g. from a stored procedure, is not seen), starting from the remote's global.
 */
final class NetWriteTimeout {
    private NetWriteTimeout() {}

    /** MySQL's default and bounds, in seconds. */
    static final long DEFAULT_SECONDS = 60, MAX_SECONDS = 31_536_000;

    /** An assignment found in a SET: to the global value (new sessions) or the session's. */
    record Setting(boolean global, long seconds) {}

    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?:\\b(GLOBAL|SESSION|LOCAL)\\s+|@@(GLOBAL|SESSION|LOCAL)\\.|@@)?\\bnet_write_timeout\\s*:?=\\s*(\\d{1,12})\\b",
            Pattern.CASE_INSENSITIVE);

    /** The last net_write_timeout assignment of the SET statement {@code sql[from, end)}, or null. */
    static Setting parse(byte[] sql, int from, int end) {
        int i = from;
        while (i < end && Character.isWhitespace(sql[i])) i++;
        // every statement on the connection's thread passes here: bytes first, a regex only for a SET
        if (end - i < 4 || (sql[i] | 0x20) != 's' || (sql[i + 1] | 0x20) != 'e' || (sql[i + 2] | 0x20) != 't'
                || !Character.isWhitespace(sql[i + 3])) {
            return null;
        }
        String text = new String(sql, i, end - i, StandardCharsets.UTF_8);
        if (!text.toLowerCase(Locale.ROOT).contains("net_write_timeout")) return null;
        Matcher m = ASSIGNMENT.matcher(text);
        Setting last = null;
        while (m.find()) {
            String scope = m.group(1) != null ? m.group(1) : m.group(2);
            long seconds = Math.max(1, Math.min(MAX_SECONDS, Long.parseLong(m.group(3))));
            last = new Setting(scope != null && scope.equalsIgnoreCase("GLOBAL"), seconds);
        }
        return last;
    }
}
