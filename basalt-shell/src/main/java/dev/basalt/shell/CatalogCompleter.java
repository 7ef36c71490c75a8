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
 * Where a column fits (after SELECT, WHERE, AND, ON, BY, HAVING, an operator, or an opening
 * parenthesis or a comma outside a FROM list) columns are offered: those of the tables the
 * statement names ({@link NamedTables}; {@code SELECT a FROM t WHERE <Tab>}), or, while it names
 * none yet ({@code SELECT <Tab>}), those of the current database's tables, as the mysql client's
 * auto-rehash offers them. Only the matching columns are listed; when none matches, the matching
 * keywords (COUNT, DISTINCT ...); when neither, every word (other databases' names too). {@code alias.<Tab>} or {@code table.<Tab>} offers that table's columns.
 */
final class CatalogCompleter implements Completer {
    /** Least time between two reloads caused by a Tab that found nothing. */
    static final long MISS_RELOAD_NANOS = 3_000_000_000L;

    /** Where a completed word starts inside a blank-separated word: after the last of these. */
    private static final String WORD_BREAKS = "(),=<>+-*/%!|&^~;";
    /** Operators after which a column (or a value) comes. */
    private static final String OPERATORS = "=<>+-*/%!|&^~";
    /** Keywords after which a column fits. SET only counts when the statement names its table (UPDATE t SET). */
    private static final Set<String> BEFORE_COLUMN = Set.of("SELECT", "WHERE", "AND", "OR", "XOR", "NOT", "ON", "BY",
            "HAVING", "DISTINCT", "WHEN", "THEN", "ELSE", "SET");
    /** Clauses whose comma list is of tables, not columns: FROM a, <Tab> wants a table. */
    private static final Pattern LAST_CLAUSE = Pattern.compile(
            "(?is).*\\b(SELECT|FROM|JOIN|WHERE|ON|BY|HAVING|SET|INTO|UPDATE|VALUES|LIMIT|TABLE)\\b(.*)");
    private static final Set<String> TABLE_LISTS = Set.of("FROM", "JOIN", "INTO", "UPDATE", "TABLE");

    private final Supplier<Completions.Catalog> loader;
    /** The shell's current database (USE, -D), or null: where SELECT <Tab> looks for columns. */
    private final Supplier<String> currentDatabase;
    private final LongSupplier clock;
    private volatile Completions.Catalog catalog;
    /** The lines of the statement typed before the one being edited (its tables count too). */
    private volatile String earlierLines = "";
    private volatile boolean stale;
    private long loadedAt;

    /** @param loader reads the words (keywords and names) from the server */
    CatalogCompleter(Supplier<Completions.Catalog> loader, Supplier<String> currentDatabase) {
        this(loader, currentDatabase, System::nanoTime);
    }

    CatalogCompleter(Supplier<Completions.Catalog> loader, LongSupplier clock) {
        this(loader, () -> null, clock);
    }

    CatalogCompleter(Supplier<Completions.Catalog> loader, Supplier<String> currentDatabase, LongSupplier clock) {
        this.loader = loader;
        this.currentDatabase = currentDatabase;
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
        if (stale) rehash();
        NamedTables named = NamedTables.of(statement);
        List<String> found = qualifiedColumns(named, part);
        if (found.isEmpty() && columnPlace(before, lead)) {
            boolean set = lastWord(before, lead).equals("SET");
            Set<String> columns = columnsOf(named);
            if (columns.isEmpty() && !set) columns = currentDatabaseColumns();
            found = startingWith(columns, part);
            if (found.isEmpty() && !part.isEmpty()) found = startingWith(Completions.KEYWORDS, part); // COUNT, DISTINCT, NOT ...
        }
        if (found.isEmpty()) found = candidates(part);
        List<String> out = new ArrayList<>(found.size());
        for (String w : found) out.add(lead + w);
        return out;
    }

    /**
     * {@code i.na} where {@code i} is a table or alias of the statement: that table's columns,
     * qualified as typed ({@code i.name}); else none (then {@code db.ta} completes as a table).
     */
    private List<String> qualifiedColumns(NamedTables named, String part) {
        int dot = part.lastIndexOf('.');
        if (dot <= 0) return new ArrayList<>();
        String table = named.resolve(part.substring(0, dot));
        if (table == null) return new ArrayList<>();
        List<String> out = new ArrayList<>();
        for (String c : startingWith(catalog.columnsOf(table), part.substring(dot + 1))) out.add(part.substring(0, dot + 1) + c);
        return out;
    }

    /**
     * Whether a column fits where the part being completed starts: after "(" or "," (in its word
     * or as the last non-blank character before it) unless in a FROM list, after an operator, or
     * after a keyword of {@link #BEFORE_COLUMN}.
     */
    private static boolean columnPlace(String before, String lead) {
        String head = lead.isEmpty() ? before.stripTrailing() : lead;
        if (head.isEmpty()) return false;
        char c = head.charAt(head.length() - 1);
        if (c == '(') return true;
        if (c == ',') return !inTableList(before + lead);
        if (OPERATORS.indexOf(c) >= 0) return true;
        return lead.isEmpty() && BEFORE_COLUMN.contains(lastWord(before, lead));
    }

    /** The last word before the part (upper case), or "" when a word break comes first. */
    private static String lastWord(String before, String lead) {
        if (!lead.isEmpty()) return "";
        String t = before.stripTrailing();
        int start = t.length();
        while (start > 0 && Character.isLetter(t.charAt(start - 1))) start--;
        return t.substring(start).toUpperCase(Locale.ROOT);
    }

    /** Whether the text ends inside a table list: FROM a, (not INSERT INTO t (a, where a parenthesis is open). */
    private static boolean inTableList(String text) {
        Matcher m = LAST_CLAUSE.matcher(text);
        if (!m.matches() || !TABLE_LISTS.contains(m.group(1).toUpperCase(Locale.ROOT))) return false;
        int open = 0;
        for (char ch : m.group(2).toCharArray()) open += ch == '(' ? 1 : ch == ')' ? -1 : 0;
        return open <= 0;
    }

    /** The columns of the tables the statement names, in the tables' order, each once. */
    private Set<String> columnsOf(NamedTables named) {
        Set<String> columns = new LinkedHashSet<>();
        for (String t : named.tables()) columns.addAll(catalog.columnsOf(t));
        return columns;
    }

    /** The columns of every table of the current database (none when no database is chosen). */
    private Set<String> currentDatabaseColumns() {
        String db = currentDatabase.get();
        return db == null ? Set.of() : new LinkedHashSet<>(catalog.columnsInDatabase(db));
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
