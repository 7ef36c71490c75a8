package dev.basalt.engine.expr;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** sql_mode flags. Combination modes (ANSI, TRADITIONAL) expand through {@link #parse}. */
public enum SqlMode {
    REAL_AS_FLOAT, PIPES_AS_CONCAT, ANSI_QUOTES, IGNORE_SPACE, ONLY_FULL_GROUP_BY,
    NO_UNSIGNED_SUBTRACTION, NO_DIR_IN_CREATE, NO_AUTO_VALUE_ON_ZERO, NO_BACKSLASH_ESCAPES,
    STRICT_TRANS_TABLES, STRICT_ALL_TABLES, NO_ZERO_IN_DATE, NO_ZERO_DATE, ALLOW_INVALID_DATES,
    ERROR_FOR_DIVISION_BY_ZERO, NO_ENGINE_SUBSTITUTION, PAD_CHAR_TO_FULL_LENGTH,
    TIME_TRUNCATE_FRACTIONAL, HIGH_NOT_PRECEDENCE;

    /** MySQL 8's default sql_mode. */
    public static final Set<SqlMode> DEFAULT = java.util.Collections.unmodifiableSet(EnumSet.of(
            ONLY_FULL_GROUP_BY, STRICT_TRANS_TABLES, NO_ZERO_IN_DATE, NO_ZERO_DATE,
            ERROR_FOR_DIVISION_BY_ZERO, NO_ENGINE_SUBSTITUTION));

    /**
     * NO_AUTO_CREATE_USER: a MySQL 5.7 mode (on by default there and in MariaDB) that MySQL 8 removed
     * and refuses (1231). Every MariaDB and 5.7 dump sets it before each trigger, routine and event,
     * so it is accepted and ignored here (a warning, as 5.7 gave) to let those dumps load unchanged.
     */
    public static final String REMOVED_NO_AUTO_CREATE_USER = "NO_AUTO_CREATE_USER";

    /** Whether a sql_mode value names a removed mode that {@link #parse} ignores. */
    public static boolean namesRemovedMode(String text) {
        if (text == null) return false;
        for (String part : text.split(",")) {
            if (part.trim().equalsIgnoreCase(REMOVED_NO_AUTO_CREATE_USER)) return true;
        }
        return false;
    }

    /**
     * Parses a sql_mode value ("A,B,C"), expanding ANSI and TRADITIONAL; NO_AUTO_CREATE_USER is
     * ignored (see {@link #REMOVED_NO_AUTO_CREATE_USER}).
     * @throws IllegalArgumentException naming the unknown word (the caller maps it to 1231)
     */
    public static EnumSet<SqlMode> parse(String text) {
        // every new session parses the same global sql_mode: a hit returns a copy (the caller may change it)
        Parsed last = lastParsed;
        if (last != null && last.text.equals(text)) return EnumSet.copyOf(last.modes);
        EnumSet<SqlMode> set = parseText(text);
        if (text != null) lastParsed = new Parsed(text, EnumSet.copyOf(set));
        return set;
    }

    /** The last text parsed and its modes (never handed out: copies are). */
    private record Parsed(String text, EnumSet<SqlMode> modes) {}

    private static volatile Parsed lastParsed;

    private static EnumSet<SqlMode> parseText(String text) {
        EnumSet<SqlMode> set = EnumSet.noneOf(SqlMode.class);
        if (text == null) return set;
        for (String part : text.split(",")) {
            String w = part.trim().toUpperCase(Locale.ROOT);
            if (w.isEmpty() || w.equals(REMOVED_NO_AUTO_CREATE_USER)) continue;
            switch (w) {
                case "ANSI" -> set.addAll(EnumSet.of(REAL_AS_FLOAT, PIPES_AS_CONCAT, ANSI_QUOTES, IGNORE_SPACE,
                        ONLY_FULL_GROUP_BY));
                case "TRADITIONAL" -> set.addAll(EnumSet.of(STRICT_TRANS_TABLES, STRICT_ALL_TABLES, NO_ZERO_IN_DATE,
                        NO_ZERO_DATE, ERROR_FOR_DIVISION_BY_ZERO, NO_ENGINE_SUBSTITUTION));
                default -> set.add(valueOf(w));
            }
        }
        return set;
    }

    /** Canonical text of a set, in MySQL's order. */
    public static String format(Set<SqlMode> modes) {
        StringBuilder sb = new StringBuilder();
        for (SqlMode m : values()) {
            if (!modes.contains(m)) continue;
            if (!sb.isEmpty()) sb.append(',');
            sb.append(m.name());
        }
        return sb.toString();
    }
}
