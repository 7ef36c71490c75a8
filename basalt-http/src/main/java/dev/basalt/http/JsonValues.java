package dev.basalt.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.basalt.engine.api.ColumnInfo;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import dev.basalt.engine.types.ValueText;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Writes SQL values as JSON, exact or not at all: a JSON number only where every client reads it
 * back unchanged (integers within ±2^53, DOUBLE and FLOAT), a string otherwise (bigger integers,
 * DECIMAL, dates and times as MySQL prints them), base64 for binary strings, the document itself
 * for JSON columns.
 */
final class JsonValues {

    /** Largest integer a double (JavaScript's only number) holds exactly. */
    private static final long EXACT_LIMIT = 1L << 53;

    private final ObjectMapper mapper;

    JsonValues(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The type name a column reports, e.g. {@code BIGINT UNSIGNED} or {@code DECIMAL(8,2)}. */
    static String typeName(ColumnInfo c) {
        SqlType t = c.type();
        TypeKind k = t.kind();
        String name = k == TypeKind.NULL_TYPE ? "NULL" : k.name();
        if (k == TypeKind.DECIMAL) name += "(" + t.precision() + "," + t.scale() + ")";
        if (t.unsigned() && k.isNumeric()) name += " UNSIGNED";
        return name.toUpperCase(Locale.ROOT);
    }

    void write(JsonGenerator g, Object value, SqlType type) throws IOException {
        TypeKind kind = type == null ? null : type.kind();
        switch (value) {
            case null -> g.writeNull();
            case Long l -> {
                if (Math.abs(l) <= EXACT_LIMIT && l != Long.MIN_VALUE) g.writeNumber(l);
                else g.writeString(unsignedAware(l, type));
            }
            case Integer i -> g.writeNumber(i);
            case BigInteger b -> {
                if (b.bitLength() <= 53) g.writeNumber(b.longValueExact());
                else g.writeString(b.toString());
            }
            case BigDecimal d -> g.writeString(kind == null ? d.toPlainString() : ValueText.toText(d, type));
            case Double d when kind == TypeKind.FLOAT -> g.writeNumber(Double.parseDouble(ValueText.toText(d, type)));
            case Double d -> g.writeNumber(d);
            case Float f -> g.writeNumber(f);
            case byte[] bytes when kind != null && kind.isString() && !kind.isBinary() ->
                    g.writeString(new String(bytes, StandardCharsets.UTF_8));
            case byte[] bytes -> g.writeString(Base64.getEncoder().encodeToString(bytes));
            case String s when kind == TypeKind.JSON -> g.writeTree(mapper.readTree(s));
            case String s -> g.writeString(s);
            default -> {
                String text = ValueText.toText(value, type);
                if (kind == TypeKind.JSON) g.writeTree(mapper.readTree(text));
                else g.writeString(text);
            }
        }
    }

    /** A BIGINT UNSIGNED above 2^63 may arrive as a negative long. */
    private static String unsignedAware(long l, SqlType type) {
        return type != null && type.unsigned() && l < 0 ? Long.toUnsignedString(l) : Long.toString(l);
    }
}
