package dev.basalt.engine.expr;

import java.util.Locale;

/** INTERVAL units (DATE_ADD, EXTRACT, TIMESTAMPDIFF...). */
public enum IntervalUnit {
    MICROSECOND, SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, QUARTER, YEAR,
    SECOND_MICROSECOND, MINUTE_MICROSECOND, MINUTE_SECOND, HOUR_MICROSECOND, HOUR_SECOND,
    HOUR_MINUTE, DAY_MICROSECOND, DAY_SECOND, DAY_MINUTE, DAY_HOUR, YEAR_MONTH;

    /** Case-insensitive; also accepts the SQL_TSI_ prefix. Null when unknown. */
    public static IntervalUnit lookup(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        if (n.startsWith("SQL_TSI_")) n = n.substring(8);
        try {
            return valueOf(n);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
