package dev.basalt.engine.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Comparator;

/**
 * MySQL's comparison rules, the ORDER BY comparator and GROUP BY keys.
 * <ul>
 *   <li>both character strings: compare under the collation (binary if either side is _bin)</li>
 *   <li>a binary string on either side (with a string): byte comparison</li>
 *   <li>both temporal, or temporal vs string: compare as temporal values (the string parsed)</li>
 *   <li>both integer: integer comparison (signed/unsigned aware)</li>
 *   <li>both exact (integer/DECIMAL): DECIMAL comparison</li>
 *   <li>anything else (number vs string, DOUBLE involved): DOUBLE comparison</li>
 * </ul>
 */
public final class Values {
    private Values() {}

    /** The comparison family chosen for a pair of operand types. */
    public enum CompareAs { STRING, BINARY, TEMPORAL, INTEGER, DECIMAL, DOUBLE }

    public static CompareAs compareAs(SqlType ta, SqlType tb) {
        TypeKind a = ta.kind(), b = tb.kind();
        if (a == TypeKind.NULL_TYPE) a = b;
        if (b == TypeKind.NULL_TYPE) b = a;
        boolean sa = a.isString() || a == TypeKind.NULL_TYPE, sb = b.isString() || b == TypeKind.NULL_TYPE;
        boolean ba = a.isBinary(), bb = b.isBinary();
        if ((sa || ba) && (sb || bb)) return (ba || bb) ? CompareAs.BINARY : CompareAs.STRING;
        if (a.isTemporal() && (b.isTemporal() || sb || bb)) return CompareAs.TEMPORAL;
        if (b.isTemporal() && (sa || ba)) return CompareAs.TEMPORAL;
        boolean ia = a.isInteger(), ib = b.isInteger();
        if (ia && ib) return CompareAs.INTEGER;
        boolean ea = ia || a == TypeKind.DECIMAL, eb = ib || b == TypeKind.DECIMAL;
        if (ea && eb) return CompareAs.DECIMAL;
        return CompareAs.DOUBLE;
    }

    /** A comparator for non-null values of the two types (a of ta, b of tb). */
    public static ValueComparator comparator(SqlType ta, SqlType tb) {
        if (ta.kind() == TypeKind.JSON || tb.kind() == TypeKind.JSON) return dev.basalt.engine.json.JsonCompare.comparator(ta, tb);
        if (ta.kind() == TypeKind.ARRAY || tb.kind() == TypeKind.ARRAY) return arrayComparator(ta, tb);
        if (ta.kind() == TypeKind.INTERVAL || tb.kind() == TypeKind.INTERVAL) {
            return (x, y) -> IntervalText.of(x).compareTo(IntervalText.of(y));
        }
        return switch (compareAs(ta, tb)) {
            case STRING -> {
                Collation c = pickCollation(ta, tb);
                yield c == Collation.BINARY ? (x, y) -> binaryString(x).compareTo(binaryString(y))
                        : (x, y) -> c.compare(asString(x), asString(y));
            }
            case BINARY -> (x, y) -> Arrays.compareUnsigned(asBytes(x), asBytes(y));
            case TEMPORAL -> Values::compareTemporal;
            case INTEGER -> Values::compareIntegers;
            case DECIMAL -> (x, y) -> Numbers.toDecimal(x).compareTo(Numbers.toDecimal(y));
            case DOUBLE -> (x, y) -> Double.compare(Numbers.toDouble(x) + 0.0, Numbers.toDouble(y) + 0.0);
        };
    }

    /** Compares two non-null values under MySQL's rules for their types. */
    public static int compare(Object a, SqlType ta, Object b, SqlType tb) {
        return comparator(ta, tb).compare(a, b);
    }

    /**
     * Collation of a comparison: binary wins, then a collation other than the default (an explicit
     * COLLATE or a column's own, which outrank a literal's in MySQL's coercibility rules), then the left side's.
     */
    public static Collation pickCollation(SqlType ta, SqlType tb) {
        Collation a = ta.collation(), b = tb.collation();
        if (a == Collation.BINARY || b == Collation.BINARY) return Collation.BINARY;
        if ((a == null || a == Collation.DEFAULT) && b != null && b != Collation.DEFAULT) return b;
        return a != null ? a : b != null ? b : Collation.DEFAULT;
    }

