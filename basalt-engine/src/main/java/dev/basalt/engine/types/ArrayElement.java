package dev.basalt.engine.types;

import dev.basalt.engine.api.SqlException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;

/**
 * The element types an {@link ArrayValue} may hold (PostgreSQL's arrays of basic types, issue 10),
 * named by their PostgreSQL names because arrays come from the PostgreSQL dialect. Each knows the
 * engine type of one element, turns any engine value into an element value and reads and writes
 * the element's text as PostgreSQL's array literal spells it.
 */
public enum ArrayElement {
    INT2(SqlType.of(TypeKind.SMALLINT, 6)),
    INT4(SqlType.INT),
    INT8(SqlType.BIGINT),
    NUMERIC(SqlType.decimal(65, -1)),
    TEXT(SqlType.LONGTEXT),
    VARCHAR(SqlType.varchar(16383)),
    BOOL(SqlType.BOOLEAN),
    FLOAT4(SqlType.of(TypeKind.FLOAT, 12).withScale(-1)),
    FLOAT8(SqlType.DOUBLE),
    DATE(SqlType.DATE),
    TIMESTAMP(SqlType.DATETIME.withScale(6)),
    UUID(SqlType.of(TypeKind.CHAR, 36));

    private final SqlType type;

    ArrayElement(SqlType type) { this.type = type; }

    /** The engine type of one element (what a subscript or unnest gives). */
    public SqlType elementType() { return type; }

    /** PostgreSQL's name of the element type ({@code int4}). */
    public String pgName() { return name().toLowerCase(Locale.ROOT); }

    /** The element type of a PostgreSQL type name or alias ({@code integer}, {@code int}, {@code text}...), or null. */
    public static ArrayElement ofPgName(String name) {
        return switch (name.toLowerCase(Locale.ROOT).replace('_', ' ').strip()) {
            case "int2", "smallint" -> INT2;
            case "int4", "int", "integer", "serial" -> INT4;
            case "int8", "bigint", "bigserial" -> INT8;
            case "numeric", "decimal" -> NUMERIC;
            case "text" -> TEXT;
            case "varchar", "character varying", "char", "character", "bpchar", "name" -> VARCHAR;
            case "bool", "boolean" -> BOOL;
            case "float4", "real" -> FLOAT4;
            case "float8", "double precision", "float" -> FLOAT8;
            case "date" -> DATE;
            case "timestamp", "timestamp without time zone", "timestamptz", "timestamp with time zone" -> TIMESTAMP;
            case "uuid" -> UUID;
            default -> null;
        };
    }

    /** The element type that holds values of an engine type (ARRAY[...] of such values), or null. */
    public static ArrayElement ofSqlType(SqlType t) {
        TypeKind k = t.kind();
        // TINYINT(1) is BOOLEAN; comparisons and TRUE/FALSE give the BOOL_RESULT instance (the literal 1 is a BIGINT(1) too)
        if (k == TypeKind.TINYINT && t.length() == 1 && !t.unsigned() || t == Types.BOOL_RESULT) return BOOL;
        if (k == TypeKind.TINYINT || k == TypeKind.SMALLINT || k == TypeKind.YEAR) return INT2;
        if (k == TypeKind.MEDIUMINT || (k == TypeKind.INT && !t.unsigned())) return INT4;
        if (k == TypeKind.INT || (k == TypeKind.BIGINT && !t.unsigned()) || k == TypeKind.BIT) return INT8;
        if (k == TypeKind.BIGINT || k == TypeKind.DECIMAL) return NUMERIC;
        if (k == TypeKind.FLOAT) return FLOAT4;
        if (k == TypeKind.DOUBLE) return FLOAT8;
        if (k == TypeKind.DATE) return DATE;
        if (k == TypeKind.DATETIME || k == TypeKind.TIMESTAMP) return TIMESTAMP;
        if (k == TypeKind.CHAR || k == TypeKind.VARCHAR || k == TypeKind.ENUM || k == TypeKind.SET) return VARCHAR;
        if (k.isString() || k == TypeKind.NULL_TYPE) return TEXT;
        return null;
    }

