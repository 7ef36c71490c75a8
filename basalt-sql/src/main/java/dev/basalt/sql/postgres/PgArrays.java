package dev.basalt.sql.postgres;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * PostgreSQL's array syntax as calls of the engine's array functions (issue 10), rewritten on the
 * PostgreSQL tokens before the rest of the translation (so {@code $n} parameters and {@code ::}
 * casts inside are translated as usual):
 * <ul>
 *   <li>{@code ARRAY[a, b]} → {@code PG_ARRAY(a, b)}, {@code ARRAY[[1,2],[3,4]]} →
 *       {@code PG_ARRAY(PG_ARRAY(1,2),PG_ARRAY(3,4))}; {@code x[i]} → {@code PG_ARRAY_GET(x, i)},
 *       {@code x[i][j]} → {@code PG_ARRAY_GET(x, i, j)};</li>
 *   <li>{@code x op ANY (arr)} / {@code SOME} / {@code ALL} over something other than a subquery →
 *       {@code PG_ARRAY_ANY(x, 'op', arr)} / {@code PG_ARRAY_ALL(...)};</li>
 *   <li>{@code a @> b}, {@code a <@ b}, {@code a && b} → {@code PG_ARRAY_CONTAINS(a, b)},
 *       {@code PG_ARRAY_CONTAINED(a, b)}, {@code PG_ARRAY_OVERLAPS(a, b)}.</li>
 * </ul>
 * Casts to {@code type[]} and column types {@code type[]} are the translator's ({@link #elementAfter}).
 * The operands of comparisons and of the three operators reach back (and forward) to the nearest
 * clause word, comma or parenthesis: {@code a + 1 = ANY(x)} compares {@code a + 1}.
 * Slices {@code a[lo:hi]} are {@code PG_ARRAY_SLICE(a, lo, hi)} (a pair per bracket:
 * {@code a[1:2][3:4]}); {@code ARRAY(SELECT ...)} an ARRAY_AGG over the subquery as a derived table.
 * What stays unsupported (0A000): {@code CAST(x AS type[])}.
 */
final class PgArrays {
    private PgArrays() {}

    static final String NOT_SUPPORTED = "arrays are not supported";

    /** What an open "[" is, to close it with ")" and know a nested "[" of ARRAY[[...]] from a subscript. */
    private static final String CONSTRUCTOR = "constructor", SUBSCRIPT = "subscript";

    /** Whether out ends where an item of a list starts (after its "(" or a comma). */
    private static boolean startsItem(List<PgToken> out) {
        PgToken prev = PgTokens.lastSignificant(out);
        return prev != null && (prev.is(PgToken.Kind.OPEN) || isPunct(prev, ","));
    }

    /** Words that end an operand of a comparison (on either side). */
    private static final Set<String> BOUNDARIES = Set.of("SELECT", "WHERE", "AND", "OR", "NOT", "ON", "WHEN", "THEN",
            "ELSE", "END", "HAVING", "SET", "RETURNING", "FROM", "ORDER", "GROUP", "LIMIT", "OFFSET", "UNION", "EXCEPT",
            "INTERSECT", "AS", "USING", "VALUES", "BY", "FETCH", "FOR", "INTO", "JOIN", "IS", "IN", "LIKE", "ILIKE",
            "BETWEEN", "DO", "CHECK", "DEFAULT");

    /** Why the statement cannot be translated (an array form Basalt does not support), or null. None today. */
    static String problem(String sql) {
        return null;
    }

