package dev.basalt.engine.expr;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.types.Numbers;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.Temporals;
import dev.basalt.engine.types.TypeKind;
import dev.basalt.engine.types.Types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** One assignment of a value into a column, with MySQL's strict / non-strict outcomes. */
final class ColumnAssignment {
    private final EvalContext ctx;
    private final SqlType col;
    private final String name;
    private final long row;
    private final boolean strict;

    ColumnAssignment(EvalContext ctx, SqlType col, String name, long row) {
        this.ctx = ctx;
        this.col = col;
        this.name = name;
        this.row = row;
        this.strict = ctx != null && ctx.strictMode();
    }

    Object convert(Object v, SqlType vt) {
        TypeKind k = col.kind();
        if (k == TypeKind.BIT) return toBit(v, vt);
        if (k == TypeKind.YEAR) return toYear(v);
        if (k.isInteger()) return toInteger(v);
        if (k.isSpatial()) return dev.basalt.engine.spatial.GeometryColumns.assign(v, col, name);
        if (k == TypeKind.CHAR && col.logical() == dev.basalt.engine.types.LogicalType.UUID) return toUuid(v, vt);
        return switch (k) {
            case DECIMAL -> toDecimal(v);
            case FLOAT, DOUBLE -> toApprox(v);
            case CHAR, VARCHAR, TINYTEXT, TEXT, MEDIUMTEXT, LONGTEXT -> toText(v, vt);
            case JSON -> dev.basalt.engine.json.JsonValues.toColumn(v, vt, name);
            case BINARY, VARBINARY, TINYBLOB, BLOB, MEDIUMBLOB, LONGBLOB -> toBinary(v, vt);
            case DATE -> toDate(v);
            case DATETIME, TIMESTAMP -> toDateTime(v);
            case TIME -> toTime(v);
            case ENUM -> toEnum(v, vt);
            case SET -> toSet(v, vt);
            case ARRAY -> v == null ? null : dev.basalt.engine.types.ArrayText.of(v, col.arrayElement());
            case INTERVAL -> v == null ? null : dev.basalt.engine.types.IntervalText.of(v);
            default -> v;
        };
    }

    // ---- problems ------------------------------------------------------------------------------

    private SqlException error(int code, String state, String msg) { return new SqlException(code, state, msg); }

    /** Strict: throw; otherwise warn and continue. */
    private void problem(int code, String state, String msg) {
        if (strict) throw error(code, state, msg);
        if (ctx != null) ctx.warn(code, msg);
    }

    private void outOfRange() {
        problem(1264, "22003", "Out of range value for column '" + name + "' at row " + row);
    }

    /** Strict: 1406 Data too long; non-strict: the value is cut with warning 1265. */
    private void tooLong() {
        if (strict) throw error(1406, "22001", "Data too long for column '" + name + "' at row " + row);
        if (ctx != null) ctx.warn(1265, "Data truncated for column '" + name + "' at row " + row);
    }

    private void truncated() {
        problem(1265, "01000", "Data truncated for column '" + name + "' at row " + row);
    }

    private void incorrect(String kind, String text) {
        problem(1366, "HY000", "Incorrect " + kind + " value: '" + text + "' for column '" + name + "' at row " + row);
    }

    private void note(int code, String msg) {
        if (ctx != null) ctx.warn(EvalContext.Level.NOTE, code, msg);
    }

    /**
     * A UUID column takes UUID text in any form PostgreSQL reads (or 16 bytes) and stores the
     * canonical text. Anything else is 1366 even outside strict mode: there is no UUID to cut it to.
     */
    private String toUuid(Object v, SqlType vt) {
        if (v instanceof byte[] b && b.length == 16) return dev.basalt.engine.types.UuidText.text(b);
        String s = v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : dev.basalt.engine.types.ValueText.toText(v, vt);
        String u = dev.basalt.engine.types.UuidText.canonical(s);
        if (u == null) {
            throw error(1366, "HY000", dev.basalt.engine.types.UuidText.INVALID_PREFIX + s + "' for column '" + name + "' at row " + row);
        }
        return u;
    }

