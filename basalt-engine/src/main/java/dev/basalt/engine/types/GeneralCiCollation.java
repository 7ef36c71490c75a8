package dev.basalt.engine.types;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The *_general_ci collations (utf8mb4_general_ci, utf8mb3_general_ci): one weight per character,
 * so no expansions ('ß' = 's', not 'ss' as in utf8mb4_0900_ai_ci; 'Æ' is a letter of its own),
 * case- and accent-insensitive for letters with a decomposition, and PAD SPACE (trailing spaces
 * do not count). One instance per name, so collations compare by identity.
 */
final class GeneralCiCollation implements Collation {
    private static final Map<String, GeneralCiCollation> BY_NAME = new ConcurrentHashMap<>();

    private final String name;

    private GeneralCiCollation(String name) { this.name = name; }

    static GeneralCiCollation named(String lowerCaseName) {
        return BY_NAME.computeIfAbsent(lowerCaseName, GeneralCiCollation::new);
    }

    @Override public String name() { return name; }

    @Override
    public byte[] sortKey(String s) { return fold(stripTrailingSpaces(s)).getBytes(StandardCharsets.UTF_8); }

    @Override
    public int compare(String a, String b) { return fold(stripTrailingSpaces(a)).compareTo(fold(stripTrailingSpaces(b))); }

    /** Each character to its weight character: base letter without accents, upper case, one for one. */
    static String fold(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            sb.appendCodePoint(weight(cp));
        }
        return sb.toString();
    }

    private static int weight(int cp) {
        if (cp < 0x80) return cp >= 'a' && cp <= 'z' ? cp - 32 : cp;
        if (cp == 'ß') return 'S';
        String d = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD);
        int base = d.codePointAt(0);
        return Character.toUpperCase(base);
    }

    private static String stripTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') end--;
        return end == s.length() ? s : s.substring(0, end);
    }

    @Override public String toString() { return name; }
}
