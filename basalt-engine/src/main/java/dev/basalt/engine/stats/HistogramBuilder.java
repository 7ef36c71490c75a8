package dev.basalt.engine.stats;

import dev.basalt.engine.json.Json;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import dev.basalt.engine.types.Values;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Builds a histogram from a column's values as MySQL 8 does: a singleton histogram (one bucket
 * per distinct value) when the distinct values fit the requested bucket count, otherwise an
 * equi-height one whose buckets hold about the same number of rows and never split a value.
 */
public final class HistogramBuilder {
    private HistogramBuilder() {}

    private static final DateTimeFormatter UPDATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    /** MySQL's "data-type" of a column, or null when histograms are not supported for it (JSON, spatial). */
    public static String dataType(SqlType t) {
        TypeKind k = t.kind();
        if (k == TypeKind.JSON || k.isSpatial()) return null;
        if (k.isInteger() || k == TypeKind.BIT || k == TypeKind.YEAR) return t.unsigned() && k == TypeKind.BIGINT ? "uint" : "int";
        if (k.isApproximate()) return "double";
        return switch (k) {
            case DECIMAL -> "decimal";
            case DATE -> "date";
            case DATETIME, TIMESTAMP -> "datetime";
            case TIME -> "time";
            case ENUM -> "enum";
            case SET -> "set";
            default -> "string";
        };
    }

    /**
     * @param values     the column's values, NULLs included, one per row read
     * @param buckets    requested bucket count (1..1024)
     * @param collationId MySQL's id of the column's collation (8 for non-strings, as MySQL writes)
     * @param samplingRate the share of rows read
     */
    public static Histogram build(String column, SqlType type, List<Object> values, int buckets, int collationId,
                                  double samplingRate) {
        String dataType = dataType(type);
        long total = values.size();
        List<Object> present = new ArrayList<>();
        for (Object v : values) if (v != null) present.add(v);
        Comparator<Object> order = Values.orderComparator(type);
        present.sort(order);
        // distinct values and their counts, in order
        List<Object> distinct = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (Object v : present) {
            if (!distinct.isEmpty() && order.compare(distinct.getLast(), v) == 0) counts.set(counts.size() - 1, counts.getLast() + 1);
            else {
                distinct.add(v);
                counts.add(1L);
            }
        }
        List<Object> out = Json.newArray();
        boolean singleton = distinct.size() <= buckets;
        long seen = 0;
        if (singleton) {
            for (int i = 0; i < distinct.size(); i++) {
                seen += counts.get(i);
                out.add(new ArrayList<>(List.of(json(distinct.get(i), type, dataType), (double) seen / total)));
            }
        } else {
            double perBucket = (double) present.size() / buckets;
            int i = 0;
            while (i < distinct.size()) {
                int first = i;
                long inBucket = 0;
                // fill up to the target, always keeping at least one value per remaining bucket
                do {
                    inBucket += counts.get(i++);
                } while (i < distinct.size() && seen + inBucket < perBucket * (out.size() + 1)
                        && distinct.size() - i > buckets - out.size() - 1);
                seen += inBucket;
                out.add(new ArrayList<>(List.of(json(distinct.get(first), type, dataType), json(distinct.get(i - 1), type, dataType),
                        (double) seen / total, (long) (i - first))));
            }
        }
        Map<String, Object> doc = Json.newObject();
        doc.put("buckets", out);
        doc.put("data-type", dataType);
        doc.put("null-values", total == 0 ? 0.0 : (double) (total - present.size()) / total);
        doc.put("collation-id", (long) collationId);
        doc.put("last-updated", LocalDateTime.now(java.time.ZoneOffset.UTC).format(UPDATED));
        doc.put("sampling-rate", samplingRate);
        doc.put("histogram-type", singleton ? "singleton" : "equi-height");
        doc.put("number-of-buckets-specified", (long) buckets);
        return Histogram.fromJson(column, Json.print(doc));
    }

    /** A value as the histogram document writes it. */
    private static Object json(Object v, SqlType type, String dataType) {
        return switch (dataType) {
            case "int", "uint" -> v instanceof BigInteger b ? b : ((Number) v).longValue();
            case "double" -> ((Number) v).doubleValue();
            case "decimal" -> v instanceof BigDecimal d ? d : new BigDecimal(v.toString());
            case "date", "datetime", "time" -> HistogramValues.text(dataType, v);
            case "enum", "set" -> v instanceof Number n ? n.longValue() : (long) member(type, v.toString(), dataType.equals("set"));
            default -> HistogramValues.stringValue(v, fieldType(type));
        };
    }

    /** ENUM: the 1-based member index; SET: the bitmask of its members. */
    private static long member(SqlType type, String s, boolean set) {
        List<String> members = type.values();
        if (!set) {
            for (int i = 0; i < members.size(); i++) if (members.get(i).equalsIgnoreCase(s)) return i + 1;
            return 0;
        }
        long bits = 0;
        for (String part : s.split(",")) {
            for (int i = 0; i < members.size(); i++) if (members.get(i).equalsIgnoreCase(part)) bits |= 1L << i;
        }
        return bits;
    }

    /** MySQL's field type number in a string bucket: 254 CHAR/BINARY, 253 VARCHAR/VARBINARY, 252 TEXT/BLOB. */
    private static int fieldType(SqlType t) {
        return switch (t.kind()) {
            case CHAR, BINARY -> 254;
            case VARCHAR, VARBINARY -> 253;
            default -> 252;
        };
    }
}
