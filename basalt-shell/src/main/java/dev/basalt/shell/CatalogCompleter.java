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
 * The statement is scanned ({@link StatementScan}) for what fits at the cursor. Where a table fits
 * (after FROM, JOIN, INTO, UPDATE, TABLE, a FROM list's comma), tables, CTEs and {@code db.}.
 * Where a column fits (after SELECT, WHERE, AND, ON, BY, HAVING, an operator, {@code (} or
 * {@code ,}), the columns of the tables the cursor's query block reads: a subquery's own tables, a
 * derived table's or CTE's select list ({@link BlockColumns}); while the block names none yet
 * ({@code SELECT <Tab>}), the current database's columns, as the mysql client's auto-rehash offers
 * them. Only the matching columns are listed; when none matches, the matching keywords (COUNT,
 * DISTINCT ...); when neither, every word. {@code alias.<Tab>}, {@code table.<Tab>},
 * {@code derived.<Tab>} or {@code cte.<Tab>} offers that one's columns.
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
        StatementScan.Cursor at = StatementScan.of(statement, before.length() + lead.length()).cursor();
        List<String> found = switch (at.place()) {
            case TABLE -> tablePlace(at.block(), part);
            case DATABASE -> withMissReload(part, () -> startingWith(catalog.databases(), part));
            case OTHER -> elsewhere(at, part);
        };
        List<String> out = new ArrayList<>(found.size());
        for (String w : found) out.add(lead + w);
        return out;
    }

    /** Where a column may fit: the block's columns, or (qualified) a table's; else every word. */
    private List<String> elsewhere(StatementScan.Cursor at, String part) {
        BlockColumns columns = new BlockColumns(t -> catalog.columnsOf(t));
        List<String> found = qualifiedColumns(columns, at.block(), part);
        if (found.isEmpty() && columnPlace(at)) {
            Set<String> names = columns.ofBlock(at.block());
            if (names.isEmpty() && !at.previousUpper().equals("SET")) names = currentDatabaseColumns();
            found = startingWith(names, part);
            if (found.isEmpty() && !part.isEmpty()) found = startingWith(Completions.KEYWORDS, part); // COUNT, DISTINCT, NOT ...
        }
        if (found.isEmpty()) found = candidates(part);
        return found;
    }

    /**
     * Where a table fits (after FROM, JOIN, INTO, UPDATE, TABLE, a FROM list's comma): {@code db.ta}
     * completes among db's tables; a bare word among the CTEs in scope, the current database's
     * tables (every database's when none is chosen) and the databases, offered as {@code db.} to go
     * on with a table; when nothing matches, the keywords (DUAL, LATERAL, IGNORE ...).
     */
    private List<String> tablePlace(StatementScan.Block block, String part) {
        List<String> found = withMissReload(part, () -> tables(block, part));
        if (found.isEmpty() && !part.isEmpty()) found = startingWith(Completions.KEYWORDS, part);
        return found;
    }

    private List<String> tables(StatementScan.Block block, String part) {
        int dot = part.indexOf('.');
        if (dot > 0) {
            String db = part.substring(0, dot + 1);
            List<String> qualified = new ArrayList<>();
            for (String t : catalog.tablesIn(part.substring(0, dot))) qualified.add(db + t);
            return startingWith(qualified, part);
        }
        Set<String> names = new LinkedHashSet<>();
        for (StatementScan.Block b = block; b != null; b = b.parent) {
            for (StatementScan.Cte cte : b.ctes.values()) names.add(cte.name());
        }
        String db = currentDatabase.get();
        names.addAll(db == null ? catalog.allTables() : catalog.tablesIn(db));
        for (String d : catalog.databases()) names.add(d + ".");
        List<String> found = startingWith(names, part);
        // none in the current database: another's table of that name (the user may be in the wrong one)
        return found.isEmpty() && db != null ? startingWith(catalog.allTables(), part) : found;
    }

    /** {@code find}'s words; when none and the names were read a while ago, read them again and retry. */
    private List<String> withMissReload(String part, Supplier<List<String>> find) {
        List<String> found = find.get();
        if (found.isEmpty() && !part.isEmpty() && clock.getAsLong() - loadedAt >= MISS_RELOAD_NANOS) {
            rehash();
            found = find.get();
        }
        return found;
    }

    /**
     * {@code i.na} where {@code i} is a table or alias of the cursor's block or an enclosing one, a
     * derived table or a CTE: its columns, qualified as typed ({@code i.name}); else none (then
     * {@code db.ta} completes as a table).
     */
    private static List<String> qualifiedColumns(BlockColumns columns, StatementScan.Block block, String part) {
        int dot = part.lastIndexOf('.');
        if (dot <= 0) return new ArrayList<>();
        List<String> of = columns.ofQualifier(part.substring(0, dot), block);
        if (of == null) return new ArrayList<>();
        List<String> out = new ArrayList<>();
        for (String c : startingWith(of, part.substring(dot + 1))) out.add(part.substring(0, dot + 1) + c);
        return out;
    }

    /**
     * Whether a column fits where the part being completed starts: after "(", "," (a FROM list's
     * comma is a table's place, found before), an operator, or a keyword of {@link #BEFORE_COLUMN}
     * (and after ON DUPLICATE KEY UPDATE).
     */
    private static boolean columnPlace(StatementScan.Cursor at) {
        if (at.previous() == null) return false;
        String prev = at.previousUpper();
        if (prev.equals("(") || prev.equals(",")) return true;
        if (prev.length() == 1 && OPERATORS.indexOf(prev.charAt(0)) >= 0) return true;
        return BEFORE_COLUMN.contains(prev) || (prev.equals("UPDATE") && at.clause().equals("SET"));
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
            // a database offered where a table fits ("shop.") is not finished: no blank after it
            candidates.add(new Candidate(w, w.substring(lead), null, null, null, null, !w.endsWith(".")));
        }
    }

    private static String lastPart(String word) {
        for (int i = word.length() - 1; i >= 0; i--) {
            if (WORD_BREAKS.indexOf(word.charAt(i)) >= 0) return word.substring(i + 1);
        }
        return word;
    }
}