    /**
     * For a type name starting at token {@code at} followed by {@code []}: the PostgreSQL element
     * type name and the index after the {@code ]}, as {@code {name, end}}; null when there is no
     * {@code []} suffix.
     */
    static Object[] elementAfter(List<PgToken> in, int at) {
        if (at < 0 || at >= in.size() || !(in.get(at).is(PgToken.Kind.WORD) || in.get(at).is(PgToken.Kind.QUOTED_IDENT))) {
            return null;
        }
        StringBuilder name = new StringBuilder();
        int i = at;
        // the type's words (double precision, character varying, timestamp with time zone) and (p,s)
        while (i < in.size()) {
            PgToken t = in.get(i);
            if (t.is(PgToken.Kind.WORD)) {
                if (!name.isEmpty()) name.append(' ');
                name.append(t.text().toLowerCase(Locale.ROOT));
                i++;
            } else if (t.is(PgToken.Kind.SPACE) && i + 1 < in.size() && in.get(i + 1).is(PgToken.Kind.WORD)
                    && Set.of("precision", "varying", "with", "without", "time", "zone").contains(in.get(i + 1).text().toLowerCase(Locale.ROOT))) {
                i++;
            } else if (t.is(PgToken.Kind.OPEN) && !name.isEmpty()) {
                int close = PgTokens.closing(in, i);
                if (close < 0) return null;
                i = close + 1;
            } else {
                break;
            }
            if (name.toString().equals("array")) return null;
        }
        if (i + 1 < in.size() && isPunct(in.get(i), "[")) {
            int close = i + 1;
            while (close < in.size() && in.get(close).is(PgToken.Kind.NUMBER)) close++; // int[3]: the size is ignored
            if (close < in.size() && isPunct(in.get(close), "]")) {
                // int[][] (or int[2][2]): the same type, as PostgreSQL ignores the declared dimensions
                int end = close + 1;
                while (end + 1 < in.size() && isPunct(in.get(end), "[")) {
                    int c = end + 1;
                    while (c < in.size() && in.get(c).is(PgToken.Kind.NUMBER)) c++;
                    if (c >= in.size() || !isPunct(in.get(c), "]")) break;
                    end = c + 1;
                }
                return new Object[] {name.toString(), end};
            }
        }
        return null;
    }

