package dev.basalt.engine.fulltext;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * InnoDB's built-in full-text parser: a word is a run of letters, digits and underscores (an
 * apostrophe between two word characters stays inside the word). Under a case-insensitive collation
 * words are compared folded (lower case, accents removed, as utf8mb4_0900_ai_ci compares them); under a
 * binary one as written.
 * Only words of {@value #MIN_TOKEN} to {@value #MAX_TOKEN} characters that are not stopwords are indexed.
 */
public final class Tokenizer {
    /** innodb_ft_min_token_size default. */
    public static final int MIN_TOKEN = 3;
    /** innodb_ft_max_token_size default. */
    public static final int MAX_TOKEN = 84;

    /** INNODB_FT_DEFAULT_STOPWORD, the list InnoDB uses unless innodb_ft_server_stopword_table is set. */
    static final Set<String> STOPWORDS = Set.of("a", "about", "an", "are", "as", "at", "be", "by", "com", "de",
            "en", "for", "from", "how", "i", "in", "is", "it", "la", "of", "on", "or", "that", "the", "this", "to",
            "was", "what", "when", "where", "who", "will", "with", "und", "www");

    private Tokenizer() { }

    static boolean wordChar(int c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** Every word of the text in order, folded, including short words and stopwords (for phrases). */
    public static List<String> words(String text) { return words(text, true); }

    /** The word as a case- and accent-insensitive collation compares it (unchanged when not folding). */
    public static String fold(String word, boolean fold) {
        if (!fold) return word;
        String lower = word.toLowerCase(Locale.ROOT);
        boolean ascii = true;
        for (int i = 0; i < lower.length() && ascii; i++) ascii = lower.charAt(i) < 0x80;
        if (ascii) return lower;
        return java.text.Normalizer.normalize(lower, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    }

    /** Every word of the text in order, folded when {@code fold}, including short words and stopwords. */
    public static List<String> words(String text, boolean fold) {
        List<String> out = new ArrayList<>();
        if (text == null) return out;
        int n = text.length();
        int i = 0;
        while (i < n) {
            int c = text.codePointAt(i);
            if (!wordChar(c)) {
                i += Character.charCount(c);
                continue;
            }
            int start = i;
            while (i < n) {
                int d = text.codePointAt(i);
                if (wordChar(d)) {
                    i += Character.charCount(d);
                } else if (d == '\'' && i + 1 < n && wordChar(text.codePointAt(i + 1))) {
                    i++;
                } else {
                    break;
                }
            }
            out.add(fold(text.substring(start, i), fold));
        }
        return out;
    }

    /** Whether the word would be in the index: long enough, not too long, not a stopword (in any case). */
    public static boolean indexed(String word) {
        int len = word.codePointCount(0, word.length());
        return len >= MIN_TOKEN && len <= MAX_TOKEN && !STOPWORDS.contains(word.toLowerCase(Locale.ROOT));
    }

    /** The indexed words of the text, in order. */
    public static List<String> tokens(String text) { return tokens(text, true); }

    /** How often each indexed word occurs in the text: a row's entries in a FULLTEXT index. */
    public static java.util.Map<String, Integer> counts(String text, boolean fold) {
        java.util.Map<String, Integer> out = new java.util.HashMap<>();
        for (String w : tokens(text, fold)) out.merge(w, 1, Integer::sum);
        return out;
    }

    /** Whether a column of this collation compares words folded: all but the {@code _bin} ones (null: the default). */
    public static boolean folds(dev.basalt.engine.types.Collation collation) {
        return collation == null || !collation.name().toLowerCase(Locale.ROOT).endsWith("_bin");
    }

    /** The indexed words of the text, in order, folded when {@code fold}. */
    public static List<String> tokens(String text, boolean fold) {
        List<String> out = new ArrayList<>();
        for (String w : words(text, fold)) if (indexed(w)) out.add(w);
        return out;
    }
}
