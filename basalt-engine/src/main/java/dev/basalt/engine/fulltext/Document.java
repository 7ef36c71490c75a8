package dev.basalt.engine.fulltext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One row's text as the full-text search sees it: every word in order, and the indexed words counted. */
final class Document {
    final List<String> words;
    final Map<String, Integer> counts = new HashMap<>();

    Document(String text) { this(text, true); }

    /** @param fold compare words case- and accent-insensitively (see {@link Tokenizer#fold}) */
    Document(String text, boolean fold) {
        words = Tokenizer.words(text, fold);
        for (String w : words) if (Tokenizer.indexed(w)) counts.merge(w, 1, Integer::sum);
    }

    /** How often the word occurs; with {@code prefix}, how many indexed words start with it. */
    int frequency(String word, boolean prefix) {
        if (!prefix) return counts.getOrDefault(word, 0);
        int n = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) if (e.getKey().startsWith(word)) n += e.getValue();
        return n;
    }

    /**
     * Whether every one of the words occurs, at positions less than {@code distance} words apart
     * (InnoDB's {@code "..." @distance}; every word of the text counts, stopwords included).
     */
    boolean withinDistance(List<String> wanted, int distance) {
        java.util.Set<String> distinct = new java.util.HashSet<>(wanted);
        Map<String, Integer> inWindow = new HashMap<>();
        int start = 0;
        for (int end = 0; end < words.size(); end++) {
            if (distinct.contains(words.get(end))) inWindow.merge(words.get(end), 1, Integer::sum);
            // shrink from the left while the window still holds every word
            while (inWindow.size() == distinct.size()) {
                if (end - start < distance) return true;
                String w = words.get(start++);
                if (distinct.contains(w) && inWindow.merge(w, -1, Integer::sum) == 0) inWindow.remove(w);
            }
        }
        return false;
    }

    /** Whether the words occur consecutively (a boolean-mode "phrase"). */
    boolean containsPhrase(List<String> phrase) {
        if (phrase.isEmpty()) return false;
        outer:
        for (int i = 0; i + phrase.size() <= words.size(); i++) {
            for (int j = 0; j < phrase.size(); j++) if (!words.get(i + j).equals(phrase.get(j))) continue outer;
            return true;
        }
        return false;
    }
}