    /** An engine value (number, string, date...) as this element's value; null stays null. */
    public Object convert(Object v) {
        if (v == null) return null;
        try {
            return switch (this) {
                case INT2, INT4, INT8 -> integer(v);
                case NUMERIC -> v instanceof String s ? new BigDecimal(s.strip()) : Numbers.toDecimal(v);
                case TEXT, VARCHAR -> v instanceof String s ? s : ValueText.toText(v, null);
                case UUID -> uuid(v instanceof String s ? s : ValueText.toText(v, null));
                case BOOL -> v instanceof String s ? bool(s) : (Numbers.toDouble(v) != 0 ? 1L : 0L);
                case FLOAT4 -> (double) (float) (v instanceof String s ? Double.parseDouble(s.strip()) : Numbers.toDouble(v));
                case FLOAT8 -> v instanceof String s ? Double.parseDouble(s.strip()) : Numbers.toDouble(v);
                case DATE -> v instanceof LocalDateTime t ? t.toLocalDate() : v instanceof LocalDate d ? d
                        : Temporals.parseDateTime(v.toString().strip()).toLocalDate();
                case TIMESTAMP -> v instanceof LocalDate d ? d.atStartOfDay() : v instanceof LocalDateTime t ? t
                        : Temporals.parseDateTime(v.toString().strip());
            };
        } catch (SqlException e) {
            throw e;
        } catch (RuntimeException e) {
            throw invalid(v);
        }
    }

    private Object integer(Object v) {
        long n;
        if (v instanceof Long l) n = l;
        else if (v instanceof String s) n = Long.parseLong(s.strip());
        else n = Numbers.toDecimal(v).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
        long bound = this == INT2 ? Short.MAX_VALUE : this == INT4 ? Integer.MAX_VALUE : Long.MAX_VALUE;
        if (n > bound || n < -bound - 1) {
            throw new SqlException(1264, "22003", "value \"" + n + "\" is out of range for type " + sqlName());
        }
        return n;
    }

    private static Object bool(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "t", "true", "y", "yes", "on", "1" -> 1L;
            case "f", "false", "n", "no", "off", "0" -> 0L;
            default -> throw new IllegalArgumentException(s);
        };
    }

    private static String uuid(String s) {
        return java.util.UUID.fromString(s.strip()).toString();
    }

    private SqlException invalid(Object v) {
        return new SqlException(1366, "HY000", "invalid input syntax for type " + sqlName() + ": \"" + v + "\"");
    }

    /** The name PostgreSQL's messages use ({@code integer}, not {@code int4}). */
    private String sqlName() {
        return switch (this) {
            case INT2 -> "smallint";
            case INT4 -> "integer";
            case INT8 -> "bigint";
            case FLOAT4 -> "real";
            case FLOAT8 -> "double precision";
            case BOOL -> "boolean";
            case TIMESTAMP -> "timestamp";
            case VARCHAR -> "character varying";
            default -> pgName();
        };
    }

    /** Orders two non-null element values: strings by code point (PostgreSQL's C collation), others by value. */
    public int compare(Object a, Object b) {
        return switch (this) {
            case TEXT, VARCHAR, UUID -> ((String) a).compareTo((String) b);
            default -> Values.comparator(type, type).compare(a, b);
        };
    }

    /** An element's text inside an array literal, before quoting. */
    public String text(Object v) {
        return switch (this) {
            case BOOL -> ((Number) v).longValue() != 0 ? "t" : "f";
            case NUMERIC -> ((BigDecimal) v).toPlainString();
            case FLOAT4, FLOAT8 -> floatText((Double) v, this == FLOAT4);
            case TIMESTAMP -> timestampText((LocalDateTime) v);
            default -> ValueText.toText(v, type);
        };
    }

    /** PostgreSQL's shortest float text: {@code 1.5}, {@code 100}, {@code 1e+20}, {@code NaN}, {@code Infinity}. */
    static String floatText(double d, boolean single) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
        BigDecimal b = new BigDecimal(single ? Float.toString((float) d) : Double.toString(d)).stripTrailingZeros();
        int exponent = b.precision() - b.scale() - 1;
        if (exponent < -4 || exponent >= (single ? 15 : 15)) {
            String digits = b.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (b.signum() < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                    + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        }
        return b.toPlainString();
    }

    /** {@code 2024-01-02 10:00:00[.5]}: PostgreSQL drops trailing zeros of the fraction. */
    static String timestampText(LocalDateTime t) {
        String s = Temporals.formatDateTime(t, 6);
        if (s.endsWith(".000000")) return s.substring(0, s.length() - 7);
        while (s.endsWith("0")) s = s.substring(0, s.length() - 1);
        return s;
    }
}