    /** The array syntax of a (PostgreSQL) token list as function calls; other tokens unchanged. */
    static List<PgToken> rewrite(List<PgToken> in) {
        if (!mayHaveArrays(in)) return in;
        in = selectUnnest(in);
        List<PgToken> out = new ArrayList<>(in.size() + 8);
        Deque<String> brackets = new ArrayDeque<>(); // what each open "[" is: CONSTRUCTOR or SUBSCRIPT
        Deque<Integer> pendingClose = new ArrayDeque<>(); // depths at which an operator call must close
        int depth = 0;
        // column definitions (not CREATE VIEW / TABLE ... AS SELECT, where a[1] is a subscript)
        boolean ddl = (firstWord(in, "CREATE") || firstWord(in, "ALTER")) && in.stream().noneMatch(x -> x.isWord("SELECT"));
        for (int i = 0; i < in.size(); i++) {
            PgToken t = in.get(i);
            int next = PgTokens.next(in, i);
            PgToken after = next < 0 ? null : in.get(next);
            if (ddl && isPunct(t, "[") && elementAfter(in, typeStart(in, i)) != null) {
                out.add(t); // int[3] in a column definition: a type, not a subscript
                continue;
            }
            if (!pendingClose.isEmpty() && pendingClose.peek() == depth && endsOperand(t)) {
                closeCalls(out, pendingClose, depth);
            }
            if (t.is(PgToken.Kind.OPEN)) depth++;
            if (t.is(PgToken.Kind.CLOSE)) {
                if (!pendingClose.isEmpty() && pendingClose.peek() == depth) closeCalls(out, pendingClose, depth);
                depth--;
            }
            if (t.isWord("unnest") && after != null && after.is(PgToken.Kind.OPEN) && inFromList(out)) {
                int close = PgTokens.closing(in, next);
                if (close > 0) {
                    i = unnest(in, next, close, out);
                    continue;
                }
            }
            if (t.isWord("ARRAY") && after != null && after.is(PgToken.Kind.OPEN) && subquery(in, next)) {
                // ARRAY(SELECT ...): its rows aggregated in their order, '{}' for none
                int close = PgTokens.closing(in, next);
                if (close > 0) {
                    out.add(new PgToken(PgToken.Kind.OPEN, "("));
                    out.add(new PgToken(PgToken.Kind.GROUP, "SELECT COALESCE(ARRAY_AGG(pg_array_q.c), PG_ARRAY()) FROM "));
                    out.add(new PgToken(PgToken.Kind.OPEN, "("));
                    out.addAll(rewrite(new ArrayList<>(in.subList(next + 1, close))));
                    out.add(new PgToken(PgToken.Kind.CLOSE, ")"));
                    out.add(new PgToken(PgToken.Kind.GROUP, " AS pg_array_q(c)"));
                    out.add(new PgToken(PgToken.Kind.CLOSE, ")"));
                    i = close;
                    continue;
                }
            }
            if (t.isWord("ARRAY") && after != null && isPunct(after, "[")) {
                out.add(word("PG_ARRAY"));
                out.add(new PgToken(PgToken.Kind.OPEN, "("));
                brackets.push(CONSTRUCTOR);
                depth++;
                i = next;
                continue;
            }
            if (isPunct(t, "[") && CONSTRUCTOR.equals(brackets.peek()) && startsItem(out)) {
                // ARRAY[[1,2],[3,4]]: an inner bracket is a sub-array, one more dimension
                out.add(word("PG_ARRAY"));
                out.add(new PgToken(PgToken.Kind.OPEN, "("));
                brackets.push(CONSTRUCTOR);
                depth++;
                continue;
            }
            List<int[]> slices = isPunct(t, "[") && after != null && isOperandEnd(PgTokens.lastSignificant(out)) ? slices(in, i) : null;
            if (slices != null) {
                // a[lo:hi], a[:hi], a[lo:], a[1:2][2:3], a[2][1:2]: PG_ARRAY_SLICE(a, lo, hi, ...), a pair per
                // bracket, a missing bound NULL; once one bracket is a slice, a plain a[i] among them means 1 to i
                List<PgToken> operand = PgDialect.takeOperand(out);
                out.add(word("PG_ARRAY_SLICE"));
                out.add(new PgToken(PgToken.Kind.OPEN, "("));
                out.addAll(operand);
                int open = i;
                for (int[] group : slices) {
                    List<PgToken> lo = group[0] < 0 ? List.of(new PgToken(PgToken.Kind.NUMBER, "1"))
                            : rewrite(new ArrayList<>(in.subList(open + 1, group[0])));
                    List<PgToken> hi = rewrite(new ArrayList<>(in.subList((group[0] < 0 ? open : group[0]) + 1, group[1])));
                    out.add(new PgToken(PgToken.Kind.PUNCT, ","));
                    out.addAll(blank(lo) ? List.of(word("NULL")) : lo);
                    out.add(new PgToken(PgToken.Kind.PUNCT, ","));
                    out.addAll(blank(hi) ? List.of(word("NULL")) : hi);
                    open = PgTokens.next(in, group[1]);
                }
                out.add(new PgToken(PgToken.Kind.CLOSE, ")"));
                i = slices.getLast()[1];
                continue;
            }
            if (isPunct(t, "[") && after != null && !isPunct(after, "]") && isOperandEnd(PgTokens.lastSignificant(out))) {
                List<PgToken> operand = PgDialect.takeOperand(out);
                out.add(word("PG_ARRAY_GET"));
                out.add(new PgToken(PgToken.Kind.OPEN, "("));
                out.addAll(operand);
                out.add(new PgToken(PgToken.Kind.PUNCT, ","));
                brackets.push(SUBSCRIPT);
                depth++;
                continue;
            }
            if (isPunct(t, "]") && SUBSCRIPT.equals(brackets.peek()) && after != null && isPunct(after, "[")) {
                // a[i][j]: one call with a subscript per dimension, PG_ARRAY_GET(a, i, j)
                out.add(new PgToken(PgToken.Kind.PUNCT, ","));
                i = next;
                continue;
            }
            if (isPunct(t, "]") && !brackets.isEmpty()) {
                brackets.pop();
                out.add(new PgToken(PgToken.Kind.CLOSE, ")"));
                depth--;
                continue;
            }
            if ((t.isWord("ANY") || t.isWord("SOME") || t.isWord("ALL")) && after != null && after.is(PgToken.Kind.OPEN)
                    && !subquery(in, next)) {
                String op = operatorBefore(out);
                if (op != null) {
                    removeOperator(out, op.length());
                    List<PgToken> left = takeLeft(out);
                    out.add(word(t.isWord("ALL") ? "PG_ARRAY_ALL" : "PG_ARRAY_ANY"));
                    out.add(new PgToken(PgToken.Kind.OPEN, "("));
                    out.addAll(left);
                    out.add(new PgToken(PgToken.Kind.PUNCT, ","));
                    out.add(new PgToken(PgToken.Kind.STRING, "'" + op + "'"));
                    out.add(new PgToken(PgToken.Kind.PUNCT, ","));
                    depth++;
                    i = next; // the "(" of ANY( opens the call; its ")" closes it
                    continue;
                }
            }
            String call = arrayOperator(in, i);
            if (call != null) {
                List<PgToken> left = takeLeft(out);
                out.add(word(call.equals("<@") ? "PG_ARRAY_CONTAINED" : call.equals("&&") ? "PG_ARRAY_OVERLAPS" : "PG_ARRAY_CONTAINS"));
                out.add(new PgToken(PgToken.Kind.OPEN, "("));
                out.addAll(left);
                out.add(new PgToken(PgToken.Kind.PUNCT, ","));
                pendingClose.push(depth);
                i++; // the operator's second character
                continue;
            }
            out.add(t);
        }
        closeCalls(out, pendingClose, Integer.MIN_VALUE);
        return out;
    }

