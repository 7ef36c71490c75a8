package dev.basalt.shell;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A tolerant scan of a statement being typed, for Tab completion: its query blocks (the statement,
 * each subquery, derived table and CTE body) with the tables each one names and the names its
 * select list gives, and where the cursor is: in which block, after which token, in which clause.
 * The engine's parser wants a whole statement; this one reads words, strings, comments and
 * parentheses, so an unfinished statement ({@code ... WHERE x IN (SELECT } with nothing after)
 * still scans, and a wrong guess only changes what Tab offers.
 */
final class StatementScan {

    /** A name (with its dots and backquotes), a string or number, or one punctuation character. */
    record Token(String text, int start) {
        String upper() { return text.toUpperCase(Locale.ROOT); }
        boolean isName() {
            char c = text.charAt(0);
            return c == '`' || Character.isLetterOrDigit(c) || c == '_' || c == '$';
        }
        boolean is(String s) { return text.equalsIgnoreCase(s); }
    }

    /** A table a block reads: a base table (or a CTE) by name, or a derived table. */
    record TableRef(String name, String alias, Block derived) {}

    /** {@code WITH name [(columns)] AS (body)}; columns null when not listed. */
    record Cte(String name, List<String> columns, Block body) {}

    /** A query block: the statement itself or a parenthesised SELECT inside it. */
    static final class Block {
        final Block parent;
        final List<TableRef> tables = new ArrayList<>();
        /** The tables of the first SELECT of a UNION (its select list names the block's columns). */
        List<TableRef> firstBranchTables;
        final Map<String, Cte> ctes = new LinkedHashMap<>();
        /** The first select list's items, each as its tokens at the block's own level. */
        final List<List<Token>> selectItems = new ArrayList<>();
        boolean selectListDone;
        /** Set once the block's UNION branch that holds the cursor ended: later branches' tables don't count. */
        boolean frozen;

        Block(Block parent) { this.parent = parent; }

        /** The CTE of that name visible here (defined in this block or an enclosing one), or null. */
        Cte cte(String name) {
            for (Block b = this; b != null; b = b.parent) {
                Cte c = b.ctes.get(StatementScan.unquote(name).toLowerCase(Locale.ROOT));
                if (c != null) return c;
            }
            return null;
        }

        List<TableRef> outputTables() { return firstBranchTables != null ? firstBranchTables : tables; }
    }

    /** What fits where the cursor is, beyond what the previous token tells. */
    enum Place { TABLE, DATABASE, OTHER }

    /** Where the cursor is: its block, the token before it, the block's clause there, and what fits. */
    record Cursor(Block block, Token previous, String clause, boolean inParentheses, Place place) {
        String previousUpper() { return previous == null ? "" : previous.upper(); }
    }

    /** Keywords that start a clause of a query block (the last one seen is the cursor's clause). */
    private static final Set<String> CLAUSES = Set.of("SELECT", "FROM", "JOIN", "STRAIGHT_JOIN", "WHERE", "ON", "USING",
            "GROUP", "ORDER", "HAVING", "LIMIT", "SET", "INTO", "UPDATE", "VALUES", "TABLE", "WITH", "WINDOW",
            "UNION", "EXCEPT", "INTERSECT", "DELETE", "INSERT", "REPLACE"); // not VALUE: a common column name (key, value)
    /** Keywords after which a table name comes. */
    static final Set<String> TABLE_BEFORE = Set.of("FROM", "JOIN", "STRAIGHT_JOIN", "INTO", "UPDATE", "TABLE");
    /** Statements that take a comma list of tables after TABLE (the list's commas are a table's place). */
    private static final Set<String> TABLE_LISTS = Set.of("OPTIMIZE", "ANALYZE", "CHECK", "REPAIR", "CHECKSUM", "DROP", "TRUNCATE");
    /** Words that end a table reference instead of being its alias. */
    private static final Set<String> NOT_ALIASES = Set.of(
            "WHERE", "ON", "USING", "JOIN", "LEFT", "RIGHT", "INNER", "OUTER", "CROSS", "NATURAL", "STRAIGHT_JOIN",
            "SET", "GROUP", "ORDER", "HAVING", "LIMIT", "WINDOW", "UNION", "EXCEPT", "INTERSECT", "FOR", "LOCK",
            "VALUES", "VALUE", "SELECT", "PARTITION", "USE", "FORCE", "IGNORE", "WITH", "AS", "INTO", "FROM", "LATERAL");

    private final List<Token> tokens;
    private final Block statement = new Block(null);
    private Cursor cursor;

    private StatementScan(List<Token> tokens) { this.tokens = tokens; }

    /** The statement's blocks and the cursor's place; {@code cursorOffset} is where the word being completed starts. */
    static StatementScan of(String sql, int cursorOffset) {
        StatementScan scan = new StatementScan(tokens(sql));
        scan.scan(cursorOffset);
        return scan;
    }

    Block statement() { return statement; }

    Cursor cursor() { return cursor; }

    /** An open parenthesis: the block it opens (a subquery), or null for one that groups or calls. */
    private static final class Frame {
        final Block block; // the block this frame belongs to
        final boolean opensBlock;
        String clause = "";
        /** For a block opened at a table's place (FROM (SELECT ...) d): the alias that follows names it. */
        boolean derivedTable;
        /** A CTE's column list being read ({@code WITH x (a, b) AS}). */
        List<String> cteColumns;
        /** The function whose arguments these parentheses hold (upper case), or null. */
        String call;

        Frame(Block block, boolean opensBlock) { this.block = block; this.opensBlock = opensBlock; }
    }

    private void scan(int cursorOffset) {
        Deque<Frame> frames = new ArrayDeque<>();
        frames.push(new Frame(statement, true));
        String pendingCte = null; // WITH x: the name waiting for its AS (body)
        List<String> pendingCteColumns = null;
        int n = tokens.size();
        for (int i = 0; i < n; i++) {
            Token t = tokens.get(i);
            Frame top = frames.peek();
            Frame scope = blockFrame(frames);
            Block block = scope.block;
            if (cursor == null && t.start() >= cursorOffset) cursor = cursorAt(frames, i);
            String u = t.upper();
            if (t.text().equals("(")) {
                boolean sub = i + 1 < n && (tokens.get(i + 1).is("SELECT") || tokens.get(i + 1).is("WITH"));
                if (sub) {
                    Block child = new Block(block);
                    Frame f = new Frame(child, true);
                    Token prev = i > 0 ? tokens.get(i - 1) : null;
                    if (prev != null && prev.is("AS") && pendingCte != null && scope.clause.equals("WITH")) {
                        block.ctes.put(StatementScan.unquote(pendingCte).toLowerCase(Locale.ROOT),
                                new Cte(StatementScan.unquote(pendingCte), pendingCteColumns, child));
                        pendingCte = null;
                        pendingCteColumns = null;
                    } else if (top == scope && prev != null && tableFollows(prev, scope)) {
                        f.derivedTable = true;
                    }
                    frames.push(f);
                } else {
                    Frame f = new Frame(block, false);
                    if (i > 0 && tokens.get(i - 1).isName()) f.call = tokens.get(i - 1).upper();
                    if (pendingCte != null && scope.clause.equals("WITH") && i > 0 && tokens.get(i - 1).is(pendingCte)) {
                        f.cteColumns = new ArrayList<>();
                    }
                    frames.push(f);
                }
                recordSelectItem(scope, top, t);
                continue;
            }
            if (t.text().equals(")")) {
                if (frames.size() == 1) continue; // more closing than opening: ignore it
                Frame closed = frames.pop();
                if (closed.cteColumns != null) pendingCteColumns = closed.cteColumns;
                Frame outer = blockFrame(frames);
                recordSelectItem(outer, frames.peek(), t);
                if (closed.derivedTable) {
                    int a = i + 1;
                    if (a < n && tokens.get(a).is("AS")) a++;
                    String alias = a < n && aliasToken(tokens.get(a)) ? StatementScan.unquote(tokens.get(a).text()) : null;
                    addTable(outer, new TableRef(null, alias, closed.block));
                }
                continue;
            }
            if (top.cteColumns != null && t.isName()) {
                top.cteColumns.add(StatementScan.unquote(t.text()));
                continue;
            }
            if (top != scope && closesOpenParentheses(top, u)) { // SELECT (n FROM t: the "(" is still open where the cursor is
                while (frames.peek() != scope) frames.pop();
                top = scope;
            }
            if (top != scope) { // inside a function call's or a list's parentheses: names there are no tables
                recordSelectItem(scope, top, t);
                continue;
            }
            if (CLAUSES.contains(u)) {
                Token prev = i > 0 ? tokens.get(i - 1) : null;
                // ON DUPLICATE KEY UPDATE a = ..., SELECT ... FOR UPDATE: no table follows
                String clause = u.equals("UPDATE") && prev != null && (prev.is("KEY") || prev.is("FOR")) ? "SET" : u;
                if (scope.clause.equals("SELECT") && !clause.equals("SELECT")) block.selectListDone = true;
                if (clause.equals("UNION") || clause.equals("EXCEPT") || clause.equals("INTERSECT")) {
                    block.selectListDone = true;
                    if (block.firstBranchTables == null) block.firstBranchTables = List.copyOf(block.tables);
                    if (cursor != null && cursor.block() == block) block.frozen = true;
                    else if (!block.frozen) block.tables.clear();
                }
                scope.clause = clause;
                if (TABLE_BEFORE.contains(clause) && clause.equals(u)) readTable(scope, i);
                continue;
            }
            if (scope.clause.equals("WITH")) {
                if (t.isName() && !u.equals("RECURSIVE") && !u.equals("AS")) {
                    pendingCte = t.text();
                    pendingCteColumns = null;
                }
                continue;
            }
            if (t.text().equals(",") && (scope.clause.equals("FROM") || scope.clause.equals("JOIN") || scope.clause.equals("UPDATE"))) {
                readTable(scope, i);
            }
            recordSelectItem(scope, top, t);
        }
        if (cursor == null) cursor = cursorAt(frames, n);
    }

    /** Clauses that cannot stand inside a call's or a list's parentheses: one there means those are left open. */
    private static final Set<String> OUTSIDE_PARENTHESES = Set.of("FROM", "WHERE", "JOIN", "GROUP", "HAVING", "LIMIT",
            "UNION", "EXCEPT", "INTERSECT", "WINDOW");
    /** Functions whose arguments may hold FROM. */
    private static final Set<String> FROM_IN_ARGUMENTS = Set.of("EXTRACT", "TRIM", "SUBSTRING", "SUBSTR");

    private static boolean closesOpenParentheses(Frame top, String u) {
        if (!OUTSIDE_PARENTHESES.contains(u)) return false;
        return !(u.equals("FROM") && top.call != null && FROM_IN_ARGUMENTS.contains(top.call));
    }

    private static boolean tableFollows(Token prev, Frame scope) {
        String p = prev.upper();
        if (TABLE_BEFORE.contains(p) || p.equals("LATERAL")) return true;
        return prev.text().equals(",") && (scope.clause.equals("FROM") || scope.clause.equals("JOIN"));
    }

    private static Frame blockFrame(Deque<Frame> frames) {
        for (Frame f : frames) if (f.opensBlock) return f;
        throw new IllegalStateException("the statement's frame is always there");
    }

    /** The table named after token {@code i} (FROM, JOIN, a comma of a FROM list), with its alias. */
    private void readTable(Frame scope, int i) {
        int j = i + 1;
        while (j < tokens.size() && (tokens.get(j).is("LOW_PRIORITY") || tokens.get(j).is("IGNORE")
                || tokens.get(j).is("ONLY") || tokens.get(j).is("IF") || tokens.get(j).is("NOT") || tokens.get(j).is("EXISTS"))) j++;
        if (j >= tokens.size() || !tokens.get(j).isName() || NOT_ALIASES.contains(tokens.get(j).upper())) return;
        String table = StatementScan.unquote(tokens.get(j).text());
        int a = j + 1;
        if (a < tokens.size() && tokens.get(a).is("AS")) a++;
        String alias = a < tokens.size() && aliasToken(tokens.get(a)) ? StatementScan.unquote(tokens.get(a).text()) : null;
        addTable(scope, new TableRef(table, alias, null));
    }

    private static boolean aliasToken(Token t) {
        return t.isName() && !NOT_ALIASES.contains(t.upper()) && !CLAUSES.contains(t.upper());
    }

    private void addTable(Frame scope, TableRef ref) {
        if (!scope.block.frozen) scope.block.tables.add(ref);
    }

    /** A token of the block's first select list, at the block's own level (a call's inside is skipped). */
    private static void recordSelectItem(Frame scope, Frame top, Token t) {
        Block b = scope.block;
        if (!scope.clause.equals("SELECT") || b.selectListDone) return;
        boolean ownLevel = top == scope;
        if (ownLevel && t.text().equals(",")) {
            b.selectItems.add(new ArrayList<>());
            return;
        }
        // the parentheses themselves count at the block's level (COUNT(*) n: a call, then an alias)
        if (!ownLevel && !t.text().equals("(") && !t.text().equals(")")) return;
        if (b.selectItems.isEmpty()) b.selectItems.add(new ArrayList<>());
        b.selectItems.getLast().add(t);
    }

    private Cursor cursorAt(Deque<Frame> frames, int index) {
        Frame scope = blockFrame(frames);
        boolean inParentheses = frames.peek() != scope;
        Token prev = index > 0 ? tokens.get(index - 1) : null;
        return new Cursor(scope.block, prev, scope.clause, inParentheses, place(index, scope.clause, inParentheses));
    }

    /**
     * A table fits after FROM, JOIN, INTO, UPDATE, TABLE, a FROM list's comma, DESCRIBE, SHOW COLUMNS FROM,
     * LOCK TABLES (and its commas); a database after USE, SHOW TABLES FROM, SHOW COLUMNS FROM t FROM.
     */
    private Place place(int index, String clause, boolean inParentheses) {
        if (index == 0) return Place.OTHER;
        String prev = tokens.get(index - 1).upper(), first = tokens.getFirst().upper();
        String beforePrev = index > 1 ? tokens.get(index - 2).upper() : "";
        if (index == 1 && prev.equals("USE")) return Place.DATABASE;
        if (first.equals("SHOW") && (prev.equals("FROM") || prev.equals("IN"))) {
            // SHOW COLUMNS FROM t [FROM db]: the first FROM names a table; SHOW TABLES FROM db a database
            boolean ofTable = false, secondFrom = false;
            for (int i = 1; i < index - 1; i++) {
                String u = tokens.get(i).upper();
                if (Set.of("COLUMNS", "FIELDS", "INDEX", "INDEXES", "KEYS").contains(u)) ofTable = true;
                if (u.equals("FROM") || u.equals("IN")) secondFrom = true;
            }
            return ofTable && !secondFrom ? Place.TABLE : Place.DATABASE;
        }
        // LOCK TABLES t READ, u WRITE; OPTIMIZE / ANALYZE / CHECK / REPAIR / CHECKSUM / DROP TABLE t, u
        if (first.equals("LOCK") && (prev.equals("TABLES") || prev.equals("TABLE") || prev.equals(","))) return Place.TABLE;
        if (prev.equals(",") && TABLE_LISTS.contains(first) && index > 1
                && Set.of("TABLE", "TABLES").contains(tokens.get(1).upper())) return Place.TABLE;
        if (index == 1 && Set.of("DESCRIBE", "DESC", "EXPLAIN", "TRUNCATE").contains(prev)) return Place.TABLE;
        if (prev.equals("UPDATE") && (beforePrev.equals("KEY") || beforePrev.equals("FOR"))) return Place.OTHER;
        if (TABLE_BEFORE.contains(prev) || prev.equals("LATERAL")) return Place.TABLE;
        if (prev.equals(",") && !inParentheses && Set.of("FROM", "JOIN", "UPDATE").contains(clause)) return Place.TABLE;
        return Place.OTHER;
    }

    static String unquote(String name) { return name.replace("`", ""); }

    /** Names (with their dots and backquotes), numbers, and every other non-blank character alone; strings and comments skipped. */
    static List<Token> tokens(String sql) {
        List<Token> out = new ArrayList<>();
        int i = 0, n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                int end = i + 1;
                while (end < n && sql.charAt(end) != c) end += sql.charAt(end) == '\\' ? 2 : 1;
                out.add(new Token("''", i)); // a value: it ends a select item's expression, names nothing
                i = Math.min(n, end + 1);
            } else if (c == '#' || (c == '-' && sql.startsWith("-- ", i))) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '`' || Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                int start = i;
                while (i < n) {
                    char d = sql.charAt(i);
                    if (d == '`') {
                        int end = sql.indexOf('`', i + 1);
                        i = end < 0 ? n : end + 1;
                    } else if (Character.isLetterOrDigit(d) || d == '_' || d == '$' || d == '.') {
                        i++;
                    } else {
                        break;
                    }
                }
                out.add(new Token(sql.substring(start, i), start));
            } else {
                out.add(new Token(String.valueOf(c), i));
                i++;
            }
        }
        return out;
    }
}
