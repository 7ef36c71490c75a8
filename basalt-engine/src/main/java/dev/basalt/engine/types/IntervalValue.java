package dev.basalt.engine.types;

/**
 * PostgreSQL's interval (issue 10, the PostgreSQL port's {@code interval} values): months, days and
 * microseconds kept apart, as PostgreSQL keeps them, because a month and a day have no fixed
 * length. {@link #toString()} is PostgreSQL's default output style ({@code 1 year 2 mons 3 days
 * 04:05:06.5}). Equality and order compare the total with a month of 30 days and a day of 24
 * hours, as PostgreSQL does ({@code '1 day' = '24 hours'}).
 */
public record IntervalValue(int months, int days, long micros) implements Comparable<IntervalValue> {

    private static final long DAY_MICROS = 86_400_000_000L;

    /** The interval between two timestamps ({@code a - b}): days and time, both with the sign of the difference. */
    public static IntervalValue between(java.time.LocalDateTime a, java.time.LocalDateTime b) {
        long total = java.time.temporal.ChronoUnit.MICROS.between(b, a);
        return new IntervalValue(0, (int) (total / DAY_MICROS), total % DAY_MICROS);
    }

    /** The total in microseconds, a month counted as 30 days. */
    private java.math.BigInteger total() {
        return java.math.BigInteger.valueOf(months * 30L + days).multiply(java.math.BigInteger.valueOf(DAY_MICROS))
                .add(java.math.BigInteger.valueOf(micros));
    }

    @Override
    public int compareTo(IntervalValue o) { return total().compareTo(o.total()); }

    @Override
    public boolean equals(Object o) { return o instanceof IntervalValue i && compareTo(i) == 0; }

    @Override
    public int hashCode() { return total().hashCode(); }

    @Override
    public String toString() { return IntervalText.format(this); }
}
