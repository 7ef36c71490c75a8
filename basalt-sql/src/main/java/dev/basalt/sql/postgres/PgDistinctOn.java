package dev.basalt.sql.postgres;

import static dev.basalt.sql.postgres.PgTokens.closing;
import static dev.basalt.sql.postgres.PgTokens.lastSignificant;
import static dev.basalt.sql.postgres.PgTokens.next;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code SELECT DISTINCT ON (exprs) items FROM ... ORDER BY ...} (outermost query): the first row
 * of each group in the ORDER BY order, as a window over a derived table:
 * <pre>
 * SELECT c1 AS name1, ... FROM (SELECT item1 AS c1, ..., order1 AS o1, ...,
 *     ROW_NUMBER() OVER (PARTITION BY exprs ORDER BY order1, ...) AS rn FROM ... ) AS d
 * WHERE rn = 1 ORDER BY o1, ... LIMIT ...
 * </pre>
 * DISTINCT ON and ORDER BY entries that are output column numbers or names read the item they
 * name, as in PostgreSQL. A {@code *} item cannot be listed by name without the catalog: {@link
 * #problem} says so and the server refuses it.
 */
final class PgDistinctOn {
    private PgDistinctOn() {}

    private record Item(List<PgToken> expr, String name) {}

    /** Why the statement's DISTINCT ON cannot be translated, or null (also when there is none). */
    static String problem(List<PgToken> tokens) {
        Shape s = shape(tokens);
        if (s == null) return null;
        for (List<PgToken> item : s.items) {
            PgToken last = lastSignificant(item);
            if (last != null && last.text().equals("*")) return "SELECT DISTINCT ON with * is not supported: list the columns";
        }
        return null;
    }

    /**
     * The statement with a DISTINCT ON's {@code *} (or {@code t.*}) item spelled out as the
     * columns of its single FROM table, which {@code columnsOf} gives for the table as written
     * (null when unknown); the statement unchanged when that is not its shape.
     */
    static String expandStar(String sql, java.util.function.Function<String, List<String>> columnsOf) {
        List<PgToken> tokens = PgLexer.tokens(sql);
        Shape s = shape(tokens);
        if (s == null) return sql;
        int end = tokens.size(), depth = 0;
        for (int i = s.from + 1; i < tokens.size(); i++) {
            PgToken t = tokens.get(i);
            if (t.is(PgToken.Kind.OPEN)) depth++;
            else if (t.is(PgToken.Kind.CLOSE)) depth--;
            if (depth == 0 && (t.isWord("WHERE") || t.isWord("GROUP") || t.isWord("ORDER") || t.isWord("LIMIT")
                    || t.isWord("HAVING") || t.isWord("WINDOW") || t.isWord("OFFSET") || t.isWord("FETCH")
                    || t.is(PgToken.Kind.PUNCT) && t.text().equals(";"))) {
                end = i;
                break;
            }
        }
        List<PgToken> from = new ArrayList<>();
        for (PgToken t : tokens.subList(s.from + 1, end)) if (!t.is(PgToken.Kind.SPACE) && !t.is(PgToken.Kind.COMMENT)) from.add(t);
        // name [. name] [[AS] alias]
        StringBuilder table = new StringBuilder();
        int k = 0;
        while (k < from.size() && (from.get(k).is(PgToken.Kind.WORD) || from.get(k).is(PgToken.Kind.QUOTED_IDENT)
                || from.get(k).text().equals("."))) {
            if (k > 0 && !from.get(k).text().equals(".") && !from.get(k - 1).text().equals(".")) break;
            table.append(from.get(k++).text());
        }
        if (k < from.size() && from.get(k).isWord("AS")) k++;
        if (k < from.size() && (from.get(k).is(PgToken.Kind.WORD) || from.get(k).is(PgToken.Kind.QUOTED_IDENT))) k++;
        if (k != from.size() || table.isEmpty()) return sql;
        List<String> columns = null;
        StringBuilder out = new StringBuilder();
        int listStart = s.listStart;
        int level = 0;
        for (int i = 0; i < tokens.size(); i++) {
            PgToken t = tokens.get(i);
            boolean inList = i >= listStart && i < s.from;
            if (inList && t.is(PgToken.Kind.OPEN)) level++;
            else if (inList && t.is(PgToken.Kind.CLOSE)) level--;
            // an item of its own (not count(*) or a * b)
            if (inList && level == 0 && t.text().equals("*") && t.is(PgToken.Kind.PUNCT) && wholeItem(tokens, i, s.from)) {
                if (columns == null) columns = columnsOf.apply(table.toString());
                if (columns == null || columns.isEmpty()) return sql;
                // t.* : the qualifier already written applies to the first column only; repeat it
                String qualifier = "";
                int len = out.length();
                if (i >= 2 && tokens.get(i - 1).text().equals(".")) {
                    qualifier = tokens.get(i - 2).text() + ".";
                    out.setLength(len - qualifier.length());
                }
                List<String> quoted = new ArrayList<>();
                for (String c : columns) quoted.add(qualifier + "\"" + c.replace("\"", "\"\"") + "\"");
                out.append(String.join(", ", quoted));
            } else {
                out.append(t.text());
            }
        }
        return out.toString();
    }

    /** Whether the * at i is a select item by itself or after "q.": a "," or the list's start before, a "," or FROM after. */
    private static boolean wholeItem(List<PgToken> tokens, int i, int from) {
        int after = next(tokens, i);
        boolean endOk = after == from || after > 0 && tokens.get(after).text().equals(",");
        int b = i - 1;
        while (b >= 0 && (tokens.get(b).is(PgToken.Kind.SPACE) || tokens.get(b).is(PgToken.Kind.COMMENT))) b--;
        if (b >= 1 && tokens.get(b).text().equals(".")) {
            b -= 2;
            while (b >= 0 && (tokens.get(b).is(PgToken.Kind.SPACE) || tokens.get(b).is(PgToken.Kind.COMMENT))) b--;
        }
        boolean startOk = b >= 0 && (tokens.get(b).text().equals(",") || tokens.get(b).is(PgToken.Kind.CLOSE));
        return endOk && startOk;
    }

    private record Shape(int select, int distinct, int listStart, int from, int orderBy, int orderEnd,
                         List<List<PgToken>> on, List<List<PgToken>> items, List<List<PgToken>> order) {}

    private static Shape shape(List<PgToken> tokens) {
        int select = next(tokens, -1);
        if (select < 0 || !tokens.get(select).isWord("SELECT")) return null;
        int distinct = next(tokens, select);
        int on = distinct > 0 ? next(tokens, distinct) : -1;
        int open = on > 0 ? next(tokens, on) : -1;
        if (open < 0 || !tokens.get(distinct).isWord("DISTINCT") || !tokens.get(on).isWord("ON")
                || !tokens.get(open).is(PgToken.Kind.OPEN)) return null;
        int close = closing(tokens, open);
        if (close < 0) return null;
        int from = -1, orderBy = -1, orderEnd = tokens.size(), depth = 0;
        for (int i = close + 1; i < tokens.size(); i++) {
            PgToken t = tokens.get(i);
            if (t.is(PgToken.Kind.OPEN)) depth++;
            else if (t.is(PgToken.Kind.CLOSE)) depth--;
            if (depth != 0) continue;
            if (from < 0 && t.isWord("FROM")) from = i;
            else if (from > 0 && orderBy < 0 && t.isWord("ORDER")) orderBy = i;
            else if (t.isWord("UNION") || t.isWord("EXCEPT") || t.isWord("INTERSECT")) return null;
            else if (orderBy > 0 && (t.isWord("LIMIT") || t.isWord("OFFSET") || t.isWord("FOR")
                    || t.is(PgToken.Kind.PUNCT) && t.text().equals(";"))) {
                orderEnd = i;
                break;
            }
        }
        if (from < 0) return null;
        List<List<PgToken>> order = List.of();
        if (orderBy > 0) {
            int by = next(tokens, orderBy);
            if (by < 0 || !tokens.get(by).isWord("BY")) return null;
            order = split(tokens, by + 1, orderEnd);
        }
        return new Shape(select, distinct, close + 1, from, orderBy, orderEnd, split(tokens, open + 1, close),
                split(tokens, close + 1, from), order);
    }

    static List<PgToken> rewrite(List<PgToken> tokens) {
        Shape s = shape(tokens);
        if (s == null || problem(tokens) != null) return tokens;
        List<Item> items = new ArrayList<>();
        for (List<PgToken> raw : s.items) items.add(item(raw));
        List<PgToken> out = new ArrayList<>();
        out.add(word("SELECT "));
        for (int k = 0; k < items.size(); k++) {
            if (k > 0) out.add(word(", "));
            out.add(word("basalt_c" + (k + 1) + " AS \"" + items.get(k).name.replace("\"", "\"\"") + "\""));
        }
        out.add(word(" FROM (SELECT "));
        for (int k = 0; k < items.size(); k++) {
            if (k > 0) out.add(word(", "));
            out.addAll(items.get(k).expr);
            out.add(word(" AS basalt_c" + (k + 1)));
        }
        List<List<PgToken>> orderExprs = new ArrayList<>();
        List<String> directions = new ArrayList<>();
        for (List<PgToken> o : s.order) {
            List<PgToken> e = new ArrayList<>(o);
            String dir = "";
            // trailing ASC / DESC / NULLS FIRST|LAST stay with the entry
            while (true) {
                PgToken last = lastSignificant(e);
                if (last == null) break;
                String w = last.is(PgToken.Kind.WORD) ? last.text().toUpperCase(Locale.ROOT) : "";
                if (!List.of("ASC", "DESC", "NULLS", "FIRST", "LAST").contains(w)) break;
                dir = " " + w + dir;
                e.subList(e.lastIndexOf(last), e.size()).clear();
            }
            orderExprs.add(resolve(e, items));
            directions.add(dir);
        }
        for (int k = 0; k < orderExprs.size(); k++) {
            out.add(word(", "));
            out.addAll(orderExprs.get(k));
            out.add(word(" AS basalt_o" + (k + 1)));
        }
        out.add(word(", ROW_NUMBER() OVER (PARTITION BY "));
        for (int k = 0; k < s.on.size(); k++) {
            if (k > 0) out.add(word(", "));
            out.addAll(resolve(s.on.get(k), items));
        }
        if (!orderExprs.isEmpty()) {
            out.add(word(" ORDER BY "));
            for (int k = 0; k < orderExprs.size(); k++) {
                if (k > 0) out.add(word(", "));
                out.addAll(orderExprs.get(k));
                out.add(word(directions.get(k)));
            }
        }
        out.add(word(") AS basalt_rn "));
        int restEnd = s.orderBy > 0 ? s.orderBy : s.orderEnd;
        out.addAll(tokens.subList(s.from, restEnd));
        out.add(word(") AS basalt_distinct_on WHERE basalt_rn = 1"));
        if (!orderExprs.isEmpty()) {
            out.add(word(" ORDER BY "));
            for (int k = 0; k < orderExprs.size(); k++) {
                if (k > 0) out.add(word(", "));
                out.add(word("basalt_o" + (k + 1) + directions.get(k)));
            }
        }
        if (s.orderEnd < tokens.size()) {
            out.add(word(" "));
            out.addAll(tokens.subList(s.orderEnd, tokens.size()));
        }
        return out;
    }

    /** An output column number or name as the item's expression; anything else as it is. */
    private static List<PgToken> resolve(List<PgToken> e, List<Item> items) {
        List<PgToken> sig = new ArrayList<>();
        for (PgToken t : e) if (!t.is(PgToken.Kind.SPACE) && !t.is(PgToken.Kind.COMMENT)) sig.add(t);
        if (sig.size() == 1 && sig.getFirst().is(PgToken.Kind.NUMBER)) {
            try {
                int n = Integer.parseInt(sig.getFirst().text());
                if (n >= 1 && n <= items.size()) return items.get(n - 1).expr;
            } catch (NumberFormatException ignored) {
                // not an ordinal
            }
        }
        if (sig.size() == 1 && (sig.getFirst().is(PgToken.Kind.WORD) || sig.getFirst().is(PgToken.Kind.QUOTED_IDENT))) {
            String n = name(sig.getFirst());
            for (Item it : items) if (it.name.equals(n)) return it.expr;
        }
        return e;
    }

    /** An item's expression and its output name: its alias, a column's name, a function's name or ?column?. */
    private static Item item(List<PgToken> raw) {
        List<PgToken> sig = new ArrayList<>();
        for (PgToken t : raw) if (!t.is(PgToken.Kind.SPACE) && !t.is(PgToken.Kind.COMMENT)) sig.add(t);
        int n = sig.size();
        if (n >= 3 && sig.get(n - 2).isWord("AS")) {
            return new Item(raw.subList(0, raw.indexOf(sig.get(n - 2))), name(sig.get(n - 1)));
        }
        PgToken last = sig.get(n - 1);
        if (n >= 2 && (last.is(PgToken.Kind.WORD) || last.is(PgToken.Kind.QUOTED_IDENT))) {
            PgToken before = sig.get(n - 2);
            boolean dotted = before.is(PgToken.Kind.PUNCT) && before.text().equals(".");
            if (!dotted && (before.isOperand() || before.is(PgToken.Kind.CLOSE))) {
                return new Item(raw.subList(0, raw.indexOf(last)), name(last)); // implicit alias: "expr name"
            }
        }
        if (last.is(PgToken.Kind.WORD) || last.is(PgToken.Kind.QUOTED_IDENT)) return new Item(raw, name(last));
        if (last.is(PgToken.Kind.CLOSE) && sig.getFirst().is(PgToken.Kind.WORD) && n >= 3 && sig.get(1).is(PgToken.Kind.OPEN)) {
            return new Item(raw, sig.getFirst().text().toLowerCase(Locale.ROOT));
        }
        return new Item(raw, "?column?");
    }

    private static String name(PgToken t) {
        String s = t.text();
        if (t.is(PgToken.Kind.QUOTED_IDENT)) return s.substring(1, s.length() - 1).replace("\"\"", "\"");
        return s.toLowerCase(Locale.ROOT);
    }

    private static List<List<PgToken>> split(List<PgToken> tokens, int from, int to) {
        List<List<PgToken>> out = new ArrayList<>();
        List<PgToken> current = new ArrayList<>();
        int depth = 0;
        for (int i = from; i < to; i++) {
            PgToken t = tokens.get(i);
            if (t.is(PgToken.Kind.OPEN)) depth++;
            else if (t.is(PgToken.Kind.CLOSE)) depth--;
            if (depth == 0 && t.is(PgToken.Kind.PUNCT) && t.text().equals(",")) {
                out.add(current);
                current = new ArrayList<>();
            } else {
                current.add(t);
            }
        }
        out.add(current);
        return out;
    }

    private static PgToken word(String text) {
        return new PgToken(PgToken.Kind.WORD, text);
    }
}
