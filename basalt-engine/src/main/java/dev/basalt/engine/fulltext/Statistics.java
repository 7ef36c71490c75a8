package dev.basalt.engine.fulltext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Document frequencies of the query's words over the whole table, and InnoDB's inverse document
 * frequency: IDF = log10(total documents / documents containing the word), or log10(1.0001) for a
 * word found in every document (InnoDB's choice, so that such a word still matches).
 */
final class Statistics {
    private final long total;
    private final Map<String, Double> idf = new HashMap<>();

    /** Scans the corpus once, counting the documents that contain each term. */
    Statistics(Corpus corpus, List<Term> terms, boolean fold) {
        Map<String, Long> docs = new HashMap<>();
        long[] n = {0};
        corpus.forEachDocument(text -> {
            n[0]++;
            Document d = new Document(text, fold);
            for (Term t : terms) if (d.frequency(t.word(), t.prefix()) > 0) docs.merge(t.key(), 1L, Long::sum);
        });
        total = n[0];
        for (Term t : terms) {
            long df = docs.getOrDefault(t.key(), 0L);
            double v = df == 0 ? 0 : df == total ? Math.log10(1.0001) : Math.log10((double) total / df);
            idf.put(t.key(), v);
        }
    }

    double idf(Term t) { return idf.getOrDefault(t.key(), 0.0); }

    /** InnoDB's ranking of one word in one document: TF * IDF * IDF. */
    double rank(Term t, Document d) {
        double i = idf(t);
        return d.frequency(t.word(), t.prefix()) * i * i;
    }

    /** A word (or, with prefix, the start of words) the statistics are kept for. */
    record Term(String word, boolean prefix) {
        String key() { return prefix ? word + "*" : word; }
    }
}