    // ---- numbers -------------------------------------------------------------------------------

    /** A number from a string: the numeric prefix, with 1366 (nothing numeric) or 1265 (trailing junk). */
    private BigDecimal numberFromString(String s, String kind) {
        String t = s.trim();
        int end = Numbers.numericPrefixEnd(t, 0, true);
        if (end == 0) {
            incorrect(kind, s);
            return BigDecimal.ZERO;
        }
        if (end != t.length()) truncated();
        return Numbers.parseDecimal(t);
    }

    private Object exact(Object v, String kind) {
        return switch (v) {
            case Long l -> l;
            case BigInteger b -> b;
            case BigDecimal d -> d;
            case Double d -> d;
            case String s -> numberFromString(s, kind);
            case byte[] b -> numberFromString(new String(b, StandardCharsets.ISO_8859_1), kind);
            default -> Numbers.toDecimal(v);
        };
    }

    private Object toInteger(Object v) {
        Object n = exact(v, "integer");
        BigInteger bi;
        switch (n) {
            case Long l -> { return checkIntRange(l); }
            case BigInteger b -> bi = b;
            case BigDecimal d -> bi = d.setScale(0, RoundingMode.HALF_UP).toBigInteger();
            case Double d -> {
                if (Double.isNaN(d)) { outOfRange(); return 0L; }
                bi = new BigDecimal(Math.rint(d)).toBigInteger();
            }
            default -> bi = BigInteger.ZERO;
        }
        if (bi.bitLength() < 64) return checkIntRange(bi.longValue());
        BigInteger max = col.unsigned() && col.kind() == TypeKind.BIGINT ? Numbers.ULONG_MAX : BigInteger.valueOf(Types.integerMax(col));
        BigInteger min = BigInteger.valueOf(Types.integerMin(col));
        if (bi.compareTo(max) > 0) { outOfRange(); return Numbers.normalize(max); }
        if (bi.compareTo(min) < 0) { outOfRange(); return Types.integerMin(col); }
        return Numbers.normalize(bi);
    }

    private Object checkIntRange(long l) {
        long min = Types.integerMin(col);
        if (col.unsigned() && col.kind() == TypeKind.BIGINT) {
            if (l < 0) { outOfRange(); return 0L; }
            return l;
        }
        long max = Types.integerMax(col);
        if (l < min) { outOfRange(); return min; }
        if (l > max) { outOfRange(); return max; }
        return l;
    }

    private Object toYear(Object v) {
        if (v instanceof String s) {
            String t = s.trim();
            Object n = exact(s, "integer");
            long y = Coercion.toLong(null, n);
            if (t.length() <= 2 && y >= 0 && y <= 99) return y < 70 ? 2000 + y : 1900 + y;
            return yearRange(y);
        }
        if (v instanceof LocalDate d) return (long) d.getYear();
        if (v instanceof LocalDateTime t) return (long) t.getYear();
        long y = Coercion.toLong(null, exact(v, "integer"));
        if (y == 0) return 0L;
        if (y >= 1 && y <= 69) return 2000 + y;
        if (y >= 70 && y <= 99) return 1900 + y;
        return yearRange(y);
    }

    private long yearRange(long y) {
        if (y == 0 || (y >= 1901 && y <= 2155)) return y;
        outOfRange();
        return 0;
    }

    /**
     * A value for a BIT column, as MySQL's Field_bit: a string (binary or not) gives its bytes, big
     * end first (mariadb-dump writes BIT values as such string literals); a number its bits. More
     * bits than the column holds: 1406 in strict mode, else the column's largest value with 1264.
     */
    private Object toBit(Object v, SqlType vt) {
        Long bits = switch (v) {
            case byte[] b -> bitsOf(b);
            case String s -> bitsOf(Coercion.toBytes(s, vt));
            default -> Coercion.toLong(null, v);
        };
        int width = Math.max(col.length(), 1);
        if (bits == null || width < 64 && (bits >>> width) != 0) {
            if (strict) throw error(1406, "22001", "Data too long for column '" + name + "' at row " + row);
            if (ctx != null) ctx.warn(1264, "Out of range value for column '" + name + "' at row " + row);
            return width >= 64 ? -1L : (1L << width) - 1;
        }
        return bits;
    }

