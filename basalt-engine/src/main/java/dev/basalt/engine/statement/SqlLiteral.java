package dev.basalt.engine.statement;

import dev.basalt.engine.types.Temporals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;

/** An engine value written as a MySQL literal (for statement text sent to another server). */
final class SqlLiteral {
    private SqlLiteral() {}

    static String of(Object v) {
        return switch (v) {
            case null -> "NULL";
            case Long l -> l.toString();
            case BigInteger b -> b.toString();
            case BigDecimal d -> d.toPlainString();
            case Double d -> Double.isFinite(d) ? d.toString() : "NULL";
            case String s -> TypeText.quoteString(s);
            case byte[] b -> "X'" + HexFormat.of().formatHex(b) + "'";
            case LocalDate d -> "DATE'" + Temporals.formatDate(d) + "'";
            case LocalDateTime t -> "TIMESTAMP'" + Temporals.formatDateTime(t, t.getNano() == 0 ? 0 : 6) + "'";
            case Duration d -> "'" + Temporals.formatTime(d, d.getNano() == 0 ? 0 : 6) + "'";
            default -> TypeText.quoteString(v.toString());
        };
    }
}
