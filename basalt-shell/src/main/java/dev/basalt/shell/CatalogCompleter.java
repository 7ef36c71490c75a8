package dev.basalt.shell;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Tab completion over keywords and the server's names that stays current while the shell runs.
 * The names ({@link Completions#load}) are read again: after the shell ran a statement that can
 * create, drop or rename something (CREATE, DROP, ALTER, RENAME), at the next Tab; on
 * {@code rehash} ({@code \#}), as in the mysql client; and when a Tab finds nothing for the word
 * typed (another client may have made the table), at most once every few seconds, so pressing
 * Tab on a word that matches nothing does not query the server each time.
 */
final class CatalogCompleter implements Completer {
    /** Least time between two reloads caused by a Tab that found nothing. */
    static final long MISS_RELOAD_NANOS = 3_000_000_000L;

    private final Supplier<List<String>> loader;
    private final LongSupplier clock;
    private volatile List<String> words;
    private volatile boolean stale;
    private long loadedAt;

    /** @param loader reads the words (keywords and names) from the server */
    CatalogCompleter(Supplier<List<String>> loader) {
        this(loader, System::nanoTime);
    }

    CatalogCompleter(Supplier<List<String>> loader, LongSupplier clock) {
        this.loader = loader;
        this.clock = clock;
        rehash();
    }

    /** Reads the names again now (the {@code rehash} command). */
    synchronized void rehash() {
        words = loader.get();
        loadedAt = clock.getAsLong();
        stale = false;
    }

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
        String p = prefix.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        for (String w : words) {
            if (w.toLowerCase(Locale.ROOT).startsWith(p)) out.add(w);
        }
        return out;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String word = line.word();
        String prefix = word.substring(0, Math.min(line.wordCursor(), word.length()));
        for (String w : candidates(prefix)) candidates.add(new Candidate(w));
    }
}
