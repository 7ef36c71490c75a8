package dev.basalt.engine.types;

/**
 * Finds bytes that are not UTF-8 in text bound for a utf8mb4 column. Such bytes reach the engine
 * as raw bytes (X'..', _binary'..', byte[] parameters) or, once decoded by {@link SqlText}, as
 * lone U+DC80..U+DCFF escapes. MySQL refuses them with 1366 "Incorrect string value" in strict
 * mode, and otherwise stores '?' for each bad byte with the same message as a warning.
 */
public final class InvalidUtf8 {
    /** MySQL quotes at most this many characters of the bad value, from the first bad byte. */
    private static final int QUOTED_CHARS = 6;

    private InvalidUtf8() {}

    /** Index of the first escaped (invalid) byte in {@code s}, or -1 when it is all valid text. */
    public static int firstInvalid(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isEscape(s, i)) return i;
        }
        return -1;
    }

    /** The text with each invalid byte replaced by '?', as MySQL stores it outside strict mode. */
    public static String replaced(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) out.append(isEscape(s, i) ? '?' : s.charAt(i));
        return out.toString();
    }

    /** MySQL's rendering of the bad value in the message: from the first bad byte, \xHH for non-ASCII. */
    public static String quoted(String s, int from) {
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (int i = from; i < s.length() && shown < QUOTED_CHARS; i++, shown++) {
            char c = s.charAt(i);
            if (isEscape(s, i)) {
                out.append(String.format("\\x%02X", c & 0xFF));
            } else if (c >= 0x20 && c < 0x7F) {
                out.append(c);
            } else {
                int cp = s.codePointAt(i);
                for (byte b : new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    out.append(String.format("\\x%02X", b & 0xFF));
                }
                if (Character.isSupplementaryCodePoint(cp)) i++;
            }
        }
        if (from + shown < s.length()) out.append("...");
        return out.toString();
    }

    private static boolean isEscape(String s, int i) {
        char c = s.charAt(i);
        return c >= 0xDC80 && c <= 0xDCFF && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
    }
}
