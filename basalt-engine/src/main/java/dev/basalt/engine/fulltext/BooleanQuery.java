package dev.basalt.engine.fulltext;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A search string IN BOOLEAN MODE: words, {@code word*} prefixes, {@code "phrases"} and
 * {@code ( )} groups, {@code "words" @n} proximity (all the words within n words of each other), each optionally led by {@code +} (must be present), {@code -} (must be absent),
 * {@code >} (present adds 1 to the relevance, as InnoDB), {@code <} and {@code ~} (present subtract 1).
 * A group (and the whole query) matches when all its + clauses match, none of its - clauses do, and,
 * without + clauses, at least one other clause matches. Words InnoDB does not index (shorter than 3
 * characters, longer than 84, stopwords) are dropped from the query, as InnoDB does.
 */
final class BooleanQuery {

    /** Clause requirement: +, - or neither. */
    enum Need { REQUIRED, EXCLUDED, OPTIONAL }

    sealed interface Clause permits Word, Phrase, Group {
        Need need();
        /** Relevance adjustment when present: +1 per >, -1 per < or ~. */
        int adjust();
    }

    record Word(Need need, int adjust, Statistics.Term term) implements Clause { }

    /** A phrase ({@code distance} 0) or a proximity search: the words start less than distance words apart. */
    record Phrase(Need need, int adjust, List<String> words, int distance) implements Clause {
        boolean in(Document d) { return distance > 0 ? d.withinDistance(words, distance) : d.containsPhrase(words); }
    }

    record Group(Need need, int adjust, List<Clause> clauses) implements Clause { }

    private final String text;
    private int pos;
    final Group root;

    private final boolean fold;

    BooleanQuery(String text) { this(text, true); }

    BooleanQuery(String text, boolean fold) {
        this.text = text;
        this.fold = fold;
        this.root = new Group(Need.OPTIONAL, 0, clauses(false));
    }

    private List<Clause> clauses(boolean nested) {
        List<Clause> out = new ArrayList<>();
        Need need = Need.OPTIONAL;
        int adjust = 0;
        while (pos < text.length()) {
            int c = text.codePointAt(pos);
            if (c == ')' && nested) {
                pos++;
                return out;
            }
            switch (c) {
                case '+' -> { need = Need.REQUIRED; pos++; continue; }
                case '-' -> { need = Need.EXCLUDED; pos++; continue; }
                case '~', '<' -> { adjust--; pos++; continue; }
                case '>' -> { adjust++; pos++; continue; }
                default -> { }
            }
            Clause clause = null;
            if (c == '(') {
                pos++;
                clause = new Group(need, adjust, clauses(true));
            } else if (c == '"') {
                int end = text.indexOf('"', pos + 1);
                if (end < 0) end = text.length();
                List<String> words = Tokenizer.words(text.substring(pos + 1, end), fold);
                pos = Math.min(text.length(), end + 1);
                int distance = proximity();
                if (!words.isEmpty()) clause = new Phrase(need, adjust, words, distance);
            } else if (Tokenizer.wordChar(c)) {
                int start = pos;
                while (pos < text.length() && Tokenizer.wordChar(text.codePointAt(pos))) pos += Character.charCount(text.codePointAt(pos));
                String word = Tokenizer.fold(text.substring(start, pos), fold);
                boolean prefix = pos < text.length() && text.charAt(pos) == '*';
                if (prefix) pos++;
                if (prefix || Tokenizer.indexed(word)) {
                    clause = new Word(need, adjust, new Statistics.Term(word, prefix));
                }
            } else {
                pos += Character.charCount(c);
                need = Need.OPTIONAL;
                adjust = 0;
                continue;
            }
            if (clause != null) out.add(clause);
            need = Need.OPTIONAL;
            adjust = 0;
        }
        return out;
    }

