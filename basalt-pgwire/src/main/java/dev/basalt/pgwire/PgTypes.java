package dev.basalt.pgwire;

import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import dev.basalt.engine.types.UuidText;
import dev.basalt.engine.types.ValueText;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Basalt's (MySQL's) column types as PostgreSQL type OIDs, and values in PostgreSQL's text and
 * binary formats. The mapping is documented in docs/postgres.md.
 */
final class PgTypes {
    static final int BOOL = 16, BYTEA = 17, INT8 = 20, INT2 = 21, INT4 = 23, TEXT = 25, JSON = 114,
            FLOAT4 = 700, FLOAT8 = 701, UNKNOWN = 705, BPCHAR = 1042, VARCHAR = 1043, DATE = 1082, TIME = 1083,
            TIMESTAMP = 1114, TIMESTAMPTZ = 1184, NUMERIC = 1700, INTERVAL = 1186, UUID = 2950, JSONB = 3802;

    private static final Pattern DATE_TIME_WITH_ZONE = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}(?:[ T]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)?) ?(?:[+-]\\d{2}(?::?\\d{2}){0,2}|Z)");
    private static final LocalDate PG_EPOCH = LocalDate.of(2000, 1, 1);
    private static final LocalDateTime PG_EPOCH_TIME = PG_EPOCH.atStartOfDay();

    private PgTypes() {}

    static int oid(SqlType type) {
        // comparisons, AND/OR/NOT, IS, LIKE, EXISTS and TRUE/FALSE share one BIGINT(1) instance: PostgreSQL's bool
        if (type == dev.basalt.engine.types.Types.BOOL_RESULT) return BOOL;
        // the engine's logical types: a CHAR(36) of canonical UUID text, a JSON declared as binary JSON
        if (type.logical() != null) {
            return switch (type.logical()) {
                case UUID -> UUID;
                case BINARY_JSON -> JSONB;
            };
        }
        TypeKind k = type.kind();
        return switch (k) {
            case TINYINT -> type.length() == 1 && !type.unsigned() ? BOOL : INT2;
            case SMALLINT -> type.unsigned() ? INT4 : INT2;
            case YEAR -> INT2;
            case MEDIUMINT -> INT4;
            case INT -> type.unsigned() ? INT8 : INT4;
            case BIGINT -> type.unsigned() ? NUMERIC : INT8;
            case BIT -> INT8;
            case DECIMAL -> NUMERIC;
            case FLOAT -> FLOAT4;
            case DOUBLE -> FLOAT8;
            case CHAR, VARCHAR, ENUM, SET -> VARCHAR;
            case TINYTEXT, TEXT, MEDIUMTEXT, LONGTEXT, NULL_TYPE -> TEXT;
            case JSON -> JSON;
            case DATE -> DATE;
            case TIME -> TIME;
            case DATETIME -> TIMESTAMP;
            // MySQL's TIMESTAMP (an instant shown in the session's zone; the dialect's timestamptz) is PostgreSQL's timestamptz
            case TIMESTAMP -> TIMESTAMPTZ;
            case ARRAY -> PgArrayTypes.of(type.arrayElement()).arrayOid();
            case INTERVAL -> INTERVAL;
            default -> BYTEA; // binary strings and geometry
        };
    }

    /** pg_type.typlen for RowDescription: fixed sizes, -1 for variable ones. */
    static int size(int oid) {
        return switch (oid) {
            case BOOL -> 1;
            case INT2 -> 2;
            case INT4, FLOAT4, DATE -> 4;
            case INT8, FLOAT8, TIME, TIMESTAMP, TIMESTAMPTZ -> 8;
            case INTERVAL, UUID -> 16;
            default -> -1;
        };
    }

    /** Whether we can send this type in binary; others always go as text (the client asked, we say format 0). */
    static boolean hasBinary(int oid) {
        return switch (oid) {
            case BOOL, BYTEA, INT8, INT2, INT4, TEXT, VARCHAR, BPCHAR, JSON, FLOAT4, FLOAT8, DATE, TIME, TIMESTAMP,
                 TIMESTAMPTZ, NUMERIC, INTERVAL, UUID, JSONB -> true;
            default -> PgArrayTypes.isArray(oid);
        };
    }

    /** The value in PostgreSQL's text format. */
    static byte[] text(Object value, SqlType type, int oid) {
        String s = switch (oid) {
            case BOOL -> truth(value) ? "t" : "f";
            case BYTEA -> hex(value instanceof byte[] b ? b : ValueText.toText(value, type).getBytes(StandardCharsets.UTF_8));
            case TIMESTAMP -> value instanceof LocalDateTime t ? timestamp(t) : ValueText.toText(value, type);
            case FLOAT4, FLOAT8 -> floatText(value, type);
            default -> ValueText.toText(value, type);
        };
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The value in PostgreSQL's binary format for {@code oid} (callers check {@link #hasBinary}). */
    static byte[] binary(Object value, SqlType type, int oid) {
        return switch (oid) {
            case BOOL -> new byte[] {(byte) (truth(value) ? 1 : 0)};
            case INT2 -> ByteBuffer.allocate(2).putShort((short) number(value).longValue()).array();
            case INT4 -> ByteBuffer.allocate(4).putInt((int) number(value).longValue()).array();
            case INT8 -> ByteBuffer.allocate(8).putLong(number(value).longValue()).array();
            case FLOAT4 -> ByteBuffer.allocate(4).putFloat(number(value).floatValue()).array();
            case FLOAT8 -> ByteBuffer.allocate(8).putDouble(number(value).doubleValue()).array();
            case BYTEA -> value instanceof byte[] b ? b : text(value, type, TEXT);
            case DATE -> ByteBuffer.allocate(4).putInt((int) ChronoUnit.DAYS.between(PG_EPOCH, (LocalDate) value)).array();
            case TIMESTAMP -> ByteBuffer.allocate(8).putLong(ChronoUnit.MICROS.between(PG_EPOCH_TIME, (LocalDateTime) value)).array();
            case TIME -> ByteBuffer.allocate(8).putLong(((Duration) value).toNanos() / 1000).array();
            case NUMERIC -> PgNumeric.encode(value instanceof BigDecimal d ? d : new BigDecimal(value.toString()));
            // uuid_send: the 16 bytes; jsonb_send: format version 1, then the text
            case UUID -> uuidBytes(value);
            case JSONB -> {
                byte[] t = ValueText.toText(value, type).getBytes(StandardCharsets.UTF_8);
                byte[] out = new byte[t.length + 1];
                out[0] = 1;
                System.arraycopy(t, 0, out, 1, t.length);
                yield out;
            }
            case INTERVAL -> {
                // int8 microseconds, int4 days, int4 months
                dev.basalt.engine.types.IntervalValue i = dev.basalt.engine.types.IntervalText.of(value);
                yield ByteBuffer.allocate(16).putLong(i.micros()).putInt(i.days()).putInt(i.months()).array();
            }
            default -> PgArrayTypes.isArray(oid) ? PgArrayTypes.binary(dev.basalt.engine.types.ArrayText.of(value,
                    PgArrayTypes.ofArrayOid(oid).element())) : text(value, type, oid);
        };
    }

    /** A Bind parameter as the engine's Java value: typed when the client said the type, text otherwise. */
    static Object parameter(byte[] raw, int oid, boolean binary) throws MalformedMessageException {
        return parameter(raw, oid, binary, null);
    }

    /**
     * As {@link #parameter(byte[], int, boolean)}; {@code zone} is the session's time zone, where a
     * parameter typed timestamptz (an instant: binary microseconds since 2000-01-01 UTC, or text with
     * an offset) becomes the engine's TIMESTAMP value, a local date-time in that zone (null: UTC).
     */
    static Object parameter(byte[] raw, int oid, boolean binary, java.time.ZoneId zone) throws MalformedMessageException {
        if (raw == null) return null;
        if (oid == TIMESTAMPTZ && zone != null) {
            Object v = parameter(raw, oid, binary, null);
            if (binary && v instanceof LocalDateTime utc) return utc.atOffset(java.time.ZoneOffset.UTC).atZoneSameInstant(zone).toLocalDateTime();
            if (!binary) return instantText(new String(raw, StandardCharsets.UTF_8).strip(), zone, v);
            return v;
        }
        if (!binary) {
            String s = new String(raw, StandardCharsets.UTF_8);
            return switch (oid) {
                case BOOL -> switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
                    case "t", "true", "yes", "on", "1", "y" -> 1L;
                    case "f", "false", "no", "off", "0", "n" -> 0L;
                    default -> s;
                };
                case BYTEA -> s.startsWith("\\x") ? unhex(s.substring(2)) : raw;
                // canonical when it is a UUID; other text is left for the engine to refuse (22P02)
                case UUID -> {
                    String u = UuidText.canonical(s);
                    yield u != null ? u : s;
                }
                // pgjdbc sends dates and timestamps untyped, with the zone offset MySQL does not read
                case 0, DATE, TIMESTAMP, TIMESTAMPTZ -> {
                    Matcher m = DATE_TIME_WITH_ZONE.matcher(s);
                    yield m.matches() ? m.group(1) : s;
                }
                default -> s;
            };
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        try {
            return switch (oid) {
                case BOOL -> raw[0] != 0 ? 1L : 0L;
                case INT2 -> (long) b.getShort();
                case INT4 -> (long) b.getInt();
                case INT8 -> b.getLong();
                case FLOAT4 -> (double) b.getFloat();
                case FLOAT8 -> b.getDouble();
                case DATE -> PG_EPOCH.plusDays(b.getInt());
                case TIMESTAMP, TIMESTAMPTZ -> PG_EPOCH_TIME.plus(b.getLong(), ChronoUnit.MICROS);
                case TIME -> Duration.ofNanos(b.getLong() * 1000);
                case NUMERIC -> PgNumeric.decode(b);
                case INTERVAL -> {
                    long micros = b.getLong();
                    int days = b.getInt();
                    yield new dev.basalt.engine.types.IntervalValue(b.getInt(), days, micros).toString();
                }
                case BYTEA -> raw;
                case UUID -> {
                    if (raw.length != 16) throw new MalformedMessageException("invalid binary value for type uuid");
                    yield UuidText.text(raw);
                }
                case JSONB -> {
                    if (raw.length == 0 || raw[0] != 1) throw new MalformedMessageException("unsupported jsonb version number");
                    yield new String(raw, 1, raw.length - 1, StandardCharsets.UTF_8);
                }
                default -> PgArrayTypes.isArray(oid) ? PgArrayTypes.fromBinary(raw) : new String(raw, StandardCharsets.UTF_8);
            };
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException | ArithmeticException e) {
            throw new MalformedMessageException("invalid binary value for type " + oid);
        }
    }

    /**
     * Text of a timestamptz parameter: with an offset ({@code +05:30}, {@code -08}, {@code Z}) it is
     * that instant in {@code zone}; without one it is already the session's local time ({@code fallback}).
     */
    private static Object instantText(String s, java.time.ZoneId zone, Object fallback) {
        Matcher m = OFFSET_SUFFIX.matcher(s);
        if (!m.matches()) return fallback;
        try {
            LocalDateTime local = LocalDateTime.parse(m.group(1).replace(' ', 'T'));
            // ZoneOffset.of reads Z, +hh, +hh:mm, +hhmm, +hh:mm:ss and +hhmmss
            return local.atOffset(java.time.ZoneOffset.of(m.group(2))).atZoneSameInstant(zone).toLocalDateTime();
        } catch (java.time.DateTimeException e) {
            return fallback; // left for the engine to read (or refuse) as it would without the offset
        }
    }

    private static final Pattern OFFSET_SUFFIX = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?) ?([+-]\\d{2}(?::?\\d{2}(?::?\\d{2})?)?|Z)");

    /** The 16 bytes of a UUID value (canonical text from the engine). */
    private static byte[] uuidBytes(Object value) {
        byte[] b = value instanceof byte[] raw && raw.length == 16 ? raw : UuidText.bytes(value.toString());
        if (b == null) throw new IllegalStateException("not a UUID: " + value);
        return b;
    }

    private static boolean truth(Object v) {
        if (v instanceof Number n) return n.doubleValue() != 0;
        if (v instanceof Boolean b) return b;
        return !"0".equals(v.toString());
    }

    private static Number number(Object v) {
        if (v instanceof Number n) return n;
        if (v instanceof Boolean b) return b ? 1 : 0;
        return new BigDecimal(v.toString().strip());
    }

    private static String floatText(Object v, SqlType type) {
        if (v instanceof Double d) {
            if (d.isNaN()) return "NaN";
            if (d.isInfinite()) return d > 0 ? "Infinity" : "-Infinity";
        }
        return ValueText.toText(v, type);
    }

    /** ISO style, as DateStyle 'ISO, MDY' prints it: fractional seconds only when present. */
    /**
     * A timestamptz value (the engine's TIMESTAMP: a local date-time in the session's zone) in
     * PostgreSQL's text form, with the zone's offset at that moment ({@code 2024-01-01 10:00:00+00},
     * {@code +05:30}), or binary: microseconds since 2000-01-01 UTC.
     */
    static byte[] timestamptz(Object value, SqlType type, java.time.ZoneId zone, boolean binary) {
        if (!(value instanceof LocalDateTime t)) return text(value, type, TEXT);
        java.time.ZoneOffset offset = zone.getRules().getOffset(t);
        if (binary) {
            long micros = ChronoUnit.MICROS.between(PG_EPOCH_TIME, t) - offset.getTotalSeconds() * 1_000_000L;
            return ByteBuffer.allocate(8).putLong(micros).array();
        }
        int total = offset.getTotalSeconds(), abs = Math.abs(total);
        StringBuilder s = new StringBuilder(timestamp(t)).append(total < 0 ? '-' : '+')
                .append(String.format("%02d", abs / 3600));
        if (abs % 3600 != 0) s.append(String.format(":%02d", abs / 60 % 60));
        if (abs % 60 != 0) s.append(String.format(":%02d", abs % 60));
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String timestamp(LocalDateTime t) {
        String s = t.toLocalDate() + " " + String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        int micros = t.getNano() / 1000;
        if (micros == 0) return s;
        String f = String.format(".%06d", micros);
        int end = f.length();
        while (f.charAt(end - 1) == '0') end--;
        return s + f.substring(0, end);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(2 + b.length * 2).append("\\x");
        for (byte x : b) sb.append(HEX[(x >> 4) & 0xF]).append(HEX[x & 0xF]);
        return sb.toString();
    }

    private static byte[] unhex(String s) throws MalformedMessageException {
        if (s.length() % 2 != 0) throw new MalformedMessageException("invalid bytea hex value");
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16), lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) throw new MalformedMessageException("invalid bytea hex value");
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    /** BigInteger values of BIGINT UNSIGNED go out as numeric. */
    static Object normalize(Object v) { return v instanceof BigInteger i ? new BigDecimal(i) : v; }
}