    /** A binary string's bytes as big-endian bits (leading zero bytes ignored), or null beyond 64 bits. */
    private static Long bitsOf(byte[] b) {
        int i = 0;
        while (i < b.length && b[i] == 0) i++;
        if (b.length - i > 8) return null;
        long bits = 0;
        for (; i < b.length; i++) bits = bits << 8 | (b[i] & 0xFF);
        return bits;
    }

    private Object toDecimal(Object v) {
        Object n = exact(v, "decimal");
        BigDecimal d = switch (n) {
            case BigDecimal x -> x;
            case Double x -> Double.isNaN(x) || Double.isInfinite(x) ? null : new BigDecimal(Double.toString(x));
            default -> Numbers.toDecimal(n);
        };
        int p = col.precision() <= 0 ? 10 : col.precision(), s = Math.max(col.scale(), 0);
        BigDecimal max = BigDecimal.TEN.pow(p - s).subtract(BigDecimal.ONE.movePointLeft(s));
        if (d == null) { outOfRange(); return max; }
        BigDecimal r = d.setScale(s, RoundingMode.HALF_UP);
        if (col.unsigned() && r.signum() < 0) { outOfRange(); return BigDecimal.ZERO.setScale(s); }
        if (r.abs().compareTo(max) > 0) {
            outOfRange();
            return r.signum() < 0 ? max.negate() : max;
        }
        if (r.compareTo(d) != 0) note(1265, "Data truncated for column '" + name + "' at row " + row);
        return r;
    }

    private Object toApprox(Object v) {
        double d = switch (v) {
            case String s -> numberFromString(s, "double").doubleValue();
            case byte[] b -> numberFromString(new String(b, StandardCharsets.ISO_8859_1), "double").doubleValue();
            default -> Numbers.toDouble(v);
        };
        if (Double.isNaN(d) || Double.isInfinite(d)) { outOfRange(); return 0.0; }
        if (col.unsigned() && d < 0) { outOfRange(); return 0.0; }
        if (col.kind() == TypeKind.FLOAT) {
            if (Math.abs(d) > Float.MAX_VALUE) {
                outOfRange();
                return (double) (d < 0 ? -Float.MAX_VALUE : Float.MAX_VALUE);
            }
            d = (float) d;
        }
        if (col.precision() > 0 && col.scale() >= 0 && col.kind() != TypeKind.FLOAT) {
            BigDecimal r = new BigDecimal(Double.toString(d)).setScale(col.scale(), RoundingMode.HALF_UP);
            d = r.doubleValue();
        }
        return d;
    }

    // ---- strings -------------------------------------------------------------------------------

    private static long maxChars(SqlType t) {
        return switch (t.kind()) {
            case CHAR, VARCHAR -> t.length();
            case TINYTEXT -> 255;
            case TEXT -> 65535;
            case MEDIUMTEXT -> 16777215;
            default -> Integer.MAX_VALUE;
        };
    }

    private Object toText(Object v, SqlType vt) {
        // raw bytes keep invalid sequences visible (as escapes) instead of turning them into U+FFFD
        String s = v instanceof byte[] b ? dev.basalt.engine.types.SqlText.decode(b, 0, b.length) : Coercion.toText(v, vt);
        s = checkUtf8(s);
        long max = maxChars(col);
        boolean lob = col.kind().isLob();
        long len = lob ? utf8Length(s) : s.codePointCount(0, s.length());
        if (len > max) {
            // excess trailing spaces are cut silently (a note in MySQL), anything else is an error
            String cut = lob ? cutBytes(s, (int) max) : s.substring(0, s.offsetByCodePoints(0, (int) max));
            if (s.substring(cut.length()).isBlank() && !lob) {
                note(1265, "Data truncated for column '" + name + "' at row " + row);
                return col.kind() == TypeKind.CHAR ? stripTrailingSpaces(cut) : cut;
            }
            tooLong();
            s = cut;
        }
        if (col.kind() == TypeKind.CHAR) s = stripTrailingSpaces(s);
        return s;
    }

