package dev.basalt.engine.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * MySQL time zone names ('SYSTEM', '+05:30', 'Europe/Berlin', 'UTC') and the conversions between
 * local date-times and instants as MySQL makes them. MySQL needs its mysql.time_zone* tables loaded
 * for named zones; we read them from the JDK's built-in tz database instead.
 */
public final class TimeZones {
    private TimeZones() {}

    /** MySQL 8.0.19+ accepts offsets from -13:59 to +14:00. */
    private static final int MIN_OFFSET_SECONDS = -(13 * 3600 + 59 * 60), MAX_OFFSET_SECONDS = 14 * 3600;

    /** The newest instant a TIMESTAMP (and CONVERT_TZ) handles on a 64-bit MySQL 8: 3001-01-18 23:59:59 UTC. */
    public static final long MAX_EPOCH_SECOND = 32536771199L;

    /** Region ids by lower-case name: MySQL looks zone names up case-insensitively. */
    private static final Map<String, String> REGIONS = new HashMap<>();

    static {
        for (String id : ZoneId.getAvailableZoneIds()) REGIONS.put(id.toLowerCase(Locale.ROOT), id);
        REGIONS.put("utc", "UTC");
    }

    /** The zone a time_zone value names, or null when MySQL would not know it (1298 / NULL from CONVERT_TZ). */
    public static ZoneId parse(String name) {
        if (name == null) return null;
        if (name.equalsIgnoreCase("SYSTEM")) return ZoneId.systemDefault();
        if (name.startsWith("+") || name.startsWith("-")) {
            ZoneOffset o = offset(name);
            return o;
        }
        String id = REGIONS.get(name.toLowerCase(Locale.ROOT));
        if (id == null) return null;
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * The text @@time_zone shows for a valid name: offsets as MySQL prints them (+5:30 becomes
     * +05:30), SYSTEM upper case, named zones as given. Null when the name is unknown.
     */
    public static String canonical(String name) {
        ZoneId z = parse(name);
        if (z == null) return null;
        if (name.equalsIgnoreCase("SYSTEM")) return "SYSTEM";
        if (z instanceof ZoneOffset o && (name.startsWith("+") || name.startsWith("-"))) {
            int s = o.getTotalSeconds(), a = Math.abs(s);
            return String.format(Locale.ROOT, "%s%02d:%02d", s < 0 ? "-" : "+", a / 3600, a / 60 % 60);
        }
        return name;
    }

    /** '[+-]H:MM' or '[+-]HH:MM' (the whole string) within MySQL's range; null otherwise. */
    private static ZoneOffset offset(String s) {
        int colon = s.indexOf(':');
        if (colon < 2 || colon == s.length() - 1) return null;
        String h = s.substring(1, colon), m = s.substring(colon + 1);
        if (!h.chars().allMatch(Character::isDigit) || !m.chars().allMatch(Character::isDigit) || h.length() > 2 || m.length() > 2) return null;
        int hours = Integer.parseInt(h), minutes = Integer.parseInt(m);
        if (minutes > 59) return null;
        int secs = (hours * 3600 + minutes * 60) * (s.charAt(0) == '-' ? -1 : 1);
        if (secs < MIN_OFFSET_SECONDS || secs > MAX_OFFSET_SECONDS) return null;
        return ZoneOffset.ofTotalSeconds(secs);
    }

    /** @@system_time_zone: the server's own zone, abbreviated as MySQL shows it (UTC, CET...). */
    public static String systemZoneName() {
        ZoneId z = ZoneId.systemDefault();
        if (z instanceof ZoneOffset || z.getId().equals("Z")) return "UTC";
        return z.getDisplayName(TextStyle.SHORT, Locale.ROOT);
    }

    /**
     * The instant a local date-time in a zone stands for. A time in a spring-forward gap does not
     * exist there: MySQL takes the end of the gap, and so do we. In a fall-back overlap the earlier
     * (summer time) reading wins.
     */
    public static Instant toInstant(LocalDateTime local, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        if (rules.getValidOffsets(local).isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(local);
            if (gap != null) return gap.getInstant();
        }
        return local.atZone(zone).toInstant();
    }

    /** The local date-time an instant reads as in a zone. */
    public static LocalDateTime toLocal(Instant instant, ZoneId zone) {
        return LocalDateTime.ofInstant(instant, zone);
    }

    /**
     * CONVERT_TZ: the local time in {@code from} as read in {@code to}. Like MySQL, a value whose
     * instant falls outside the TIMESTAMP range is returned unchanged.
     */
    public static LocalDateTime convert(LocalDateTime t, ZoneId from, ZoneId to) {
        Instant i = toInstant(t, from);
        if (i.getEpochSecond() < 0 || i.getEpochSecond() > MAX_EPOCH_SECOND) return t;
        return toLocal(i, to);
    }
}