    /**
     * For the {@code [} at {@code open} and the brackets right after it ({@code a[1:2][3]}): per
     * bracket, the index of its top-level {@code :} (-1 for none) and of its {@code ]}, when any of
     * them holds a slice; else null.
     */
    private static List<int[]> slices(List<PgToken> in, int open) {
        List<int[]> groups = new ArrayList<>();
        boolean any = false;
        int at = open;
        while (at >= 0 && at < in.size() && isPunct(in.get(at), "[")) {
            int[] group = bracket(in, at);
            if (group == null) return null;
            any |= group[0] > 0;
            groups.add(group);
            at = PgTokens.next(in, group[1]);
        }
        return any ? groups : null;
    }

    /** For the {@code [} at {@code open}: its top-level {@code :} (-1 for none) and its {@code ]}, or null. */
    private static int[] bracket(List<PgToken> in, int open) {
        int[] s = slice(in, open);
        if (s != null) return s;
        int depth = 0;
        for (int j = open + 1; j < in.size(); j++) {
            PgToken x = in.get(j);
            if (isPunct(x, "[") || x.is(PgToken.Kind.OPEN)) depth++;
            else if ((isPunct(x, "]") || x.is(PgToken.Kind.CLOSE)) && depth-- == 0) return new int[] {-1, j};
        }
        return null;
    }

    /**
     * For the {@code [} at {@code open}: the indexes of the top-level {@code :} and of the closing
     * {@code ]} when the brackets hold a slice, else null.
     */
    private static int[] slice(List<PgToken> in, int open) {
        int depth = 0, colon = -1;
        for (int j = open + 1; j < in.size(); j++) {
            PgToken x = in.get(j);
            if (isPunct(x, "[") || x.is(PgToken.Kind.OPEN)) {
                depth++;
            } else if (isPunct(x, "]") || x.is(PgToken.Kind.CLOSE)) {
                if (depth-- == 0) return colon > 0 ? new int[] {colon, j} : null;
            } else if (depth == 0 && isPunct(x, ":") && !(j + 1 < in.size() && isPunct(in.get(j + 1), ":"))
                    && !isPunct(in.get(j - 1), ":")) {
                colon = j;
            }
        }
        return null;
    }