    /** Bytes that are not UTF-8, for a utf8/utf8mb4 column: 1366 (strict), else '?' each with a warning. */
    private String checkUtf8(String s) {
        if (col.collation() == null || !col.collation().name().startsWith("utf8")) return s;
        int bad = dev.basalt.engine.types.InvalidUtf8.firstInvalid(s);
        if (bad < 0) return s;
        incorrect("string", dev.basalt.engine.types.InvalidUtf8.quoted(s, bad));
        return dev.basalt.engine.types.InvalidUtf8.replaced(s);
    }

    private static String stripTrailingSpaces(String s) {
        int e = s.length();
        while (e > 0 && s.charAt(e - 1) == ' ') e--;
        return s.substring(0, e);
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) n++;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c)) { n += 4; i++; }
            else n += 3;
        }
        return n;
    }

    private static String cutBytes(String s, int maxBytes) {
        long n = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int b = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (n + b > maxBytes) break;
            n += b;
            i += Character.charCount(cp);
        }
        return s.substring(0, i);
    }

    private Object toBinary(Object v, SqlType vt) {
        byte[] b = Coercion.toBytes(v, vt);
        long max = switch (col.kind()) {
            case BINARY, VARBINARY -> col.length();
            case TINYBLOB -> 255;
            case BLOB -> 65535;
            case MEDIUMBLOB -> 16777215;
            default -> Integer.MAX_VALUE;
        };
        if (b.length > max) {
            tooLong();
            b = Arrays.copyOf(b, (int) max);
        }
        if (col.kind() == TypeKind.BINARY && b.length < col.length()) b = Arrays.copyOf(b, col.length());
        return b;
    }

    // ---- temporal ------------------------------------------------------------------------------

    private Object badTemporal(String kind, Object v) {
        String text = v instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) : Coercion.toText(v, null);
        String msg = "Incorrect " + kind + " value: '" + text + "' for column '" + name + "' at row " + row;
        if (strict) throw error(1292, "22007", msg);
        if (ctx != null) ctx.warn(1265, "Data truncated for column '" + name + "' at row " + row);
        // a zero date cannot be represented; non-strict stores NULL instead of '0000-00-00'
        return null;
    }

    private Object toDate(Object v) {
        LocalDateTime t = temporalValue(v);
        if (t == null) return badTemporal("date", v);
        if (!(v instanceof LocalDate) && t.toLocalTime().toNanoOfDay() != 0 && !(v instanceof String)) {
            note(1265, "Data truncated for column '" + name + "' at row " + row);
        }
        return t.toLocalDate();
    }

    private Object toDateTime(Object v) {
        LocalDateTime t = temporalValue(v);
        if (t == null) return badTemporal("datetime", v);
        return roundFraction(t, Math.max(col.scale(), 0));
    }

    private LocalDateTime roundFraction(LocalDateTime t, int fsp) {
        int nanos = t.getNano();
        if (nanos == 0) return t;
        long unit = (long) Math.pow(10, 9 - fsp);
        long kept = (nanos / unit) * unit;
        boolean truncate = ctx != null && ctx.sqlMode(SqlMode.TIME_TRUNCATE_FRACTIONAL);
        LocalDateTime r = t.withNano((int) kept);
        if (!truncate && nanos - kept >= unit / 2) r = r.plusNanos(unit);
        return r;
    }

    private LocalDateTime temporalValue(Object v) {
        return switch (v) {
            case LocalDateTime t -> t;
            case LocalDate d -> d.atStartOfDay();
            case Duration d -> (ctx == null ? LocalDate.now() : ctx.statementStart().toLocalDate()).atStartOfDay().plus(d);
            case String s -> Temporals.parseDateTime(s);
            case byte[] b -> Temporals.parseDateTime(new String(b, StandardCharsets.ISO_8859_1));
            case Long l -> Temporals.fromNumber(l);
            case BigDecimal d -> d.signum() > 0 ? Coercion.toDateTime(null, d) : null;
            case Double d -> d > 0 ? Coercion.toDateTime(null, BigDecimal.valueOf(d)) : null;
            default -> null;
        };
    }

    private Object toTime(Object v) {
        Duration d = switch (v) {
            case Duration x -> x;
            case LocalDateTime t -> Duration.ofNanos(t.toLocalTime().toNanoOfDay());
            case String s -> Coercion.toTime(null, s);
            case Long l -> Temporals.parseTime(Long.toString(l));
            case BigDecimal x -> Temporals.parseTime(x.toPlainString());
            case Double x -> Temporals.parseTime(BigDecimal.valueOf(x).toPlainString());
            default -> null;
        };
        if (d == null) return badTemporal("time", v);
        if (d.abs().compareTo(Temporals.TIME_MAX) > 0) {
            problem(1292, "22007", "Incorrect time value: '" + Coercion.toText(v, null) + "' for column '" + name + "' at row " + row);
            d = d.isNegative() ? Temporals.TIME_MAX.negated() : Temporals.TIME_MAX;
        }
        int fsp = Math.max(col.scale(), 0);
        long unit = (long) Math.pow(10, 9 - fsp);
        long nanos = d.getNano();
        long kept = (nanos / unit) * unit;
        Duration r = d.minusNanos(nanos - kept);
        if (nanos - kept >= unit / 2 && !(ctx != null && ctx.sqlMode(SqlMode.TIME_TRUNCATE_FRACTIONAL))) r = r.plusNanos(unit);
        return r;
    }

    // ---- ENUM / SET ----------------------------------------------------------------------------

    private Object toEnum(Object v, SqlType vt) {
        List<String> members = col.values();
        if (v instanceof Long || v instanceof BigDecimal || v instanceof Double || v instanceof BigInteger) {
            long idx = Coercion.toLong(null, v);
            if (idx >= 1 && idx <= members.size()) return members.get((int) idx - 1);
            if (idx == 0 && !strict) { truncated(); return ""; }
            truncated();
            return "";
        }
        String s = Coercion.toText(v, vt);
        String key = stripTrailingSpaces(s);
        for (String m : members) if (m.equalsIgnoreCase(key)) return m;
        truncated();
        return "";
    }

    private Object toSet(Object v, SqlType vt) {
        List<String> members = col.values();
        if (v instanceof Long || v instanceof BigInteger) {
            long mask = Coercion.toLong(null, v);
            if (members.size() < 64 && (mask >>> members.size()) != 0) truncated();
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < members.size(); i++) {
                if ((mask & (1L << i)) != 0) { if (!sb.isEmpty()) sb.append(','); sb.append(members.get(i)); }
            }
            return sb.toString();
        }
        String s = Coercion.toText(v, vt);
        if (s.isEmpty()) return "";
        boolean[] present = new boolean[members.size()];
        boolean bad = false;
        for (String part : s.split(",", -1)) {
            int found = -1;
            for (int i = 0; i < members.size(); i++) {
                if (members.get(i).toLowerCase(Locale.ROOT).equals(part.toLowerCase(Locale.ROOT))) { found = i; break; }
            }
            if (found < 0) bad = true; else present[found] = true;
        }
        if (bad) truncated();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < members.size(); i++) if (present[i]) { if (!sb.isEmpty()) sb.append(','); sb.append(members.get(i)); }
        return sb.toString();
    }
}
