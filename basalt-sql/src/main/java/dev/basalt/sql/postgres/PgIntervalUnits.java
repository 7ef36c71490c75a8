package dev.basalt.sql.postgres;

/**
 * PostgreSQL's interval unit names and what each is worth: shared by the dialect (interval
 * literals as MySQL's INTERVAL) and the engine's interval values.
 */
public final class PgIntervalUnits {
    private PgIntervalUnits() {}

    /** Microseconds in one unit from microsecond to hour, or null for another unit. */
    public static Long timeMicros(String unit) {
        return switch (unit) {
            case "microsecond", "microseconds", "us", "usec", "usecs" -> 1L;
            case "millisecond", "milliseconds", "ms", "msec", "msecs" -> 1_000L;
            case "second", "seconds", "s", "sec", "secs" -> 1_000_000L;
            case "minute", "minutes", "m", "min", "mins" -> 60_000_000L;
            case "hour", "hours", "h", "hr", "hrs" -> 3_600_000_000L;
            default -> null;
        };
    }

    /** Days in one day or week unit, or null. */
    public static Integer days(String unit) {
        return switch (unit) {
            case "day", "days", "d" -> 1;
            case "week", "weeks", "w" -> 7;
            default -> null;
        };
    }

    /** Months in one unit from month to century, or null. */
    public static Integer months(String unit) {
        return switch (unit) {
            case "month", "months", "mon", "mons" -> 1;
            case "year", "years", "y", "yr", "yrs" -> 12;
            case "decade", "decades" -> 120;
            case "century", "centuries" -> 1200;
            default -> null;
        };
    }
}
