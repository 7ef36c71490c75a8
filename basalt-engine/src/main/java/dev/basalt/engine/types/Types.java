package dev.basalt.engine.types;

import java.util.List;

/**
 * Type rules shared by the binder and the functions: result type unification for UNION columns
 * and CASE / IF / COALESCE / IFNULL, display widths, integer ranges.
 */
public final class Types {
    private Types() {}

    /** Widest DECIMAL MySQL supports. */
    public static final int MAX_DECIMAL_PRECISION = 65;
    public static final int MAX_DECIMAL_SCALE = 30;

    /**
     * The common type of several expression types, per MySQL: exact numerics widen
     * (INT + DECIMAL -> DECIMAL), anything with FLOAT/DOUBLE -> DOUBLE, numbers with strings ->
     * VARCHAR, DATE + DATETIME -> DATETIME, a binary string anywhere -> VARBINARY.
     * NULL-typed inputs do not influence the result.
     */
    public static SqlType unify(List<SqlType> types) {
        SqlType acc = null;
        for (SqlType t : types) {
            if (t == null || t.kind() == TypeKind.NULL_TYPE) continue;
            acc = acc == null ? t : unify(acc, t);
        }
        return acc == null ? SqlType.NULL : acc;
    }

    public static SqlType unify(SqlType a, SqlType b) {
        // two truth values stay one (same BIGINT(1) as MySQL gives): the PostgreSQL port shows it as bool
        if (a == BOOL_RESULT && b == BOOL_RESULT) return a;
        TypeKind ka = a.kind(), kb = b.kind();
        if (ka == TypeKind.NULL_TYPE) return b;
        if (kb == TypeKind.NULL_TYPE) return a;
        if (ka == kb && !ka.isInteger() && ka != TypeKind.DECIMAL && !ka.isString() && !ka.isBinary()) {
            int scale = Math.max(a.scale(), b.scale());
            return scale == a.scale() ? a : a.withScale(scale);
        }
        if (ka.isNumeric() && kb.isNumeric() && ka != TypeKind.BIT && kb != TypeKind.BIT) return unifyNumeric(a, b);
        if (ka.isTemporal() && kb.isTemporal()) {
            int fsp = Math.max(Math.max(a.scale(), 0), Math.max(b.scale(), 0));
            if (ka == TypeKind.TIMESTAMP && kb == TypeKind.TIMESTAMP) return SqlType.of(TypeKind.TIMESTAMP).withScale(fsp);
            return SqlType.of(TypeKind.DATETIME).withScale(fsp);
        }
        if (ka == TypeKind.JSON && kb == TypeKind.JSON) return a;
        int len = Math.max(displayLength(a), displayLength(b));
        boolean binary = ka.isBinary() || kb.isBinary() || ka == TypeKind.BIT || kb == TypeKind.BIT;
        boolean lob = ka.isLob() || kb.isLob();
        if (binary) return lob || len > 65535 ? SqlType.of(TypeKind.LONGBLOB) : SqlType.of(TypeKind.VARBINARY, len);
        Collation c = a.kind().isString() ? a.collation() : b.collation();
        if (b.collation() == Collation.BINARY) c = Collation.BINARY;
        SqlType r = lob || len > 16383 ? SqlType.of(biggerText(ka, kb)) : SqlType.varchar(len);
        return r.withCollation(c);
    }

    private static TypeKind biggerText(TypeKind a, TypeKind b) {
        int ra = textRank(a), rb = textRank(b);
        int r = Math.max(ra, rb);
        return switch (r) {
            case 1 -> TypeKind.TEXT;
            case 2 -> TypeKind.MEDIUMTEXT;
            case 3 -> TypeKind.LONGTEXT;
            default -> TypeKind.TEXT;
        };
    }

    private static int textRank(TypeKind k) {
        return switch (k) {
            case TINYTEXT, TEXT, TINYBLOB, BLOB -> 1;
            case MEDIUMTEXT, MEDIUMBLOB -> 2;
            case LONGTEXT, LONGBLOB, JSON -> 3;
            default -> 0;
        };
    }

    private static SqlType unifyNumeric(SqlType a, SqlType b) {
        TypeKind ka = a.kind(), kb = b.kind();
        if (ka.isApproximate() || kb.isApproximate()) {
            if (ka == TypeKind.FLOAT && kb == TypeKind.FLOAT) return a;
            return SqlType.DOUBLE;
        }
        if (ka.isInteger() && kb.isInteger()) {
            int ra = intRank(ka), rb = intRank(kb);
            boolean ua = a.unsigned(), ub = b.unsigned();
            if (ua == ub) {
                TypeKind k = ra >= rb ? ka : kb;
                return new SqlType(k, Math.max(a.length(), b.length()), 0, 0, ua, false, List.of(), null);
            }
            // mixed signedness: the signed type must hold the unsigned one's range
            int unsignedRank = ua ? ra : rb, signedRank = ua ? rb : ra;
            int need = Math.max(signedRank, unsignedRank + 1);
            if (need > intRank(TypeKind.BIGINT)) return SqlType.decimal(20, 0);
            return new SqlType(kindOfRank(need), Math.max(a.length(), b.length()), 0, 0, false, false, List.of(), null);
        }
        int sa = a.kind() == TypeKind.DECIMAL ? a.scale() : 0, sb = b.kind() == TypeKind.DECIMAL ? b.scale() : 0;
        int ia = integerDigits(a), ib = integerDigits(b);
        int scale = Math.min(Math.max(sa, sb), MAX_DECIMAL_SCALE);
        int precision = Math.min(Math.max(ia, ib) + scale, MAX_DECIMAL_PRECISION);
        SqlType r = SqlType.decimal(precision, scale);
        return a.unsigned() && b.unsigned() ? r.withUnsigned(true) : r;
    }

