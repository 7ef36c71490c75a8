package dev.basalt.server;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/**
 * The settings of a compute with neon storage (see docs/disaggregated.md). Kept apart from
 * {@link ServerSettings}: only opening the store needs them.
 *
 * @param safekeepers   {@code host:port} of each WAL service node
 * @param pageserver    {@code host:port} of the page server
 * @param branch        the timeline served
 * @param atLsn         read-only at this LSN (0: not given)
 * @param atMicros      read-only as of this moment, µs since the epoch (0: not given)
 * @param cacheBytes    bound of the local cache of values
 */
public record NeonSettings(List<String> safekeepers, String pageserver, String branch, long atLsn, long atMicros,
                           long cacheBytes) {

    public static final NeonSettings DEFAULTS = new NeonSettings(List.of(), "", "main", 0, 0, 256L << 20);

    public NeonSettings {
        safekeepers = List.copyOf(safekeepers);
        if (branch == null || branch.isBlank()) throw new SettingsException("branch: a name is required");
    }

    /** True when the compute serves a past moment, read-only. */
    public boolean readOnly() { return atLsn > 0 || atMicros > 0; }

    /** Parses the raw texts; {@code at} is an LSN (digits) or a UTC time ('2026-01-31 12:00:00[.ffffff]' or ISO 8601). */
    static NeonSettings parse(String safekeepers, String pageserver, String branch, String at, long cacheBytes) {
        List<String> nodes = Arrays.stream(safekeepers.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        for (String node : nodes) requireHostPort(node, "safekeepers");
        String ps = pageserver.strip();
        if (!ps.isEmpty()) requireHostPort(ps, "pageserver");
        long lsn = 0;
        long micros = 0;
        String a = at.strip();
        if (!a.isEmpty()) {
            if (a.chars().allMatch(Character::isDigit)) {
                try {
                    lsn = Long.parseLong(a);
                } catch (NumberFormatException e) {
                    lsn = -1;
                }
                if (lsn < 1) throw new SettingsException("at: LSN " + a + " is not between 1 and " + Long.MAX_VALUE);
            } else {
                Instant instant = parseTime(a);
                micros = instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
            }
        }
        return new NeonSettings(nodes, ps, branch.strip(), lsn, micros, cacheBytes);
    }

    private static Instant parseTime(String text) {
        try {
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) return Instant.parse(text.replace(' ', 'T'));
            return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new SettingsException("at: '" + text + "' is neither an LSN nor a time like '2026-01-31 12:00:00' (UTC)");
        }
    }

    private static void requireHostPort(String text, String key) {
        int colon = text.lastIndexOf(':');
        boolean ok = colon > 0 && colon < text.length() - 1;
        if (ok) {
            try {
                int port = Integer.parseInt(text.substring(colon + 1));
                ok = port > 0 && port < 65536;
            } catch (NumberFormatException e) {
                ok = false;
            }
        }
        if (!ok) throw new SettingsException(key + ": '" + text + "' is not host:port");
    }
}
