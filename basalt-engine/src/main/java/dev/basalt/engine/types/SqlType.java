package dev.basalt.engine.types;

import java.util.List;

/**
 * A SQL type as MySQL knows it: kind plus its parameters.
 *
 * @param kind       the type kind
 * @param length     display width for integers, character length for CHAR/VARCHAR, byte length
 *                   for BINARY/VARBINARY, max length for TEXT/BLOB; 0 when not given
 * @param precision  DECIMAL precision (M), or FLOAT(M); 0 when not applicable
 * @param scale      DECIMAL scale (D), fractional seconds precision for TIME/DATETIME/TIMESTAMP,
 *                   or -1 for "not fixed" (e.g. DOUBLE results of expressions)
 * @param unsigned   UNSIGNED numeric
 * @param zerofill   ZEROFILL display
 * @param values     ENUM/SET members in declaration order; for CHAR and JSON the name of the
 *                   {@link LogicalType} the type declares (see {@link #logical()}); else empty
 * @param collation  collation for character kinds (null = binary / not applicable)
 */
public record SqlType(TypeKind kind, int length, int precision, int scale, boolean unsigned,
                      boolean zerofill, List<String> values, Collation collation) {

    public SqlType {
        values = values == null ? List.of() : List.copyOf(values);
        if (collation == null && (kind.isString())) collation = Collation.DEFAULT;
    }

    public static SqlType of(TypeKind kind) {
        return new SqlType(kind, 0, 0, defaultScale(kind), false, false, List.of(), null);
    }

    public static SqlType of(TypeKind kind, int length) {
        return new SqlType(kind, length, 0, defaultScale(kind), false, false, List.of(), null);
    }

    public static SqlType decimal(int precision, int scale) {
        return new SqlType(TypeKind.DECIMAL, 0, precision, scale, false, false, List.of(), null);
    }

    public static SqlType varchar(int length) { return of(TypeKind.VARCHAR, length); }

    /** An ARRAY of the element type (kept as the element's name in {@code values}). */
    public static SqlType array(ArrayElement element) {
        return new SqlType(TypeKind.ARRAY, 0, 0, 0, false, false, List.of(element.name()), null);
    }

    /** The element type of an ARRAY type (TEXT when not given). */
    public ArrayElement arrayElement() {
        return values.isEmpty() ? ArrayElement.TEXT : ArrayElement.valueOf(values.get(0));
    }

    /** A CHAR(36) holding canonical UUID text: {@link LogicalType#UUID}. */
    public static SqlType uuid() {
        return of(TypeKind.CHAR, 36).withLogical(LogicalType.UUID);
    }

    /** The logical type this type declares on top of its kind, or null for a plain type. */
    public LogicalType logical() {
        return values.isEmpty() ? null : LogicalType.of(kind, values);
    }

    /** This type declaring {@code l} (whose kind must be this type's kind), or the plain type for null. */
    public SqlType withLogical(LogicalType l) {
        if (l != null && l.kind() != kind) throw new IllegalArgumentException(l + " is not a " + kind);
        return new SqlType(kind, length, precision, scale, unsigned, zerofill, l == null ? List.of() : List.of(l.name()), collation);
    }

    public static final SqlType BIGINT = of(TypeKind.BIGINT, 20);
    public static final SqlType BIGINT_UNSIGNED = new SqlType(TypeKind.BIGINT, 20, 0, 0, true, false, List.of(), null);
    public static final SqlType INT = of(TypeKind.INT, 11);
    public static final SqlType DOUBLE = new SqlType(TypeKind.DOUBLE, 22, 0, -1, false, false, List.of(), null);
    public static final SqlType NULL = of(TypeKind.NULL_TYPE);
    public static final SqlType BOOLEAN = of(TypeKind.TINYINT, 1);
    public static final SqlType LONGTEXT = of(TypeKind.LONGTEXT);
    public static final SqlType DATE = of(TypeKind.DATE);
    public static final SqlType DATETIME = of(TypeKind.DATETIME);
    public static final SqlType TIME = of(TypeKind.TIME);

    private static int defaultScale(TypeKind kind) {
        return switch (kind) {
            case FLOAT, DOUBLE -> -1;
            default -> 0;
        };
    }

    public SqlType withUnsigned(boolean u) {
        return new SqlType(kind, length, precision, scale, u, zerofill, values, collation);
    }

    public SqlType withLength(int len) {
        return new SqlType(kind, len, precision, scale, unsigned, zerofill, values, collation);
    }

    public SqlType withCollation(Collation c) {
        return new SqlType(kind, length, precision, scale, unsigned, zerofill, values, c);
    }

    public SqlType withScale(int s) {
        return new SqlType(kind, length, precision, s, unsigned, zerofill, values, collation);
    }
}