    /** Digits before the decimal point a value of this exact type may have. */
    public static int integerDigits(SqlType t) {
        return switch (t.kind()) {
            case DECIMAL -> Math.max(t.precision() - t.scale(), 1);
            case TINYINT -> 3;
            case SMALLINT, YEAR -> 5;
            case MEDIUMINT -> 8;
            case INT -> 10;
            case BIGINT -> t.unsigned() ? 20 : 19;
            case BIT -> 20;
            default -> 20;
        };
    }

    private static int intRank(TypeKind k) {
        return switch (k) {
            case TINYINT -> 1;
            case SMALLINT, YEAR -> 2;
            case MEDIUMINT -> 3;
            case INT -> 4;
            default -> 5;
        };
    }

    private static TypeKind kindOfRank(int r) {
        return switch (r) {
            case 1 -> TypeKind.TINYINT;
            case 2 -> TypeKind.SMALLINT;
            case 3 -> TypeKind.MEDIUMINT;
            case 4 -> TypeKind.INT;
            default -> TypeKind.BIGINT;
        };
    }

    /** Characters needed to print any value of the type (MySQL's max_length). */
    public static int displayLength(SqlType t) {
        return switch (t.kind()) {
            case TINYINT -> Math.max(t.length(), 4);
            case SMALLINT -> Math.max(t.length(), 6);
            case MEDIUMINT -> Math.max(t.length(), 9);
            case INT -> Math.max(t.length(), 11);
            case BIGINT -> Math.max(t.length(), 20);
            case DECIMAL -> t.precision() + (t.scale() > 0 ? 2 : 1);
            case FLOAT -> 12;
            case DOUBLE -> 22;
            case BIT -> Math.max((t.length() + 7) / 8, 1);
            case YEAR -> 4;
            case DATE -> 10;
            case TIME -> 10 + (t.scale() > 0 ? t.scale() + 1 : 0);
            case DATETIME, TIMESTAMP -> 19 + (t.scale() > 0 ? t.scale() + 1 : 0);
            case ENUM, SET -> t.values().stream().mapToInt(String::length).max().orElse(0)
                    * (t.kind() == TypeKind.SET ? Math.max(t.values().size(), 1) : 1);
            case TINYTEXT, TINYBLOB -> 255;
            case TEXT, BLOB -> 65535;
            case MEDIUMTEXT, MEDIUMBLOB -> 16777215;
            case LONGTEXT, LONGBLOB, JSON -> Integer.MAX_VALUE;
            case NULL_TYPE -> 0;
            default -> t.length();
        };
    }

    /** Inclusive [min, max] of an integer column type; max may exceed long for BIGINT UNSIGNED. */
    public static long integerMin(SqlType t) {
        if (t.unsigned()) return 0;
        return switch (t.kind()) {
            case TINYINT -> Byte.MIN_VALUE;
            case SMALLINT -> Short.MIN_VALUE;
            case MEDIUMINT -> -8388608;
            case INT -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        };
    }

    /** Max of an integer type as unsigned-aware long; BIGINT UNSIGNED returns -1 (= 2^64-1 unsigned). */
    public static long integerMax(SqlType t) {
        boolean u = t.unsigned();
        return switch (t.kind()) {
            case TINYINT -> u ? 255 : 127;
            case SMALLINT -> u ? 65535 : 32767;
            case MEDIUMINT -> u ? 16777215 : 8388607;
            case INT -> u ? 4294967295L : Integer.MAX_VALUE;
            default -> u ? -1L : Long.MAX_VALUE;
        };
    }

    /** The type of an integer literal (BIGINT, BIGINT UNSIGNED above Long.MAX_VALUE). */
    public static SqlType integerType(int digits, boolean unsigned) {
        return new SqlType(TypeKind.BIGINT, Math.max(digits, 1), 0, 0, unsigned, false, List.of(), null);
    }

    /** A BIGINT(1) boolean-valued result type (comparisons, AND, OR...). */
    public static final SqlType BOOL_RESULT = new SqlType(TypeKind.BIGINT, 1, 0, 0, false, false, List.of(), null);
}