    /** After a phrase: {@code @n} makes it a proximity search; 0 when absent. */
    private int proximity() {
        int at = pos;
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) at++;
        if (at >= text.length() || text.charAt(at) != '@') return 0;
        int digits = at + 1;
        while (digits < text.length() && Character.isDigit(text.charAt(digits))) digits++;
        if (digits == at + 1) return 0;
        pos = digits;
        try {
            return Integer.parseInt(text.substring(at + 1, digits));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** Every word and prefix of the query, for the document frequencies. */
    List<Statistics.Term> terms() {
        List<Statistics.Term> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Clause c, List<Statistics.Term> out) {
        switch (c) {
            case Word w -> out.add(w.term());
            case Phrase p -> {
                for (String w : p.words()) if (Tokenizer.indexed(w)) out.add(new Statistics.Term(w, false));
            }
            case Group g -> { for (Clause x : g.clauses()) collect(x, out); }
        }
    }

    boolean matches(Document d) { return matches(root, d); }

    /**
     * The rows that may match, from the index's entries ({@code rows} per term): a superset, as
     * each row read is still checked by {@link #matches}. Null when the entries cannot narrow the
     * search (a phrase of words the index does not keep, such as stopwords): then every row is read.
     */
    java.util.NavigableSet<byte[]> candidates(java.util.function.Function<Statistics.Term, java.util.NavigableSet<byte[]>> rows) {
        return candidates(root, rows);
    }

    private static java.util.NavigableSet<byte[]> candidates(Clause c,
            java.util.function.Function<Statistics.Term, java.util.NavigableSet<byte[]>> rows) {
        return switch (c) {
            case Word w -> rows.apply(w.term());
            case Phrase p -> {
                // every word of the phrase is in a matching row: the rows of any one indexed word will do
                java.util.NavigableSet<byte[]> fewest = null;
                for (String w : p.words()) {
                    if (!Tokenizer.indexed(w)) continue;
                    java.util.NavigableSet<byte[]> r = rows.apply(new Statistics.Term(w, false));
                    if (fewest == null || r.size() < fewest.size()) fewest = r;
                }
                yield fewest;
            }
            case Group g -> {
                // with + clauses a row needs each of them (any one's rows will do); else one of the others
                java.util.NavigableSet<byte[]> required = null;
                boolean hasRequired = false;
                java.util.NavigableSet<byte[]> any = new java.util.TreeSet<>(InvertedIndex.ROW_ORDER);
                boolean anyKnown = true;
                for (Clause x : g.clauses()) {
                    if (x.need() == Need.EXCLUDED) continue;
                    java.util.NavigableSet<byte[]> r = candidates(x, rows);
                    if (x.need() == Need.REQUIRED) {
                        hasRequired = true;
                        if (r != null && (required == null || r.size() < required.size())) required = r;
                    } else if (r == null) {
                        anyKnown = false;
                    } else {
                        any.addAll(r);
                    }
                }
                if (hasRequired) yield required;
                yield anyKnown ? any : null;
            }
        };
    }

    private static boolean matches(Clause c, Document d) {
        return switch (c) {
            case Word w -> d.frequency(w.term().word(), w.term().prefix()) > 0;
            case Phrase p -> p.in(d);
            case Group g -> {
                boolean required = false, optional = false;
                for (Clause x : g.clauses()) {
                    boolean m = matches(x, d);
                    switch (x.need()) {
                        case REQUIRED -> { if (!m) yield false; required = true; }
                        case EXCLUDED -> { if (m) yield false; }
                        case OPTIONAL -> optional |= m;
                    }
                }
                yield required || optional;
            }
        };
    }

    /**
     * Relevance of a matching document: the TF * IDF * IDF of the words found, plus the adjustments of
     * the clauses found. Approximates InnoDB, which walks the clauses in a different order.
     */
    double rank(Statistics s, Document d) { return rank(root, s, d); }

    private static double rank(Clause c, Statistics s, Document d) {
        if (c.need() == Need.EXCLUDED || !matches(c, d)) return 0;
        double r = c.adjust();
        switch (c) {
            case Word w -> r += s.rank(w.term(), d);
            case Phrase p -> {
                for (String w : p.words()) if (Tokenizer.indexed(w)) r += s.rank(new Statistics.Term(w, false), d);
            }
            case Group g -> { for (Clause x : g.clauses()) r += rank(x, s, d); }
        }
        return r;
    }
}
