package dev.basalt.engine.fulltext;

import dev.basalt.engine.expr.Coercion;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.types.SqlType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * MATCH (columns) AGAINST (search [mode]) on one row: the relevance, a DOUBLE, and as a condition
 * whether the row matches (natural mode: relevance above 0; boolean mode: the operators hold).
 * The first evaluation reads the document frequencies of the search words from the index's stored
 * entries ({@link InvertedIndex}), or, without them, from one scan of the {@link Corpus}; the search string is a constant, so those hold for the whole statement, and other
 * MATCHes of the statement with the same search on the same index reuse them. In WHERE, the planner
 * reads only the {@link #candidates} rows (EXPLAIN type fulltext). As InnoDB, whose index takes a
 * row's words at COMMIT, no row the transaction inserted or changed the words of matches until then
 * ({@link InvertedIndex#uncommitted}; the row is named by its {@link RowKey} where read without the index).
 */
public final class MatchAgainst implements Expr {

    /** IN NATURAL LANGUAGE MODE (the default), IN BOOLEAN MODE, or natural WITH QUERY EXPANSION. */
    public enum Mode { NATURAL, BOOLEAN, EXPANSION }

    private final List<Expr> columns;
    private final Expr search;
    private final Mode mode;
    private final Corpus corpus;
    /** The index searched; null when its entries cannot serve this MATCH (see FulltextBinding). */
    private final FulltextIndex index;
    /** Statement-wide state: MATCHes with the same search over the same index share one preparation. */
    private final Map<String, Object> shared;
    private final String corpusKey;
    /** Case- and accent-insensitive words (the columns' collation is not binary). */
    private final boolean fold;
    /**
     * Names the row a MATCH is evaluated on, to leave out the rows the transaction has not committed
     * the words of ({@link InvertedIndex#uncommitted}); null when the row's primary key is not at hand.
     */
    private final RowKey rowKey;
    private String preparedFor;
    private java.util.NavigableSet<byte[]> uncommitted = java.util.Collections.emptyNavigableSet();
    private Statistics statistics;
    private BooleanQuery booleanQuery;
    private List<Statistics.Term> naturalTerms;
    /** The rows of each search term, by term key; null when the statistics came from a scan. */
    private Map<String, java.util.NavigableSet<byte[]>> postings;

    /**
     * @param corpus    the index's documents
     * @param shared    statement-scoped map where the preparation (document frequencies) is shared
     * @param corpusKey names the index in {@code shared}
     */
    public MatchAgainst(List<Expr> columns, Expr search, Mode mode, Corpus corpus, Map<String, Object> shared, String corpusKey,
                        boolean fold) {
        this(columns, search, mode, corpus, null, shared, corpusKey, fold);
    }

    /**
     * The searched row's primary key: expressions giving its values on the row MATCH is evaluated
     * on, and the table layer's encoding of them into {@link InvertedIndex} row keys.
     */
    public record RowKey(List<Expr> parts, java.util.function.Function<Object[], byte[]> encode) { }

    /** @param index the index searched, whose stored entries give the statistics and the rows to read (null: scan) */
    public MatchAgainst(List<Expr> columns, Expr search, Mode mode, Corpus corpus, FulltextIndex index,
                        Map<String, Object> shared, String corpusKey, boolean fold) {
        this(columns, search, mode, corpus, index, shared, corpusKey, fold, null);
    }

    /** @param rowKey the searched row's primary key, or null when the row does not carry it */
    public MatchAgainst(List<Expr> columns, Expr search, Mode mode, Corpus corpus, FulltextIndex index,
                        Map<String, Object> shared, String corpusKey, boolean fold, RowKey rowKey) {
        this.rowKey = rowKey;
        this.index = index;
        this.fold = fold;
        this.columns = List.copyOf(columns);
        this.search = search;
        this.mode = mode;
        this.corpus = corpus;
        this.shared = shared;
        this.corpusKey = corpusKey;
    }

    /** The statement-scoped state this MATCH shares with the statement's other expressions and the planner. */
    public Map<String, Object> statementState() { return shared; }

    /** The index searched, when its entries may narrow the rows read; else null. */
    public FulltextIndex index() { return index; }

    /**
     * The rows (keys in row order) that may match: a superset of the matches, each still checked
     * by {@link #test}. Null when the index's entries cannot narrow the search: read every row.
     */
    public java.util.NavigableSet<byte[]> candidates(EvalContext ctx) {
        Object q = search.eval(ctx, null);
        if (q == null) return new java.util.TreeSet<>(InvertedIndex.ROW_ORDER); // a NULL search matches nothing
        String text = Coercion.toText(q, search.type());
        if (!text.equals(preparedFor)) prepare(text);
        if (postings == null) return null;
        java.util.function.Function<Statistics.Term, java.util.NavigableSet<byte[]>> rows = t -> postings.get(t.key());
        if (mode == Mode.BOOLEAN) return booleanQuery.candidates(rows);
        java.util.NavigableSet<byte[]> out = new java.util.TreeSet<>(InvertedIndex.ROW_ORDER);
        for (Statistics.Term t : naturalTerms) out.addAll(rows.apply(t));
        return out;
    }

    @Override public SqlType type() { return SqlType.DOUBLE; }

    @Override public boolean nullable() { return false; }

    @Override
    public Object eval(EvalContext ctx, Object[] row) {
        Document d = document(ctx, row);
        if (d == null) return 0.0;
        double r = mode != Mode.BOOLEAN ? naturalRank(d) : booleanQuery.matches(d) ? booleanQuery.rank(statistics, d) : 0;
        return (double) (float) r; // InnoDB keeps relevance as a float
    }

    @Override
    public boolean test(EvalContext ctx, Object[] row) {
        Document d = document(ctx, row);
        if (d == null) return false;
        return mode == Mode.BOOLEAN ? booleanQuery.matches(d) : naturalMatch(d);
    }

    /**
     * Relevance above 0: a search word is in the row. The same test, since a word of a row of the
     * table has an IDF above 0 (log10(1.0001) when in every row), without needing the row count.
     */
    private boolean naturalMatch(Document d) {
        for (Statistics.Term t : naturalTerms) if (d.frequency(t.word(), t.prefix()) > 0) return true;
        return false;
    }

    private double naturalRank(Document d) {
        double r = 0;
        for (Statistics.Term t : naturalTerms) r += statistics.rank(t, d);
        return r;
    }

    /** The row's document, or null when the search string is NULL; prepares the query on first use. */
    private Document document(EvalContext ctx, Object[] row) {
        Object q = search.eval(ctx, null);
        if (q == null) return null;
        String text = Coercion.toText(q, search.type());
        if (!text.equals(preparedFor)) prepare(text);
        StringBuilder b = new StringBuilder();
        for (Expr c : columns) {
            Object v = c.eval(ctx, row);
            if (v == null) continue;
            if (!b.isEmpty()) b.append(' ');
            b.append(Coercion.toText(v, c.type()));
        }
        if (!uncommitted.isEmpty() && rowKey != null) {
            byte[] k = key(ctx, row);
            if (k != null && uncommitted.contains(k)) return null;
        }
        return new Document(b.toString(), fold);
    }

    /** The row's key, as the index names rows. */
    private byte[] key(EvalContext ctx, Object[] row) {
        Object[] values = new Object[rowKey.parts().size()];
        for (int i = 0; i < values.length; i++) values[i] = rowKey.parts().get(i).eval(ctx, row);
        return rowKey.encode().apply(values);
    }

    private record Prepared(Statistics statistics, BooleanQuery booleanQuery, List<Statistics.Term> naturalTerms,
                            Map<String, java.util.NavigableSet<byte[]>> postings, java.util.NavigableSet<byte[]> uncommitted) { }

    private void prepare(String text) {
        String key = "fulltext " + corpusKey + " " + mode + " " + text;
        if (shared.get(key) instanceof Prepared p) {
            statistics = p.statistics();
            booleanQuery = p.booleanQuery();
            naturalTerms = p.naturalTerms();
            postings = p.postings();
            uncommitted = p.uncommitted();
            preparedFor = text;
            return;
        }
        InvertedIndex entries = index == null ? null : index.entries().get();
        uncommitted = entries == null ? java.util.Collections.emptyNavigableSet() : entries.uncommitted();
        List<Statistics.Term> terms;
        if (mode == Mode.BOOLEAN) {
            booleanQuery = new BooleanQuery(text, fold);
            terms = booleanQuery.terms();
        } else {
            terms = new ArrayList<>();
            for (String w : new LinkedHashSet<>(Tokenizer.tokens(text, fold))) terms.add(new Statistics.Term(w, false));
            naturalTerms = terms;
            if (mode == Mode.EXPANSION) terms = naturalTerms = expanded(terms, entries);
        }
        postings = entries == null ? null : new java.util.HashMap<>();
        statistics = entries == null ? new Statistics(corpus, terms, fold) : new Statistics(entries, terms, postings);
        preparedFor = text;
        shared.put(key, new Prepared(statistics, booleanQuery, naturalTerms, postings, uncommitted));
    }

    /**
     * Query expansion as InnoDB does it: a first natural-language search, then the search words plus
     * every indexed word of the documents it found. With the index's entries, the first search reads
     * only the rows holding a search word (as the second then does, through {@link #candidates}).
     */
    private List<Statistics.Term> expanded(List<Statistics.Term> terms, InvertedIndex entries) {
        LinkedHashSet<String> words = new LinkedHashSet<>();
        for (Statistics.Term t : terms) words.add(t.word());
        java.util.function.Consumer<String> collect = text -> {
            Document d = new Document(text, fold);
            if (naturalRank(d) > 0) words.addAll(d.counts.keySet());
        };
        if (entries == null) {
            statistics = new Statistics(corpus, terms, fold);
            corpus.forEachDocument(collect);
        } else {
            Map<String, java.util.NavigableSet<byte[]>> first = new java.util.HashMap<>();
            statistics = new Statistics(entries, terms, first);
            java.util.NavigableSet<byte[]> found = new java.util.TreeSet<>(InvertedIndex.ROW_ORDER);
            for (Statistics.Term t : terms) found.addAll(first.get(t.key()));
            corpus.forEachDocument(found, collect);
        }
        List<Statistics.Term> out = new ArrayList<>();
        for (String w : words) out.add(new Statistics.Term(w, false));
        return out;
    }

    @Override
    public List<Expr> children() {
        List<Expr> out = new ArrayList<>(columns);
        out.add(search);
        if (rowKey != null) out.addAll(rowKey.parts());
        return out;
    }

    @Override
    public Expr withChildren(List<Expr> children) {
        int n = columns.size();
        RowKey key = rowKey == null ? null : new RowKey(children.subList(n + 1, children.size()), rowKey.encode());
        return new MatchAgainst(children.subList(0, n), children.get(n), mode, corpus, index, shared, corpusKey, fold, key);
    }

    @Override
    public String toString() {
        return "match " + columns + " against (" + search + " " + mode + ")";
    }
}
