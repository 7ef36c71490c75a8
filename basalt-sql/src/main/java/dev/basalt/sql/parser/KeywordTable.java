package dev.basalt.sql.parser;

/**
 * Case-insensitive keyword lookup straight from the source characters, so that recognizing a
 * keyword allocates nothing (bulk INSERTs are full of NULLs).
 */
final class KeywordTable {
    private static final int SIZE = 2048;
    private static final int MASK = SIZE - 1;
    private static final Keyword[] SLOTS = new Keyword[SIZE];
    private static final int MAX_LENGTH;

    static {
        int max = 0;
        for (Keyword k : Keyword.values()) {
            String name = k.name();
            max = Math.max(max, name.length());
            int slot = hash(name, 0, name.length()) & MASK;
            while (SLOTS[slot] != null) {
                slot = (slot + 1) & MASK;
            }
            SLOTS[slot] = k;
        }
        MAX_LENGTH = max;
    }

    private KeywordTable() {
    }

    /** The keyword spelled by src[start, end) in any letter case, or null. */
    static Keyword lookup(String src, int start, int end) {
        int length = end - start;
        if (length > MAX_LENGTH) {
            return null;
        }
        int slot = hash(src, start, end) & MASK;
        for (Keyword k; (k = SLOTS[slot]) != null; slot = (slot + 1) & MASK) {
            String name = k.name();
            if (name.length() == length && src.regionMatches(true, start, name, 0, length)) {
                return k;
            }
        }
        return null;
    }

    private static int hash(String s, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                c -= 32;
            }
            h = h * 31 + c;
        }
        return h ^ (h >>> 11);
    }
}
