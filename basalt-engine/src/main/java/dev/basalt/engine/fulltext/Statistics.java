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
    private long total;
    private final Map<String, Double> idf = new HashMap<>();
    /** From the index's entries: the document frequencies, and the rows counted only when a relevance needs them. */
    private InvertedIndex index;
    private Map<String, Long> frequencies;

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
        for (Term t : terms) idf.put(t.key(), idf(docs.getOrDefault(t.key(), 0L)));
    }

    /**
     * The same figures from the index's entries: the rows each term names (kept in {@code postings}
     * by term key, for the rows to read) and the table's row count. Equal to a scan's, since the
     * entries hold exactly the words the tokenizer finds in each row.
     */
    Statistics(InvertedIndex index, List<Term> terms, Map<String, java.util.NavigableSet<byte[]>> postings) {
        this.index = index;
        this.frequencies = new HashMap<>();
        for (Term t : terms) {
            java.util.NavigableSet<byte[]> rows = postings.computeIfAbsent(t.key(), k -> index.rowsWith(t.word(), t.prefix()));
            frequencies.put(t.key(), (long) rows.size());
        }
    }

    /** Counting the table's rows costs a pass over its keys: done on the first relevance asked for. */
    private void countDocuments() {
        if (index == null) return;
        total = index.documents();
        for (Map.Entry<String, Long> e : frequencies.entrySet()) idf.put(e.getKey(), idf(e.getValue()));
        index = null;
    }

    private double idf(long df) {
        return df == 0 ? 0 : df == total ? Math.log10(1.0001) : Math.log10((double) total / df);
    }

    double idf(Term t) {
        countDocuments();
        return idf.getOrDefault(t.key(), 0.0);
    }

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
