package dev.basalt.engine.types;

import java.nio.charset.StandardCharsets;

/**
 * utf8mb4_0900_ai_ci, approximated: case- and accent-insensitive, NO PAD. ASCII strings (the
 * common case) compare and hash without allocating; others fold through {@link Folding}.
 * Exact UCA weights are future work.
 */
final class AccentInsensitiveCollation implements Collation {

    @Override public String name() { return "utf8mb4_0900_ai_ci"; }

    @Override
    public byte[] sortKey(String s) {
        if (isAscii(s)) {
            byte[] b = new byte[s.length()];
            for (int i = 0; i < b.length; i++) b[i] = (byte) upper(s.charAt(i));
            return b;
        }
        return Folding.fold(s, this).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i), y = b.charAt(i);
            if (x >= 0x80 || y >= 0x80) return slow(a, b);
            if (x != y) {
                int d = upper(x) - upper(y);
                if (d != 0) return d;
            }
        }
        if (a.length() != b.length()) {
            String longer = a.length() > b.length() ? a : b;
            for (int i = n; i < longer.length(); i++) if (longer.charAt(i) >= 0x80) return slow(a, b);
        }
        return a.length() - b.length();
    }

    private int slow(String a, String b) {
        return Folding.fold(a, this).compareTo(Folding.fold(b, this));
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) >= 0x80) return false;
        return true;
    }

    private static int upper(char c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }

    @Override public String toString() { return name(); }
}
