package dev.basalt.engine.expr;

import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;

/** The evaluation domain of an arithmetic operation, decided from operand types at build time. */
enum ArithKind {
    SIGNED, UNSIGNED, DECIMAL, DOUBLE;

    /** Domain of one operand type. */
    static ArithKind of(SqlType t) {
        TypeKind k = t.kind();
        if (k.isInteger() || k == TypeKind.NULL_TYPE) return t.unsigned() || k == TypeKind.BIT ? UNSIGNED : SIGNED;
        if (k == TypeKind.DECIMAL) return DECIMAL;
        if (k.isTemporal()) return t.scale() > 0 ? DECIMAL : SIGNED;
        return DOUBLE;
    }

    static ArithKind combine(ArithKind a, ArithKind b) {
        if (a == DOUBLE || b == DOUBLE) return DOUBLE;
        if (a == DECIMAL || b == DECIMAL) return DECIMAL;
        if (a == UNSIGNED || b == UNSIGNED) return UNSIGNED;
        return SIGNED;
    }

    /** Scale of an exact operand (0 for integers, fsp for temporals). */
    static int scaleOf(SqlType t) {
        if (t.kind() == TypeKind.DECIMAL || t.kind().isTemporal()) return Math.max(t.scale(), 0);
        return 0;
    }

    /** Digits before the point of an exact operand. */
    static int intDigitsOf(SqlType t) {
        return switch (t.kind()) {
            case DECIMAL -> Math.max(t.precision() - t.scale(), 1);
            case DATE -> 8;
            case TIME -> 7;
            case DATETIME, TIMESTAMP -> 14;
            default -> dev.basalt.engine.types.Types.integerDigits(t);
        };
    }
}
