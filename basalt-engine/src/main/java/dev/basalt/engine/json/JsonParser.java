package dev.basalt.engine.json;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;

/**
 * Parses JSON text as MySQL does: the messages and byte positions of errors are the ones MySQL
 * reports (it uses RapidJSON), so "Invalid value." at position 5 reads the same here. Numbers
 * without fraction or exponent become Long, or BigInteger up to 2^64-1, otherwise Double.
 * Duplicate object keys keep the last value, as MySQL 8.0.3 and later do.
 */
public final class JsonParser {
    /** MySQL's limit on nesting. */
    static final int MAX_DEPTH = 100;

    private final byte[] in;
    private int pos;

    private JsonParser(byte[] in) { this.in = in; }

    /** @throws JsonSyntaxException when the text is not one JSON value */
    public static Object parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    public static Object parse(byte[] utf8) {
        JsonParser p = new JsonParser(utf8);
        p.skipSpace();
        if (p.pos >= p.in.length) throw new JsonSyntaxException("The document is empty.", p.pos);
        Object v = p.value(1);
        p.skipSpace();
        if (p.pos < p.in.length) throw new JsonSyntaxException("The document root must not be followed by other values.", p.pos);
        return v;
    }

    /** Whether the text is one JSON value (JSON_VALID). */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (JsonSyntaxException e) {
            return false;
        }
    }

    private int peek() { return pos < in.length ? in[pos] & 0xff : -1; }

    private void skipSpace() {
        while (pos < in.length && (in[pos] == ' ' || in[pos] == '\t' || in[pos] == '\n' || in[pos] == '\r')) pos++;
    }

    private Object value(int depth) {
        // only containers count towards the limit, as in MySQL
        if (depth > MAX_DEPTH && (peek() == '[' || peek() == '{')) {
            throw new JsonSyntaxException("The JSON document exceeds the maximum depth of 100.", pos);
        }
        return switch (peek()) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 'n' -> literal("null", Json.NULL);
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            default -> number();
        };
    }

    private Object literal(String word, Object v) {
        pos++;
        for (int i = 1; i < word.length(); i++) {
            if (peek() != word.charAt(i)) throw new JsonSyntaxException("Invalid value.", pos);
            pos++;
        }
        return v;
    }

    private Object object(int depth) {
        pos++;
        TreeMap<String, Object> m = Json.newObject();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return m;
        }
        while (true) {
            if (peek() != '"') throw new JsonSyntaxException("Missing a name for object member.", pos);
            String key = string();
            skipSpace();
            if (peek() != ':') throw new JsonSyntaxException("Missing a colon after a name of object member.", pos);
            pos++;
            skipSpace();
            Object v = value(depth + 1);
            m.put(key, v);
            skipSpace();
            int c = peek();
            if (c == ',') {
                pos++;
                skipSpace();
            } else if (c == '}') {
                pos++;
                return m;
            } else {
                throw new JsonSyntaxException("Missing a comma or '}' after an object member.", pos);
            }
        }
    }

    private Object array(int depth) {
        pos++;
        List<Object> a = Json.newArray();
        skipSpace();
        if (peek() == ']') {
            pos++;
            return a;
        }
        while (true) {
            a.add(value(depth + 1));
            skipSpace();
            int c = peek();
            if (c == ',') {
                pos++;
                skipSpace();
            } else if (c == ']') {
                pos++;
                return a;
            } else {
                throw new JsonSyntaxException("Missing a comma or ']' after an array element.", pos);
            }
        }
    }

    private String string() {
        pos++; // opening quote
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int c = peek();
            if (c == -1) throw new JsonSyntaxException("Missing a closing quotation mark in string.", pos);
            if (c == '"') {
                pos++;
                break;
            }
            if (c == '\\') {
                int escapeAt = pos;
                pos++;
                int e = peek();
                pos++;
                switch (e) {
                    case '"' -> out.write('"');
                    case '\\' -> out.write('\\');
                    case '/' -> out.write('/');
                    case 'b' -> out.write('\b');
                    case 'f' -> out.write('\f');
                    case 'n' -> out.write('\n');
                    case 'r' -> out.write('\r');
                    case 't' -> out.write('\t');
                    case 'u' -> {
                        int cp = hex4(escapeAt);
                        if (cp >= 0xD800 && cp <= 0xDBFF) {
                            if (peek() != '\\' || pos + 1 >= in.length || in[pos + 1] != 'u') {
                                throw new JsonSyntaxException("The surrogate pair in string is invalid.", escapeAt);
                            }
                            pos += 2;
                            int low = hex4(escapeAt);
                            if (low < 0xDC00 || low > 0xDFFF) throw new JsonSyntaxException("The surrogate pair in string is invalid.", escapeAt);
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                        }
                        out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                    }
                    default -> throw new JsonSyntaxException("Invalid escape character in string.", escapeAt);
                }
                continue;
            }
            if (c < 0x20) throw new JsonSyntaxException("Invalid encoding in string.", pos);
            out.write(c);
            pos++;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private int hex4(int escapeAt) {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int c = peek();
            int d = Character.digit(c < 0 ? ' ' : (char) c, 16);
            if (d < 0) throw new JsonSyntaxException("Incorrect hex digit after \\u escape in string.", escapeAt);
            v = v * 16 + d;
            pos++;
        }
        return v;
    }

    private Object number() {
        int start = pos;
        if (peek() == '-') pos++;
        int c = peek();
        if (c == '0') {
            pos++;
        } else if (c >= '1' && c <= '9') {
            while (isDigit(peek())) pos++;
        } else {
            throw new JsonSyntaxException("Invalid value.", pos);
        }
        boolean integral = true;
        if (peek() == '.') {
            integral = false;
            pos++;
            if (!isDigit(peek())) throw new JsonSyntaxException("Miss fraction part in number.", pos);
            while (isDigit(peek())) pos++;
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') pos++;
            if (!isDigit(peek())) throw new JsonSyntaxException("Miss exponent in number.", pos);
            while (isDigit(peek())) pos++;
        }
        String text = new String(in, start, pos - start, StandardCharsets.US_ASCII);
        if (integral) {
            BigInteger b = new BigInteger(text);
            if (b.bitLength() < 64) return b.longValue();
            if (b.signum() > 0 && b.bitLength() == 64) return b;
        }
        double d = Double.parseDouble(text);
        if (Double.isInfinite(d)) throw new JsonSyntaxException("Number too big to be stored in double.", start);
        return d;
    }

    private static boolean isDigit(int c) { return c >= '0' && c <= '9'; }
}