    /** ORDER BY comparator for one column type, NULLs first (as MySQL sorts ascending). */
    public static Comparator<Object> orderComparator(SqlType t) {
        if (t.kind() == TypeKind.ENUM && !t.values().isEmpty()) {
            // ENUM sorts by member position, not by text
            java.util.Map<String, Integer> position = new java.util.HashMap<>();
            for (int i = 0; i < t.values().size(); i++) position.putIfAbsent(t.values().get(i).toLowerCase(java.util.Locale.ROOT), i + 1);
            Comparator<Object> byIndex = Comparator.comparingInt(v -> position.getOrDefault(v.toString().toLowerCase(java.util.Locale.ROOT), 0));
            return (x, y) -> x == null ? (y == null ? 0 : -1) : y == null ? 1 : byIndex.compare(x, y);
        }
        ValueComparator c = comparator(t, t);
        return (x, y) -> x == null ? (y == null ? 0 : -1) : y == null ? 1 : c.compare(x, y);
    }

    /**
     * A key whose equals/hashCode match SQL equality for values of type t: strings by collation
     * sort key, DECIMALs by numeric value (1.0 = 1.00), -0.0 = 0.0. NULL maps to
     * {@link GroupKeys#NULL_KEY}.
     */
    public static Object groupKey(Object v, SqlType t) {
        if (v == null) return GroupKeys.NULL_KEY;
        return switch (v) {
            case String s -> {
                if (t.kind() == TypeKind.JSON) yield dev.basalt.engine.json.JsonCompare.groupKey(s); // JSON equality
                if (t.kind().isBinary()) yield new GroupKeys.Bytes(SqlText.toBytes(s)); // BINARY x: byte equality
                Collation c = t.collation() == null ? Collation.DEFAULT : t.collation();
                yield c == Collation.BINARY ? s : new GroupKeys.Bytes(c.sortKey(s));
            }
            case byte[] b -> new GroupKeys.Bytes(b);
            case BigDecimal d -> {
                if (d.signum() == 0) yield 0L;
                BigDecimal n = d.stripTrailingZeros();
                if (n.scale() <= 0 && n.precision() - n.scale() < 19) yield n.longValueExact();
                yield n;
            }
            case Double d -> d == 0.0 ? 0.0 : d;
            default -> v;
        };
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** Arrays compare as PostgreSQL's do; a string on the other side is read as an array literal. */
    private static ValueComparator arrayComparator(SqlType ta, SqlType tb) {
        ArrayElement e = (ta.kind() == TypeKind.ARRAY ? ta : tb).arrayElement();
        return (x, y) -> ArrayText.of(x, e).compareTo(ArrayText.of(y, e));
    }

    static int compareIntegers(Object x, Object y) {
        if (x instanceof Long a && y instanceof Long b) return Long.compare(a, b);
        return toBigInteger(x).compareTo(toBigInteger(y));
    }

    static BigInteger toBigInteger(Object v) {
        return switch (v) {
            case Long l -> BigInteger.valueOf(l);
            case BigInteger b -> b;
            default -> Numbers.toDecimal(v).toBigInteger();
        };
    }

    static int compareTemporal(Object x, Object y) {
        if (x instanceof Duration a && y instanceof Duration b) return a.compareTo(b);
        if (x instanceof Duration a && y instanceof String s) {
            Duration b = Temporals.parseTime(s);
            return b == null ? Double.compare(Numbers.toDouble(Temporals.toNumber(a)), Numbers.parseDouble(s)) : a.compareTo(b);
        }
        if (y instanceof Duration b && x instanceof String s) return -compareTemporal(b, s);
        LocalDate today = LocalDate.now();
        LocalDateTime a = asDateTime(x, today), b = asDateTime(y, today);
        if (a == null || b == null) return Double.compare(Numbers.toDouble(x), Numbers.toDouble(y));
        return a.compareTo(b);
    }

    private static LocalDateTime asDateTime(Object v, LocalDate today) {
        return switch (v) {
            case String s -> Temporals.parseDateTime(s);
            case byte[] b -> Temporals.parseDateTime(new String(b, StandardCharsets.ISO_8859_1));
            case Long l -> Temporals.fromNumber(l);
            default -> Temporals.toDateTime(v, today);
        };
    }

    static String asString(Object v) {
        return switch (v) {
            case String s -> s;
            case byte[] b -> new String(b, StandardCharsets.UTF_8);
            default -> ValueText.toText(v, null);
        };
    }

    /** UTF-8 order equals code point order; String.compareTo is UTF-16 order, so fix surrogates. */
    private static String binaryString(Object v) { return asString(v); }

    static byte[] asBytes(Object v) {
        return switch (v) {
            case byte[] b -> b;
            case String s -> SqlText.toBytes(s);
            default -> ValueText.toText(v, null).getBytes(StandardCharsets.UTF_8);
        };
    }
}
