package dev.basalt.mysql;

import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.ValueText;
import dev.basalt.mysql.protocol.PacketWriter;

import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;

import static dev.basalt.mysql.ColumnDefinitions.*;

/**
 * Encodes result rows in the binary protocol (COM_STMT_EXECUTE results): a 0x00 header, a NULL
 * bitmap whose first two bits are reserved, then each non-NULL value in the fixed-size or
 * length-prefixed form its column's type code announces.
 */
final class BinaryRows {
    private final PacketWriter w;
    private final SqlType[] types;
    private final int[] codes;
    private final byte[] nulls;

    BinaryRows(PacketWriter w, SqlType[] types) {
        this.w = w;
        this.types = types;
        this.codes = new int[types.length];
        for (int i = 0; i < types.length; i++) codes[i] = typeCode(types[i].kind());
        this.nulls = new byte[(types.length + 7 + 2) / 8];
    }

    /** Writes one row payload (not sent). */
    void write(Object[] row) {
        java.util.Arrays.fill(nulls, (byte) 0);
        for (int i = 0; i < codes.length; i++) {
            if (row[i] == null || codes[i] == TYPE_NULL) nulls[(i + 2) >> 3] |= (byte) (1 << ((i + 2) & 7));
        }
        w.begin().int1(0x00).bytes(nulls);
        for (int i = 0; i < codes.length; i++) {
            if (row[i] != null && codes[i] != TYPE_NULL) value(row[i], codes[i], types[i]);
        }
    }

    private void value(Object v, int code, SqlType type) {
        switch (code) {
            case TYPE_TINY -> w.int1((int) integer(v, type));
            case TYPE_SHORT, TYPE_YEAR -> w.int2((int) integer(v, type));
            case TYPE_LONG, TYPE_INT24 -> w.int4(integer(v, type) & 0xFFFFFFFFL);
            case TYPE_LONGLONG -> w.int8(integer(v, type));
            case TYPE_FLOAT -> w.int4(Float.floatToIntBits((float) real(v, type)) & 0xFFFFFFFFL);
            case TYPE_DOUBLE -> w.int8(Double.doubleToLongBits(real(v, type)));
            case TYPE_DATE, TYPE_DATETIME, TYPE_TIMESTAMP -> dateTime(v, code == TYPE_DATE);
            case TYPE_TIME -> time(v);
            case TYPE_BIT -> bits(v, type);
            default -> {
                if (v instanceof byte[] b) w.lenencBytes(b);
                else if (v instanceof String s) w.lenencString(s);
                else w.lenencString(ValueText.toText(v, type));
            }
        }
    }

    /** Integer columns hold Long (BigInteger only for UNSIGNED BIGINT above Long.MAX, sent as its low 64 bits). */
    private static long integer(Object v, SqlType type) {
        if (v instanceof Long l) return l;
        if (v instanceof BigInteger b) return b.longValue();
        if (v instanceof Number n) return n.longValue();
        try {
            return Long.parseLong(ValueText.toText(v, type).strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double real(Object v, SqlType type) {
        if (v instanceof Number n) return n.doubleValue();
        try {
            return Double.parseDouble(ValueText.toText(v, type).strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The shortest of the 0 / 4 / 7 / 11 byte forms that holds the value. */
    private void dateTime(Object v, boolean dateOnly) {
        LocalDateTime t = switch (v) {
            case LocalDateTime dt -> dt;
            case LocalDate d -> d.atStartOfDay();
            default -> null; // a zero date or a value of another type: MySQL's zero value
        };
        if (t == null) {
            w.int1(0);
            return;
        }
        int micros = t.getNano() / 1000;
        boolean hasTime = !dateOnly && (t.getHour() != 0 || t.getMinute() != 0 || t.getSecond() != 0 || micros != 0);
        int length = dateOnly || !hasTime ? 4 : micros != 0 ? 11 : 7;
        w.int1(length).int2(t.getYear()).int1(t.getMonthValue()).int1(t.getDayOfMonth());
        if (length >= 7) w.int1(t.getHour()).int1(t.getMinute()).int1(t.getSecond());
        if (length == 11) w.int4(micros);
    }

    /** 0 / 8 / 12 bytes: sign, days, hours, minutes, seconds, microseconds. */
    private void time(Object v) {
        if (!(v instanceof Duration d) || d.isZero()) {
            w.int1(0);
            return;
        }
        boolean negative = d.isNegative();
        Duration a = d.abs();
        long seconds = a.getSeconds();
        int micros = a.getNano() / 1000;
        w.int1(micros != 0 ? 12 : 8).int1(negative ? 1 : 0).int4(seconds / 86_400)
                .int1((int) (seconds / 3600 % 24)).int1((int) (seconds / 60 % 60)).int1((int) (seconds % 60));
        if (micros != 0) w.int4(micros);
    }

    /** BIT(M): (M+7)/8 big-endian bytes, length-prefixed, as in the text protocol. */
    private void bits(Object v, SqlType type) {
        if (v instanceof byte[] b) {
            w.lenencBytes(b);
            return;
        }
        long bits = integer(v, type);
        int bytes = Math.max(1, ((type.length() > 0 ? type.length() : 1) + 7) / 8);
        w.lenenc(bytes);
        for (int i = bytes - 1; i >= 0; i--) w.int1((int) (bits >>> (8 * i)));
    }

}
