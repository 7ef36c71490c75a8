package dev.basalt.engine.stats;

import dev.basalt.engine.json.Json;

import java.util.List;
import java.util.Map;

/**
 * A column histogram as MySQL 8 keeps it in its data dictionary: the JSON document
 * information_schema.COLUMN_STATISTICS.HISTOGRAM shows, and the buckets the planner reads for
 * the selectivity of a condition on a column without an index (see
 * {@code dev.basalt.engine.plan.stats.Selectivity}).
 *
 * <p>Bucket values are kept as comparable keys ({@link HistogramValues}): numbers as doubles,
 * strings and temporal values as text. A singleton bucket is {@code [value, cumulative
 * frequency]}; an equi-height bucket is {@code [lower, upper, cumulative frequency, distinct
 * values]}. Frequencies are fractions of all rows, NULLs included.
 *
 * @param json the document, as stored and shown
 */
public record Histogram(String column, String json, String dataType, boolean singleton, List<Bucket> buckets,
                        double nullValues) {

    /** One bucket; for a singleton bucket lower == upper and distinct == 1. */
    public record Bucket(Comparable<Object> lower, Comparable<Object> upper, double cumulative, long distinct) {}

    /** Rebuilds the model from the stored document. */
    static Histogram fromJson(String column, String json) {
        Map<?, ?> doc = (Map<?, ?>) Json.parse(json);
        boolean singleton = "singleton".equals(doc.get("histogram-type"));
        String dataType = (String) doc.get("data-type");
        List<Bucket> buckets = new java.util.ArrayList<>();
        for (Object o : (List<?>) doc.get("buckets")) {
            List<?> b = (List<?>) o;
            if (singleton) {
                Comparable<Object> v = HistogramValues.key(dataType, b.get(0));
                buckets.add(new Bucket(v, v, number(b.get(1)), 1));
            } else {
                buckets.add(new Bucket(HistogramValues.key(dataType, b.get(0)), HistogramValues.key(dataType, b.get(1)),
                        number(b.get(2)), (long) number(b.get(3))));
            }
        }
        return new Histogram(column, json, dataType, singleton, List.copyOf(buckets), number(doc.get("null-values")));
    }

    private static double number(Object o) { return o instanceof Number n ? n.doubleValue() : 0; }

    /** The key of a SQL constant compared with the column, or null when it cannot be compared with the buckets. */
    public Comparable<Object> key(Object sqlValue) { return HistogramValues.keyOf(dataType, sqlValue); }

    /** Fraction of rows equal to {@code v} (a comparable key). */
    public double equalTo(Comparable<Object> v) {
        double before = 0;
        for (Bucket b : buckets) {
            double freq = b.cumulative() - before;
            if (v.compareTo(b.lower()) >= 0 && v.compareTo(b.upper()) <= 0) {
                return singleton ? freq : freq / Math.max(1, b.distinct());
            }
            before = b.cumulative();
        }
        return 0;
    }

    /** Fraction of rows below {@code v} ({@code inclusive}: at or below). */
    public double below(Comparable<Object> v, boolean inclusive) {
        double before = 0;
        for (Bucket b : buckets) {
            int lo = v.compareTo(b.lower());
            if (lo < 0 || lo == 0 && !inclusive && singleton) return before;
            int hi = v.compareTo(b.upper());
            if (hi > 0 || hi == 0 && inclusive) {
                before = b.cumulative();
                continue;
            }
            // inside an equi-height bucket: assume its values are spread evenly
            double share = HistogramValues.position(b.lower(), b.upper(), v);
            return before + (b.cumulative() - before) * share;
        }
        return before;
    }

    /** Fraction of rows that are not NULL. */
    public double nonNull() { return Math.max(0, 1 - nullValues); }
}
