package dev.basalt.engine.expr;

/**
 * A compiled LIKE pattern: '%' matches any run, '_' one character, the escape character makes
 * the next one literal. Matching is iterative with single-point backtracking on the last '%'.
 */
public final class LikePattern {
    private static final char ANY_RUN = '\uFFFF';
    private static final char ANY_ONE = '\uFFFE';

    /** Pattern chars with wildcards mapped to sentinels (escaped chars stay literal). */
    private final char[] p;
    private final String literalPrefix;

    private LikePattern(char[] p, String literalPrefix) {
        this.p = p;
        this.literalPrefix = literalPrefix;
    }

    /** Compiles an (already folded, if case-insensitive) pattern. */
    public static LikePattern compile(String pattern, char escape) {
        char[] out = new char[pattern.length()];
        int n = 0;
        int prefixEnd = -1;
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == escape && i + 1 < pattern.length()) {
                c = pattern.charAt(++i);
                out[n++] = c;
                if (prefixEnd < 0) prefix.append(c);
                continue;
            }
            if (c == '%') {
                if (n > 0 && out[n - 1] == ANY_RUN) continue;
                out[n++] = ANY_RUN;
                if (prefixEnd < 0) prefixEnd = n;
            } else if (c == '_') {
                out[n++] = ANY_ONE;
                if (prefixEnd < 0) prefixEnd = n;
            } else {
                out[n++] = c;
                if (prefixEnd < 0) prefix.append(c);
            }
        }
        return new LikePattern(java.util.Arrays.copyOf(out, n), prefix.toString());
    }

    /** The literal text every match starts with, in the compiled (possibly case-folded) form. */
    public String literalPrefix() { return literalPrefix; }

    /** Whether the whole pattern is literal (no wildcards). */
    public boolean isLiteral() { return literalPrefix.length() == p.length; }

    public boolean matches(String s) {
        int si = 0, pi = 0, n = s.length(), m = p.length;
        int starP = -1, starS = 0;
        while (si < n) {
            if (pi < m) {
                char pc = p[pi];
                if (pc == ANY_RUN) { starP = pi++; starS = si; continue; }
                if (pc == ANY_ONE) {
                    // one character = one code point
                    si += Character.isHighSurrogate(s.charAt(si)) && si + 1 < n ? 2 : 1;
                    pi++;
                    continue;
                }
                if (pc == s.charAt(si)) { si++; pi++; continue; }
            }
            if (starP < 0) return false;
            pi = starP + 1;
            si = ++starS;
        }
        while (pi < m && p[pi] == ANY_RUN) pi++;
        return pi == m;
    }
}
