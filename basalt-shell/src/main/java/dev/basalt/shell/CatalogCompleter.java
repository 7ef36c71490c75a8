package dev.basalt.shell;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Tab completion over keywords and the server's names that stays current while the shell runs.
 * The names ({@link Completions#load}) are read again: after the shell ran a statement that can
 * create, drop or rename something (CREATE, DROP, ALTER, RENAME), at the next Tab; on
 * {@code rehash} ({@code \#}), as in the mysql client; and when a Tab finds nothing for the word
 * typed (another client may have made the table), at most once every few seconds, so pressing
 * Tab on a word that matches nothing does not query the server each time.
 *
 * <p>A word is completed from its last {@code (}, {@code ,} or operator on: JLine's words are
 * split at blanks only, so {@code COUNT(zeb} or {@code (id,na} would otherwise match nothing.
 * Right after an opening parenthesis or a comma inside one, when the statement names tables
 * ({@code INSERT INTO t (}, {@code SELECT COUNT(} ... {@code FROM t}), their columns come first:
 * only they are offered when the typed part matches one of them.
 */
final class CatalogCompleter implements Completer {
    /** Least time between two reloads caused by a Tab that found nothing. */
    static final long MISS_RELOAD_NANOS = 3_000_000_000L;

    /** Where a completed word starts inside a blank-separated word: after the last of these. */
    private static final String WORD_BREAKS = "(),=<>+-*/%!|&^~;";
    /** A table named by the statement: after FROM, JOIN, INTO, UPDATE or TABLE (optionally db-qualified, backquoted). */
    private static final Pattern TABLE_NAMED = Pattern.compile(
            "(?i)\\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\\s+(`[^`]+`(?:\\.`[^`]+`)?|[\\w$]+(?:\\.[\\w$]+)?)");

    private final Supplier<Completions.Catalog> loader;
    private final LongSupplier clock;
    private volatile Completions.Catalog catalog;
    /** The lines of the statement typed before the one being edited (its tables count too). */
    private volatile String earlierLines = "";
    private volatile boolean stale;
    private long loadedAt;

    /** @param loader reads the words (keywords and names) from the server */
    CatalogCompleter(Supplier<Completions.Catalog> loader) {
        this(loader, System::nanoTime);
    }

    CatalogCompleter(Supplier<Completions.Catalog> loader, LongSupplier clock) {
        this.loader = loader;
        this.clock = clock;
        rehash();
    }

    /** Reads the names again now (the {@code rehash} command). */
    synchronized void rehash() {
        catalog = loader.get();
        loadedAt = clock.getAsLong();
        stale = false;
    }

    /** The statement's text typed on earlier lines (empty at a new statement). */
    void earlierLines(String text) { earlierLines = text == null ? "" : text; }

    /** A statement ran: one that may have changed the names makes the next Tab read them again. */
    void statementRan(String sql) {
        if (changesNames(sql)) stale = true;
    }

    /** CREATE, DROP, ALTER or RENAME first (after comments): what can add, remove or rename a name. */
    static boolean changesNames(String sql) {
        String t = sql.strip();
        while (t.startsWith("/*") && t.indexOf("*/") > 0) t = t.substring(t.indexOf("*/") + 2).strip();
        int end = 0;
        while (end < t.length() && Character.isLetter(t.charAt(end))) end++;
        String first = t.substring(0, end).toUpperCase(Locale.ROOT);
        return first.equals("CREATE") || first.equals("DROP") || first.equals("ALTER") || first.equals("RENAME");
    }

    /** The words that start with {@code prefix} (any case), reading the names again when needed. */
    synchronized List<String> candidates(String prefix) {
        if (stale) rehash();
        List<String> found = matching(prefix);
        if (found.isEmpty() && !prefix.isEmpty() && clock.getAsLong() - loadedAt >= MISS_RELOAD_NANOS) {
            rehash();
            found = matching(prefix);
        }
        return found;
    }

    private List<String> matching(String prefix) {
        return startingWith(catalog.words(), prefix);
    }

    private static List<String> startingWith(Iterable<String> words, String prefix) {
        String p = prefix.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        for (String w : words) {
            if (w.toLowerCase(Locale.ROOT).startsWith(p)) out.add(w);
        }
        return out;
    }

    /**
     * The completions of {@code word} (the blank-separated word up to the cursor), each as the
     * whole word it replaces. {@code before}: the statement's text before the word; {@code statement}:
     * all of it typed so far (tables named after the cursor count too).
     */
    synchronized List<String> complete(String statement, String before, String word) {
        String part = lastPart(word), lead = word.substring(0, word.length() - part.length());
        List<String> found = null;
        if (afterListOpener(before, lead)) {
            if (stale) rehash();
            found = startingWith(columnsOfNamedTables(statement), part);
        }
        if (found == null || found.isEmpty()) found = candidates(part);
        List<String> out = new ArrayList<>(found.size());
        for (String w : found) out.add(lead + w);
        return out;
    }

    /**
     * Whether the part being completed follows "(" or "," (in its word or as the last non-blank
     * character before the word): a place for a column, as in {@code INSERT INTO t (a, <Tab>}.
     */
    private static boolean afterListOpener(String before, String lead) {
        String head = lead.isEmpty() ? before.stripTrailing() : lead;
        if (head.isEmpty()) return false;
        char c = head.charAt(head.length() - 1);
        return c == '(' || c == ',';
    }

    /** The columns of the tables the statement names, in the tables' order, each once. */
    private Set<String> columnsOfNamedTables(String text) {
        Set<String> columns = new LinkedHashSet<>();
        Matcher m = TABLE_NAMED.matcher(text);
        while (m.find()) columns.addAll(catalog.columnsOf(m.group(1)));
        return columns;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String word = line.word();
        String prefix = word.substring(0, Math.min(line.wordCursor(), word.length()));
        String text = line.line();
        int wordStart = Math.max(0, Math.min(text.length(), line.cursor() - line.wordCursor()));
        String statement = earlierLines + "\n" + text;
        int lead = prefix.length() - lastPart(prefix).length();
        for (String w : complete(statement, earlierLines + "\n" + text.substring(0, wordStart), prefix)) {
            // listed without what precedes it in the word ("zebra_col", not "COUNT(zebra_col")
            candidates.add(new Candidate(w, w.substring(lead), null, null, null, null, true));
        }
    }

    private static String lastPart(String word) {
        for (int i = word.length() - 1; i >= 0; i--) {
            if (WORD_BREAKS.indexOf(word.charAt(i)) >= 0) return word.substring(i + 1);
        }
        return word;
    }
}
