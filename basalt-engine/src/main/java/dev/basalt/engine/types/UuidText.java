package dev.basalt.engine.types;

/**
 * UUID text as {@link LogicalType#UUID} stores it. Input is read as PostgreSQL's uuid_in reads it:
 * 32 hex digits, either case, optionally in braces, with a hyphen allowed after any group of four
 * digits ({@code A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}, {@code {a0eebc99-...}},
 * {@code a0eebc999c0b4ef8bb6d6bb9bd380a11}, {@code a0ee-bc99-...}); output is always the canonical
 * lower-case 8-4-4-4-12 form.
 */
public final class UuidText {
    private UuidText() {}

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** The canonical text of {@code s}, or null when it is not a UUID. */
    public static String canonical(String s) {
        byte[] b = bytes(s);
        return b == null ? null : text(b);
    }

    /** The 16 bytes of UUID text {@code s}, or null when it is not a UUID. */
    public static byte[] bytes(String s) {
        int i = 0, end = s.length();
        boolean braces = end > 0 && s.charAt(0) == '{';
        if (braces) {
            if (s.charAt(end - 1) != '}') return null;
            i = 1;
            end--;
        }
        byte[] out = new byte[16];
        int digits = 0;
        while (i < end && digits < 32) {
            char c = s.charAt(i++);
            int d = Character.digit(c, 16);
            if (d < 0 || c > 'f') return null;
            out[digits / 2] |= (byte) (digits % 2 == 0 ? d << 4 : d);
            digits++;
            // uuid_in: a hyphen may follow any group of four digits (not the last)
            if (digits % 4 == 0 && digits < 32 && i < end && s.charAt(i) == '-') i++;
        }
        return digits == 32 && i == end ? out : null;
    }

    /**
     * The error for text that is not a UUID: 1411 as MySQL's other typed conversions, with
     * {@link #INVALID_PREFIX} and the text in quotes (the PostgreSQL port words it as uuid_in does).
     */
    public static dev.basalt.engine.api.SqlException invalid(String text) {
        return new dev.basalt.engine.api.SqlException(1411, "HY000", INVALID_PREFIX + text + "'");
    }

    /** How the message of {@link #invalid} starts. */
    public static final String INVALID_PREFIX = "Incorrect uuid value: '";

    /** The canonical text of 16 UUID bytes. */
    public static String text(byte[] b) {
        StringBuilder sb = new StringBuilder(36);
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) sb.append('-');
            sb.append(HEX[(b[i] >> 4) & 0xF]).append(HEX[b[i] & 0xF]);
        }
        return sb.toString();
    }
}