    private static boolean blank(List<PgToken> tokens) {
        return tokens.stream().allMatch(x -> x.is(PgToken.Kind.SPACE) || x.is(PgToken.Kind.COMMENT));
    }

    /**
     * {@code SELECT unnest(arr) [[AS] name]} alone (no FROM): one row per element, as
     * {@code SELECT * FROM unnest(arr) AS name}. Other statements are returned as they are
     * (unnest beside other select items or over a FROM list is not rewritten).
     */
    private static List<PgToken> selectUnnest(List<PgToken> in) {
        int select = PgTokens.next(in, -1);
        if (select < 0 || !in.get(select).isWord("SELECT")) return in;
        int fn = PgTokens.next(in, select);
        int open = fn < 0 ? -1 : PgTokens.next(in, fn);
        if (open < 0 || !in.get(fn).isWord("unnest") || !in.get(open).is(PgToken.Kind.OPEN)) return in;
        int close = PgTokens.closing(in, open);
        if (close < 0) return in;
        String alias = "unnest";
        int j = PgTokens.next(in, close);
        if (j > 0 && in.get(j).isWord("AS")) j = PgTokens.next(in, j);
        if (j > 0 && (in.get(j).is(PgToken.Kind.WORD) || in.get(j).is(PgToken.Kind.QUOTED_IDENT))) {
            alias = in.get(j).text();
            j = PgTokens.next(in, j);
        }
        if (j > 0 && isPunct(in.get(j), ";")) j = PgTokens.next(in, j);
        if (j > 0) return in;
        List<PgToken> out = new ArrayList<>(PgLexer.tokens("SELECT * FROM "));
        out.addAll(in.subList(fn, close + 1));
        out.addAll(PgLexer.tokens(" AS " + alias));
        return out;
    }

    /** Whether out ends where a FROM item goes (after FROM, JOIN or a comma of the FROM list). */
    private static boolean inFromList(List<PgToken> out) {
        PgToken prev = PgTokens.lastSignificant(out);
        if (prev == null) return false;
        if (prev.isWord("FROM") || prev.isWord("JOIN") || prev.isWord("LATERAL")) return true;
        if (!isPunct(prev, ",")) return false;
        int depth = 0;
        for (int j = out.size() - 1; j >= 0; j--) {
            PgToken t = out.get(j);
            if (t.is(PgToken.Kind.CLOSE)) depth++;
            else if (t.is(PgToken.Kind.OPEN) && depth-- == 0) return false;
            else if (depth == 0 && t.is(PgToken.Kind.WORD)) {
                if (t.isWord("FROM")) return true;
                if (BOUNDARIES.contains(t.text().toUpperCase(Locale.ROOT)) && !t.isWord("AS") && !t.isWord("ON")) return false;
            }
        }
        return false;
    }

