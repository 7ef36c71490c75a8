package dev.basalt.remote.vdb;

import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.Temporals;
import dev.basalt.engine.types.TypeKind;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Engine values to and from JDBC, exactly. Rows are read as text where the text protocol already
 * carries the exact value (integers of any size, DECIMAL, temporals with their fraction, TIME beyond
 * 24 hours) and as bytes for binary strings and BIT; parameters go out as the driver's literals.
 */
final class RemoteValues {
    private RemoteValues() {}

    /** Column {@code i} (1-based) of the current row as an engine value of {@code type}. */
    static Object read(ResultSet rs, int i, SqlType type) throws SQLException {
        TypeKind k = type.kind();
        if (k == TypeKind.BIT) {
            byte[] b = rs.getBytes(i);
            if (b == null) return null;
            long v = 0;
            for (byte x : b) v = (v << 8) | (x & 0xff);
            return v;
        }
        if (k.isBinary()) return rs.getBytes(i);
        if (k == TypeKind.FLOAT) {
            float f = rs.getFloat(i);
            return rs.wasNull() ? null : (double) f;
        }
        if (k == TypeKind.DOUBLE) {
            double d = rs.getDouble(i);
            return rs.wasNull() ? null : d;
        }
        String s = rs.getString(i);
        if (s == null) return null;
        return switch (k) {
            case TINYINT, SMALLINT, MEDIUMINT, INT, BIGINT, YEAR -> integer(s);
            case DECIMAL -> new BigDecimal(s);
            case DATE -> {
                LocalDateTime t = Temporals.parseDateTime(s);
                yield t == null ? null : t.toLocalDate();
            }
            case DATETIME, TIMESTAMP -> Temporals.parseDateTime(s);
            case TIME -> Temporals.parseTime(s);
            default -> s;
        };
    }

    /** Integers are Long, and BigInteger only above Long.MAX_VALUE (BIGINT UNSIGNED). */
    private static Object integer(String s) {
        if (s.length() < 19) return Long.parseLong(s);
        BigInteger b = new BigInteger(s);
        return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }

    /** Binds an engine value as parameter {@code i}. Temporals go as MySQL's text form. */
    static void bind(PreparedStatement ps, int i, Object v) throws SQLException {
        switch (v) {
            case null -> ps.setNull(i, Types.NULL);
            case Long l -> ps.setLong(i, l);
            case Integer n -> ps.setInt(i, n);
            case BigInteger b -> ps.setBigDecimal(i, new BigDecimal(b));
            case BigDecimal d -> ps.setBigDecimal(i, d);
            case Double d -> ps.setDouble(i, d);
            case String s -> ps.setString(i, s);
            case byte[] b -> ps.setBytes(i, b);
            case LocalDate d -> ps.setString(i, Temporals.formatDate(d));
            case LocalDateTime t -> ps.setString(i, Temporals.formatDateTime(t, t.getNano() == 0 ? 0 : 6));
            case Duration d -> ps.setString(i, Temporals.formatTime(d, d.getNano() == 0 ? 0 : 6));
            case Boolean b -> ps.setLong(i, b ? 1 : 0);
            default -> ps.setString(i, v.toString());
        }
    }
}
