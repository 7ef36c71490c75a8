package dev.basalt.mysql;

import dev.basalt.engine.types.SqlText;
import dev.basalt.mysql.protocol.Payload;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;

import static dev.basalt.mysql.ColumnDefinitions.*;

/**
 * Decodes the parameter values of a COM_STMT_EXECUTE into the engine's Java values: NULL bitmap,
 * the optional block of (re)bound types, then one binary value per non-NULL parameter. Character
 * types become Strings in the connection's UTF-8, BLOB types stay bytes, as in mysqld.
 */
final class BinaryParameters {
    private BinaryParameters() {}

    static final int TYPE_VARCHAR = 15, TYPE_NEWDATE = 14, TYPE_ENUM = 247, TYPE_SET = 248,
            TYPE_TINY_BLOB = 249, TYPE_MEDIUM_BLOB = 250, TYPE_LONG_BLOB = 251, TYPE_GEOMETRY = 255,
            TYPE_OLD_DECIMAL = 0;
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    /**
     * Reads the parameters that follow the statement id, flags and iteration count.
     * Throws {@link dev.basalt.mysql.protocol.MalformedPacketException} on a short packet and
     * IllegalStateException when no types were ever bound.
     */
    static Object[] read(Payload p, ServerStatement statement) {
        int n = statement.parameterCount();
        Object[] values = new Object[n];
        if (n == 0) return values;
        byte[] nulls = p.readBytes((n + 7) / 8);
        if (p.readInt1() == 1) {
            int[] types = new int[n];
            for (int i = 0; i < n; i++) types[i] = p.readInt2();
            statement.bindTypes(types);
        }
        // Connector/J sends no types while every parameter is NULL (nothing to type yet).
        int[] types = statement.types();
        for (int i = 0; i < n; i++) {
            boolean isNull = (nulls[i >> 3] & (1 << (i & 7))) != 0;
            byte[] longData = statement.longData(i);
            if (longData == null && isNull) continue;
            if (types == null) throw new IllegalStateException("parameter types were never sent");
            values[i] = longData != null ? fromBytes(longData, types[i] & 0xFF)
                    : value(p, types[i] & 0xFF, (types[i] & ServerStatement.UNSIGNED) != 0);
        }
        return values;
    }

    /** One binary-protocol value of the given type. */
    static Object value(Payload p, int type, boolean unsigned) {
        return switch (type) {
            case TYPE_NULL -> null;
            case TYPE_TINY -> unsigned ? (long) p.readInt1() : (long) (byte) p.readInt1();
            case TYPE_SHORT, TYPE_YEAR -> unsigned ? (long) p.readInt2() : (long) (short) p.readInt2();
            case TYPE_LONG, TYPE_INT24 -> unsigned ? p.readInt4() : (long) (int) p.readInt4();
            case TYPE_LONGLONG -> {
                long v = p.readInt8();
                yield unsigned && v < 0 ? BigInteger.valueOf(v).add(TWO_TO_64) : (Object) v;
            }
            case TYPE_FLOAT -> (double) Float.intBitsToFloat((int) p.readInt4());
            case TYPE_DOUBLE -> Double.longBitsToDouble(p.readInt8());
            case TYPE_DATE, TYPE_NEWDATE, TYPE_DATETIME, TYPE_TIMESTAMP -> dateTime(p, type);
            case TYPE_TIME -> time(p);
            default -> fromBytes(p.readLenencBytes(), type);
        };
    }

    /** A length-prefixed value (or long data) read as bytes: text, decimal or binary by type. */
    static Object fromBytes(byte[] bytes, int type) {
        return switch (type) {
            case TYPE_TINY_BLOB, TYPE_MEDIUM_BLOB, TYPE_LONG_BLOB, TYPE_BLOB, TYPE_GEOMETRY, TYPE_BIT -> bytes;
            case TYPE_DECIMAL, TYPE_OLD_DECIMAL -> {
                String text = new String(bytes, StandardCharsets.US_ASCII);
                try {
                    yield new BigDecimal(text);
                } catch (NumberFormatException e) {
                    yield text; // let the engine convert (and warn) as it would for a string
                }
            }
            // Drivers send byte[] as STRING too (Connector/J): keep bytes that are not UTF-8 recoverable.
            default -> SqlText.decode(bytes, 0, bytes.length);
        };
    }

    /** length 0 | 4 (date) | 7 (+ time) | 11 (+ microseconds). Zero dates travel as text. */
    private static Object dateTime(Payload p, int type) {
        int length = p.readInt1();
        int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, micros = 0;
        if (length >= 4) {
            year = p.readInt2();
            month = p.readInt1();
            day = p.readInt1();
        }
        if (length >= 7) {
            hour = p.readInt1();
            minute = p.readInt1();
            second = p.readInt1();
        }
        if (length >= 11) micros = (int) p.readInt4();
        if (length > 11) p.skip(length - 11);
        boolean dateOnly = type == TYPE_DATE || type == TYPE_NEWDATE;
        // Zero dates, and impossible ones a client may send (month 13, Feb 30, hour 99), travel on
        // as text: the engine then converts them as any string, e.g. 1292 in a strict-mode INSERT.
        try {
            if (month != 0 && day != 0) {
                if (dateOnly) return LocalDate.of(year, month, day);
                return LocalDateTime.of(year, month, day, hour, minute, second, micros * 1000);
            }
        } catch (java.time.DateTimeException e) {
            // fall through to text
        }
        String date = String.format("%04d-%02d-%02d", year, month, day);
        return dateOnly ? date : date + String.format(" %02d:%02d:%02d", hour, minute, second);
    }

    /** length 0 | 8 | 12: sign, days, hours, minutes, seconds[, microseconds]. */
    private static Duration time(Payload p) {
        int length = p.readInt1();
        if (length == 0) return Duration.ZERO;
        boolean negative = p.readInt1() == 1;
        long days = p.readInt4();
        int hours = p.readInt1(), minutes = p.readInt1(), seconds = p.readInt1();
        long micros = length >= 12 ? p.readInt4() : 0;
        if (length > 12) p.skip(length - 12);
        Duration d = Duration.ofDays(days).plusHours(hours).plusMinutes(minutes).plusSeconds(seconds)
                .plusNanos(micros * 1000);
        return negative ? d.negated() : d;
    }
}