    /**
     * {@code unnest(arr) [[AS] alias [(column)]]} in a FROM list as a derived table over
     * generate_series (which the dialect turns into a recursive CTE):
     * {@code (SELECT PG_ARRAY_NTH(arr, g.i) AS column FROM generate_series(1, cardinality(arr)) ...) AS alias}.
     * PG_ARRAY_NTH counts elements in storage order, so a multi-dimensional array is flattened, as PostgreSQL does.
     * The column is named as PostgreSQL names it: {@code alias(column)}, else the alias, else
     * {@code unnest}. Returns the index of the last token consumed.
     */
    private static int unnest(List<PgToken> in, int open, int close, List<PgToken> out) {
        List<PgToken> arg = rewrite(new ArrayList<>(in.subList(open + 1, close)));
        String alias = "unnest", column = null;
        int end = close;
        int j = PgTokens.next(in, close);
        if (j > 0 && in.get(j).isWord("AS")) j = PgTokens.next(in, j);
        if (j > 0 && (in.get(j).is(PgToken.Kind.WORD) && !BOUNDARIES.contains(in.get(j).text().toUpperCase(Locale.ROOT))
                && !Set.of("LEFT", "RIGHT", "INNER", "CROSS", "NATURAL", "FULL", "LATERAL", "STRAIGHT_JOIN").contains(in.get(j).text().toUpperCase(Locale.ROOT))
                || in.get(j).is(PgToken.Kind.QUOTED_IDENT))) {
            alias = in.get(j).text();
            end = j;
            int k = PgTokens.next(in, j);
            if (k > 0 && in.get(k).is(PgToken.Kind.OPEN)) {
                int c = PgTokens.closing(in, k);
                int name = PgTokens.next(in, k);
                if (c > 0 && name > 0 && PgTokens.next(in, name) == c) {
                    column = in.get(name).text();
                    end = c;
                }
            }
        }
        if (column == null) column = alias;
        out.add(new PgToken(PgToken.Kind.OPEN, "("));
        out.add(word("SELECT"));
        out.add(new PgToken(PgToken.Kind.SPACE, " "));
        out.add(word("PG_ARRAY_NTH"));
        out.add(new PgToken(PgToken.Kind.OPEN, "("));
        out.addAll(arg);
        out.add(new PgToken(PgToken.Kind.GROUP, ", unnest_series.i) AS " + column));
        // tokens, not text: the generate_series rewrite reads them
        out.addAll(PgLexer.tokens(" FROM generate_series(1, COALESCE(CARDINALITY("));
        out.addAll(arg);
        out.addAll(PgLexer.tokens("), 0)) AS unnest_series(i)) AS " + alias));
        return end;
    }

    private static boolean firstWord(List<PgToken> in, String word) {
        for (PgToken t : in) {
            if (t.is(PgToken.Kind.SPACE) || t.is(PgToken.Kind.COMMENT)) continue;
            return t.isWord(word);
        }
        return false;
    }

    /** Index of the word right before the "[" at i (the last word of a type name), or -1. */
    private static int typeStart(List<PgToken> in, int i) {
        int j = i - 1;
        if (j >= 0 && in.get(j).is(PgToken.Kind.CLOSE)) { // varchar(10)[3]
            while (j >= 0 && !in.get(j).is(PgToken.Kind.OPEN)) j--;
            j--;
        }
        return j >= 0 && in.get(j).is(PgToken.Kind.WORD) ? j : -1;
    }

    private static boolean mayHaveArrays(List<PgToken> in) {
        for (PgToken t : in) {
            if (t.is(PgToken.Kind.PUNCT) && "[@&".contains(t.text())) return true;
            if (t.isWord("ANY") || t.isWord("SOME") || t.isWord("ALL") || t.isWord("ARRAY") || t.isWord("unnest")) return true;
        }
        return false;
    }

    /** Closes the operator calls waiting at depth (all when depth is MIN_VALUE). */
    private static void closeCalls(List<PgToken> out, Deque<Integer> pending, int depth) {
        while (!pending.isEmpty() && (depth == Integer.MIN_VALUE || pending.peek() == depth)) {
            pending.pop();
            trimSpace(out);
            out.add(new PgToken(PgToken.Kind.CLOSE, ")"));
            out.add(new PgToken(PgToken.Kind.SPACE, " "));
        }
    }

    private static void trimSpace(List<PgToken> out) {
        while (!out.isEmpty() && out.getLast().is(PgToken.Kind.SPACE)) out.removeLast();
    }

    /** "@>", "<@" or "&&" starting at token i, or null. */
    private static String arrayOperator(List<PgToken> in, int i) {
        if (i + 1 >= in.size() || !in.get(i).is(PgToken.Kind.PUNCT) || !in.get(i + 1).is(PgToken.Kind.PUNCT)) return null;
        String two = in.get(i).text() + in.get(i + 1).text();
        return two.equals("@>") || two.equals("<@") || two.equals("&&") ? two : null;
    }

