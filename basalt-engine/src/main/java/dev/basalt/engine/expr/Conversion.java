package dev.basalt.engine.expr;

import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Silent conversion of a value to a unified result type (CASE / IF / COALESCE / UNION branches):
 * chosen once per (source, target) pair, identity when nothing needs to change.
 */
@FunctionalInterface
public interface Conversion {
    Object apply(EvalContext ctx, Object v);

    Conversion IDENTITY = (ctx, v) -> v;

    static Conversion between(SqlType from, SqlType to) {
        TypeKind f = from.kind(), t = to.kind();
        if (f == TypeKind.NULL_TYPE || t == TypeKind.NULL_TYPE) return IDENTITY;
        if (t.isString()) return f.isString() ? IDENTITY : (ctx, v) -> v == null ? null : Coercion.toText(v, from);
        if (t.isBinary()) return f.isBinary() ? IDENTITY : (ctx, v) -> v == null ? null : Coercion.toBytes(v, from);
        if (t.isApproximate()) return f.isApproximate() ? IDENTITY : (ctx, v) -> v == null ? null : Coercion.toDouble(ctx, v);
        if (t == TypeKind.DECIMAL) {
            int scale = Math.max(to.scale(), 0);
            return (ctx, v) -> v == null ? null : Coercion.toDecimal(ctx, v).setScale(scale, RoundingMode.HALF_UP);
        }
        if (t.isInteger()) return f.isInteger() ? IDENTITY : (ctx, v) -> v == null ? null : Coercion.toLong(ctx, v);
        if (t == TypeKind.DATETIME || t == TypeKind.TIMESTAMP) {
            if (f == TypeKind.DATETIME || f == TypeKind.TIMESTAMP) return IDENTITY;
            return (ctx, v) -> v == null ? null : v instanceof LocalDate d ? d.atStartOfDay() : Coercion.toDateTime(ctx, v);
        }
        if (t == TypeKind.DATE) {
            if (f == TypeKind.DATE) return IDENTITY;
            return (ctx, v) -> v == null ? null : v instanceof LocalDateTime d ? d.toLocalDate() : Coercion.toDate(ctx, v);
        }
        if (t == TypeKind.TIME) return f == TypeKind.TIME ? IDENTITY : (ctx, v) -> v == null ? null : Coercion.toTime(ctx, v);
        return IDENTITY;
    }

    /** Rounds a DECIMAL to a scale (helper for callers). */
    static BigDecimal scale(BigDecimal d, int scale) { return d.setScale(scale, RoundingMode.HALF_UP); }
}
