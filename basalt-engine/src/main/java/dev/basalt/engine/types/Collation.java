package dev.basalt.engine.types;

import java.nio.charset.StandardCharsets;

/**
 * How strings compare, group and index. A collation gives a sort key: two strings are equal
 * under the collation exactly when their sort keys are equal, and sort keys compare (as unsigned
 * bytes) in collation order. The key codec stores sort keys in index keys; the original string
 * lives in the row.
 */
public interface Collation {

    String name();

    /** Bytes that order and compare as the collation does (unsigned lexicographic). */
    byte[] sortKey(String s);

    int compare(String a, String b);

    /** Binary comparison of the UTF-8 bytes: utf8mb4_bin. */
    Collation BINARY = new Collation() {
        public String name() { return "utf8mb4_bin"; }
        public byte[] sortKey(String s) { return s.getBytes(StandardCharsets.UTF_8); }
        public int compare(String a, String b) { return a.compareTo(b); }
        public String toString() { return name(); }
    };

    /**
     * MySQL 8's default, utf8mb4_0900_ai_ci: accent- and case-insensitive, NO PAD.
     * Approximated by folding case and stripping combining marks; exact UCA weights are future work.
     */
    Collation AI_CI = new AccentInsensitiveCollation();

    Collation DEFAULT = AI_CI;

    static Collation forName(String name) {
        if (name == null) return DEFAULT;
        String n = name.toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith("_bin") || n.equals("binary")) return BINARY;
        if (n.endsWith("_general_ci")) return GeneralCiCollation.named(n);
        return AI_CI;
    }
}