    /** Whether the parenthesis at {@code open} holds a query (pgjdbc's simple mode wraps an array in extra parentheses). */
    private static boolean subquery(List<PgToken> in, int open) {
        int inside = PgTokens.next(in, open);
        while (inside >= 0 && in.get(inside).is(PgToken.Kind.OPEN)) inside = PgTokens.next(in, inside);
        if (inside < 0) return false;
        PgToken t = in.get(inside);
        return t.isWord("SELECT") || t.isWord("WITH") || t.isWord("VALUES") || t.isWord("TABLE");
    }

    /** The comparison operator (=, <>, !=, <, <=, >, >=) ending out, or null. */
    private static String operatorBefore(List<PgToken> out) {
        StringBuilder op = new StringBuilder();
        int j = out.size() - 1;
        while (j >= 0 && (out.get(j).is(PgToken.Kind.SPACE) || out.get(j).is(PgToken.Kind.COMMENT))) j--;
        while (j >= 0 && out.get(j).is(PgToken.Kind.PUNCT) && "=<>!".contains(out.get(j).text()) && op.length() < 2) {
            op.insert(0, out.get(j).text());
            j--;
        }
        String s = op.toString();
        return Set.of("=", "<>", "!=", "<", "<=", ">", ">=").contains(s) ? s : null;
    }

    private static void removeOperator(List<PgToken> out, int chars) {
        trimSpace(out);
        for (int k = 0; k < chars; k++) out.removeLast();
    }

    /** The left operand of a comparison at the end of out, back to the nearest boundary; removed from out. */
    static List<PgToken> takeLeft(List<PgToken> out) {
        trimSpace(out);
        int depth = 0, start = out.size();
        for (int j = out.size() - 1; j >= 0; j--) {
            PgToken t = out.get(j);
            if (t.is(PgToken.Kind.CLOSE)) depth++;
            else if (t.is(PgToken.Kind.OPEN)) {
                if (depth == 0) break;
                depth--;
            } else if (depth == 0 && (isPunct(t, ",") || isPunct(t, ";") || t.is(PgToken.Kind.PUNCT) && "=<>!".contains(t.text())
                    || t.is(PgToken.Kind.WORD) && BOUNDARIES.contains(t.text().toUpperCase(Locale.ROOT)))) {
                break;
            }
            start = j;
        }
        while (start < out.size() && out.get(start).is(PgToken.Kind.SPACE)) start++;
        List<PgToken> left = new ArrayList<>(out.subList(start, out.size()));
        out.subList(start, out.size()).clear();
        if (!out.isEmpty() && !out.getLast().is(PgToken.Kind.SPACE) && !out.getLast().is(PgToken.Kind.OPEN)) {
            out.add(new PgToken(PgToken.Kind.SPACE, " "));
        }
        return left;
    }

    /** Whether t ends the right operand of @>, <@ or && (at the operator's depth). */
    private static boolean endsOperand(PgToken t) {
        return isPunct(t, ",") || isPunct(t, ";") || t.is(PgToken.Kind.WORD) && BOUNDARIES.contains(t.text().toUpperCase(Locale.ROOT))
                || t.is(PgToken.Kind.PUNCT) && "=<>!".contains(t.text());
    }

    private static boolean isOperandEnd(PgToken t) {
        return t != null && (t.is(PgToken.Kind.WORD) && !BOUNDARIES.contains(t.text().toUpperCase(Locale.ROOT))
                || t.is(PgToken.Kind.QUOTED_IDENT) || t.is(PgToken.Kind.CLOSE) || t.is(PgToken.Kind.GROUP)
                || t.is(PgToken.Kind.PARAM));
    }

    private static boolean isPunct(PgToken t, String s) {
        return t.is(PgToken.Kind.PUNCT) && t.text().equals(s);
    }

    private static PgToken word(String w) { return new PgToken(PgToken.Kind.WORD, w); }
}
