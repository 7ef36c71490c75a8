package dev.basalt.engine.types;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Lossless text for SQL received as bytes. Statements are UTF-8, but binary string literals
 * (_binary'...', what drivers send for byte[] parameters) may hold any bytes. Decoding maps each
 * byte that is not part of valid UTF-8 to a lone low surrogate U+DC80..U+DCFF (as Python's
 * "surrogateescape" does), so {@link #toBytes} gives the original bytes back.
 */
public final class SqlText {
    private SqlText() {}

    public static String decode(byte[] b, int off, int len) {
        int end = off + len;
        boolean ascii = true;
        for (int i = off; i < end && ascii; i++) ascii = b[i] >= 0;
        if (ascii) return new String(b, off, len, StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder(len);
        int i = off;
        while (i < end) {
            int c = b[i] & 0xff;
            int n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
            if (n == 1) {
                out.append((char) c);
                i++;
                continue;
            }
            if (n > 0 && i + n <= end && validSequence(b, i, n)) {
                out.append(new String(b, i, n, StandardCharsets.UTF_8));
                i += n;
            } else {
                out.append((char) (0xDC00 | c));
                i++;
            }
        }
        return out.toString();
    }

    private static boolean validSequence(byte[] b, int i, int n) {
        for (int k = 1; k < n; k++) if ((b[i + k] & 0xC0) != 0x80) return false;
        int c = b[i] & 0xff;
        int cp = switch (n) {
            case 2 -> (c & 0x1F) << 6 | (b[i + 1] & 0x3F);
            case 3 -> (c & 0x0F) << 12 | (b[i + 1] & 0x3F) << 6 | (b[i + 2] & 0x3F);
            default -> (c & 0x07) << 18 | (b[i + 1] & 0x3F) << 12 | (b[i + 2] & 0x3F) << 6 | (b[i + 3] & 0x3F);
        };
        int min = n == 2 ? 0x80 : n == 3 ? 0x800 : 0x10000;
        if (cp < min || cp > 0x10FFFF) return false;
        return !(cp >= 0xD800 && cp <= 0xDFFF);
    }

    /** The bytes the text came from: UTF-8, with escaped raw bytes restored. */
    public static byte[] toBytes(String s) {
        boolean escaped = false;
        for (int i = 0; i < s.length() && !escaped; i++) {
            char ch = s.charAt(i);
            escaped = ch >= 0xDC80 && ch <= 0xDCFF && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
        }
        if (!escaped) return s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch >= 0xDC80 && ch <= 0xDCFF && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)))) {
                out.writeBytes(s.substring(start, i).getBytes(StandardCharsets.UTF_8));
                out.write(ch & 0xff);
                start = i + 1;
            }
        }
        out.writeBytes(s.substring(start).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
