package dev.basalt.engine.json;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import dev.basalt.engine.types.Types;
import dev.basalt.engine.types.ValueText;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Conversions between SQL values and JSON values, with the errors MySQL gives for each direction. */
public final class JsonValues {
    private JsonValues() {}

    /**
     * A SQL value as a JSON value, as JSON_ARRAY, JSON_OBJECT, JSON_SET and comparisons take
     * their value arguments: a JSON-typed value as it is, a string as a JSON string (not parsed),
     * a boolean expression as true/false, numbers as numbers, SQL NULL as JSON null.
     */
    public static Object fromSql(Object v, SqlType t) {
        if (v == null) return Json.NULL;
        if (t != null && t.kind() == TypeKind.JSON) return v instanceof String s ? Json.parse(s) : v;
        // Comparisons and TRUE/FALSE share this one instance; an integer literal 1 has an equal but distinct type.
        if (t == Types.BOOL_RESULT && v instanceof Long l) return l != 0;
        return switch (v) {
            case Long l -> l;
            case Integer i -> (long) i;
            case BigInteger b -> b;
            case BigDecimal d -> d;
            case Double d -> d;
            case Float f -> (double) f;
            case String s -> s;
            case byte[] b -> new String(b, StandardCharsets.UTF_8);
            // temporal values keep their type (JSON_TYPE says DATETIME); they print as quoted text
            case java.time.LocalDateTime d -> d;
            case java.time.LocalDate d -> d;
            case java.time.Duration d -> d;
            default -> ValueText.toText(v, t);
        };
    }

    /**
     * A function's document argument: JSON-typed values as they are, strings parsed (3141 naming
     * the argument and function), anything else 3146.
     */
    public static Object document(Object v, SqlType t, int argNo, String function) {
        String fn = function.toLowerCase(Locale.ROOT);
        if (t != null && t.kind() == TypeKind.JSON) return v instanceof String s ? Json.parse(s) : v;
        String text;
        if (v instanceof String s) text = s;
        else if (v instanceof byte[] b && t != null && t.kind() != null && !t.kind().isNumeric()) text = new String(b, StandardCharsets.UTF_8);
        else if (t != null && t.kind() == TypeKind.NULL_TYPE) return Json.NULL;
        else throw invalidType(argNo, fn);
        try {
            return JsonParser.parse(text);
        } catch (JsonSyntaxException e) {
            throw invalidText(e, argNo, fn);
        }
    }

    public static SqlException invalidType(int argNo, String fn) {
        return new SqlException(3146, "22032", "Invalid data type for JSON data in argument " + argNo + " to function " + fn
                + "; a JSON string or JSON type is required.");
    }

    public static SqlException invalidText(JsonSyntaxException e, int argNo, String fn) {
        if (e.tooDeep()) return tooDeep();
        return new SqlException(3141, "22032", "Invalid JSON text in argument " + argNo + " to function " + fn + ": \""
                + e.reason() + "\" at position " + e.position() + ".");
    }

    /** 3152: MySQL indexes JSON only through generated columns. */
    public static SqlException usedAsKey(String column) {
        return new SqlException(3152, "42000", "JSON column '" + column
                + "' supports indexing only via generated columns on a specified JSON path.");
    }

    /** 3157: nesting beyond MySQL's limit is its own error, not a syntax error. */
    public static SqlException tooDeep() {
        return new SqlException(3157, "22032", "The JSON document exceeds the maximum depth of " + JsonParser.MAX_DEPTH + ".");
    }

    /** 3140, for a value stored into a JSON column. */
    public static SqlException invalidColumnText(String reason, int position, String column) {
        return new SqlException(3140, "22032", "Invalid JSON text: \"" + reason + "\" at position " + position
                + " in value for column '" + column + "'.");
    }

    /**
     * A value stored into a JSON column, as canonical text: JSON values as they are, strings
     * parsed (3140 when they are not JSON), anything else 3140 as MySQL refuses it without a CAST.
     */
    public static String toColumn(Object v, SqlType t, String column) {
        if (t != null && t.kind() == TypeKind.JSON) return v instanceof String s ? s : Json.print(v);
        if (!(v instanceof String s)) throw invalidColumnText("not a JSON text, may need CAST", 0, column);
        try {
            return Json.print(JsonParser.parse(s));
        } catch (JsonSyntaxException e) {
            if (e.tooDeep()) throw tooDeep();
            throw invalidColumnText(e.reason(), e.position(), column);
        }
    }

    /** CAST(v AS JSON): strings are parsed (3141 for cast_as_json), other values converted. */
    public static String cast(Object v, SqlType t) {
        if (t != null && t.kind() == TypeKind.JSON) return v instanceof String s ? s : Json.print(v);
        if (v instanceof String s) {
            try {
                return Json.print(JsonParser.parse(s));
            } catch (JsonSyntaxException e) {
                throw invalidText(e, 1, "cast_as_json");
            }
        }
        return Json.print(fromSql(v, t));
    }

    /** JSON_UNQUOTE / ->>: a JSON string's content, any other value's JSON text. */
    public static String unquoted(Object json) {
        if (json instanceof String s) return s;
        String text = Json.print(json);
        // DATE / TIME / DATETIME print quoted, and unquote like strings
        return isTemporal(json) ? text.substring(1, text.length() - 1) : text;
    }

    public static boolean isTemporal(Object v) {
        return v instanceof java.time.LocalDateTime || v instanceof java.time.LocalDate || v instanceof java.time.Duration;
    }

    /** Whether a JSON value is a container. */
    public static boolean isContainer(Object v) { return v instanceof List<?> || v instanceof Map<?, ?>; }
}
