package dev.basalt.engine.types;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Character folding matching a collation's equality, for code that works character by
 * character (LIKE, LOCATE, REPLACE is case-sensitive and does not use this).
 */
public final class Folding {
    private Folding() {}

    /** Whether the collation ignores case (and accents). */
    public static boolean isCaseInsensitive(Collation c) {
        return c != null && c != Collation.BINARY && !c.name().endsWith("_bin") && !c.name().endsWith("_cs");
    }

    /** The string folded so that equal-under-collation strings become equal Java strings. */
    public static String fold(String s, Collation c) {
        if (!isCaseInsensitive(c)) return s;
        if (c instanceof GeneralCiCollation) return GeneralCiCollation.fold(s); // no expansions, unlike 0900_ai_ci
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) ascii = s.charAt(i) < 0x80;
        if (ascii) return s.toUpperCase(Locale.ROOT);
        String d = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder sb = new StringBuilder(d.length());
        for (int i = 0; i < d.length(); i++) {
            char ch = d.charAt(i);
            if (Character.getType(ch) == Character.NON_SPACING_MARK) continue;
            sb.append(ch);
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }
}
