package dev.basalt.sql.postgres;

import static dev.basalt.sql.postgres.PgTokens.next;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * PostgreSQL's {@code INSERT ... ON CONFLICT} in MySQL's terms. {@code DO NOTHING} becomes a no-op
 * {@code ON DUPLICATE KEY UPDATE c = c} (so other errors still fail the INSERT, unlike INSERT
 * IGNORE; without a column to name, INSERT IGNORE), {@code DO UPDATE SET c = EXCLUDED.c}
 * becomes {@code ON DUPLICATE KEY UPDATE c = VALUES(c)} and its {@code WHERE cond} a
 * {@code c = IF(cond, new, c)} per assignment. MySQL runs the assignments left to right on the
 * row as it is being changed, PostgreSQL on the old row: the assignments are reordered so each
 * one reads only columns not assigned yet, and a cycle (SET a = b, b = a) is refused.
 *
 * <p>Whether the conflict target matches the table's unique keys needs the catalog: the server
 * checks {@link Conflict#targetColumns()} / {@link Conflict#constraint()} before running it.
 */
public final class PgOnConflict {
    private PgOnConflict() {}

    /**
     * The ON CONFLICT clause of an INSERT: its table as written, the INSERT's column list (empty
     * when none), the conflict target (columns, or a constraint name), what it does, and
     * {@code problem}: why it cannot be run on MySQL's terms (null when it can).
     */
    public record Conflict(String table, List<String> insertColumns, List<String> targetColumns, String constraint,
                           boolean doUpdate, boolean hasWhere, String problem) {}

    /**
     * One value of a single-row {@code VALUES (...)} in a translated INSERT: its text, and where
     * its {@code ?} parameters are among the statement's (the first one's 0-based index, how many).
     */
    public record Value(String text, int firstParameter, int parameters) {}

    /** The values of a translated INSERT's single VALUES row, or null when it has another source or more rows. */
    public static List<Value> singleRow(String translatedInsert) {
        List<PgToken> tokens = PgLexer.tokens(translatedInsert);
        int depth = 0, values = -1;
        for (int i = 0; i < tokens.size(); i++) {
            PgToken t = tokens.get(i);
            if (t.is(PgToken.Kind.OPEN)) depth++;
            else if (t.is(PgToken.Kind.CLOSE)) depth--;
            else if (depth == 0 && (t.isWord("VALUES") || t.isWord("VALUE"))) {
                values = i;
                break;
            }
        }
        int open = values < 0 ? -1 : next(tokens, values);
        if (open < 0 || !tokens.get(open).is(PgToken.Kind.OPEN)) return null;
        int close = closing(tokens, open);
        int after = next(tokens, close);
        if (after > 0 && tokens.get(after).is(PgToken.Kind.PUNCT) && tokens.get(after).text().equals(",")) return null;
        int before = 0;
        for (int i = 0; i < open; i++) if (isParameter(tokens.get(i))) before++;
        List<Value> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int first = before, count = 0;
        depth = 0;
        for (int i = open + 1; i <= close; i++) {
            PgToken t = tokens.get(i);
            if (t.is(PgToken.Kind.OPEN)) depth++;
            else if (t.is(PgToken.Kind.CLOSE)) depth--;
            if (i == close || depth == 0 && t.is(PgToken.Kind.PUNCT) && t.text().equals(",")) {
                out.add(new Value(text.toString().strip(), first, count));
                first += count;
                count = 0;
                text.setLength(0);
                continue;
            }
            if (isParameter(t)) count++;
            text.append(t.text());
        }
        return out;
    }

    private static boolean isParameter(PgToken t) {
        return t.is(PgToken.Kind.PUNCT) && t.text().equals("?") || t.is(PgToken.Kind.PARAM) && t.text().equals("?");
    }

    private record Assignment(String column, List<PgToken> target, List<PgToken> value) {}

    /** The ON CONFLICT clause of an INSERT statement (PostgreSQL text), or null when there is none. */
    public static Conflict of(String sql) {
        List<PgToken> tokens = PgLexer.tokens(sql);
        Parsed p = parse(tokens);
        return p == null ? null : p.conflict;
    }

    private record Parsed(Conflict conflict, int onAt, int end, int insertAt, List<Assignment> assignments,
                          List<PgToken> where) {}

    /** The tokens with ON CONFLICT rewritten (unchanged when there is none or it cannot be run). */
    static List<PgToken> rewrite(List<PgToken> tokens) {
        Parsed p = parse(tokens);
        if (p == null || p.conflict.problem() != null) return tokens;
        List<PgToken> out = new ArrayList<>(tokens.subList(0, p.onAt));
        Conflict c = p.conflict;
        if (!c.doUpdate()) {
            String column = !c.targetColumns().isEmpty() ? c.targetColumns().getFirst()
                    : !c.insertColumns().isEmpty() ? c.insertColumns().getFirst() : null;
            if (column == null) {
                // no column to name: INSERT IGNORE (which also turns other errors into warnings)
                out.add(p.insertAt + 1, word(" IGNORE"));
                while (out.getLast().is(PgToken.Kind.SPACE)) out.removeLast();
            } else {
                String quoted = "\"" + column.replace("\"", "\"\"") + "\"";
                out.add(word("ON DUPLICATE KEY UPDATE " + quoted + " = " + quoted));
            }
        } else {
            out.add(word("ON DUPLICATE KEY UPDATE "));
            boolean first = true;
            for (Assignment a : order(p.assignments, p.where)) {
                if (!first) out.add(word(", "));
                first = false;
                out.addAll(a.target);
                out.add(word(" = "));
                List<PgToken> value = excluded(a.value);
                if (p.where == null) {
                    out.addAll(value);
                } else {
                    out.add(word("IF(("));
                    out.addAll(excluded(p.where));
                    out.add(word("), "));
                    out.addAll(value);
                    out.add(word(", "));
                    out.addAll(a.target);
                    out.add(word(")"));
                }
            }
        }
        if (p.end < tokens.size()) {
            out.add(word(" "));
            out.addAll(tokens.subList(p.end, tokens.size()));
        }
        return out;
    }

    private static PgToken word(String text) {
        return new PgToken(PgToken.Kind.WORD, text);
    }

    private static Parsed parse(List<PgToken> tokens) {
        int insertAt = next(tokens, -1);
        if (insertAt < 0 || !tokens.get(insertAt).isWord("INSERT")) return null;
        int onAt = -1, depth = 0;
        for (int i = insertAt + 1; i < tokens.size(); i++) {
            PgToken t = tokens.get(i);
            if (t.is(PgToken.Kind.OPEN)) depth++;
            else if (t.is(PgToken.Kind.CLOSE)) depth--;
            else if (depth == 0 && t.isWord("ON")) {
                int n = next(tokens, i);
                if (n > 0 && tokens.get(n).isWord("CONFLICT")) {
                    onAt = i;
                    break;
                }
            }
        }
        if (onAt < 0) return null;
        String table = null;
        List<String> insertColumns = new ArrayList<>();
        int into = next(tokens, insertAt);
        if (into > 0 && tokens.get(into).isWord("INTO")) {
            StringBuilder name = new StringBuilder();
            int j = next(tokens, into);
            while (j > 0 && j < onAt && (tokens.get(j).is(PgToken.Kind.WORD) || tokens.get(j).is(PgToken.Kind.QUOTED_IDENT)
                    || tokens.get(j).is(PgToken.Kind.PUNCT) && tokens.get(j).text().equals("."))) {
                name.append(tokens.get(j).text());
                j++;
            }
            table = name.isEmpty() ? null : name.toString();
            while (j < onAt && tokens.get(j).is(PgToken.Kind.SPACE)) j++;
            if (j < onAt && tokens.get(j).is(PgToken.Kind.OPEN)) insertColumns = names(tokens, j);
        }
        String problem = null;
        int i = next(tokens, next(tokens, onAt)); // after CONFLICT
        List<String> target = List.of();
        String constraint = null;
        if (i > 0 && tokens.get(i).is(PgToken.Kind.OPEN)) {
            target = names(tokens, i);
            if (target == null) {
                problem = "ON CONFLICT with an expression or collation as conflict target is not supported";
                target = List.of();
            }
            i = next(tokens, closing(tokens, i));
            if (i > 0 && tokens.get(i).isWord("WHERE")) {
                problem = "ON CONFLICT with a partial-index predicate (WHERE) is not supported";
                while (i > 0 && !tokens.get(i).isWord("DO")) i = next(tokens, i);
            }
        } else if (i > 0 && tokens.get(i).isWord("ON")) {
            int k = next(tokens, i);
            int n = k > 0 && tokens.get(k).isWord("CONSTRAINT") ? next(tokens, k) : -1;
            if (n < 0) return syntax(table, insertColumns, onAt, tokens);
            constraint = unquote(tokens.get(n).text());
            i = next(tokens, n);
        }
        if (i < 0 || !tokens.get(i).isWord("DO")) return syntax(table, insertColumns, onAt, tokens);
        int action = next(tokens, i);
        if (action < 0) return syntax(table, insertColumns, onAt, tokens);
        int end = statementEnd(tokens, action);
        if (tokens.get(action).isWord("NOTHING")) {
            return new Parsed(new Conflict(table, insertColumns, target, constraint, false, false, problem),
                    onAt, end, insertAt, List.of(), null);
        }
        int set = next(tokens, action);
        if (!tokens.get(action).isWord("UPDATE") || set < 0 || !tokens.get(set).isWord("SET")) {
            return syntax(table, insertColumns, onAt, tokens);
        }
        if (target.isEmpty() && constraint == null && problem == null) {
            problem = "ON CONFLICT DO UPDATE requires inference specification or constraint name";
        }
        // SET a = x, b = y [WHERE cond]
        List<Assignment> assignments = new ArrayList<>();
        List<PgToken> where = null;
        int start = set + 1;
        depth = 0;
        for (int k = start; k <= end; k++) {
            PgToken t = k < end ? tokens.get(k) : null;
            if (t != null && t.is(PgToken.Kind.OPEN)) depth++;
            else if (t != null && t.is(PgToken.Kind.CLOSE)) depth--;
            boolean comma = t != null && depth == 0 && t.is(PgToken.Kind.PUNCT) && t.text().equals(",");
            boolean stop = t == null || depth == 0 && t.isWord("WHERE");
            if (!comma && !stop) continue;
            Assignment a = assignment(tokens.subList(start, k));
            if (a == null) {
                problem = problem != null ? problem : "ON CONFLICT DO UPDATE SET takes column = expression assignments only";
            } else {
                assignments.add(a);
            }
            start = k + 1;
            if (t != null && stop) {
                where = new ArrayList<>(tokens.subList(k + 1, end));
                while (!where.isEmpty() && where.getFirst().is(PgToken.Kind.SPACE)) where.removeFirst();
                while (!where.isEmpty() && where.getLast().is(PgToken.Kind.SPACE)) where.removeLast();
                break;
            }
        }
        if (problem == null && order(assignments, where) == null) {
            problem = "ON CONFLICT DO UPDATE whose assignments read each other's columns is not supported";
        }
        return new Parsed(new Conflict(table, insertColumns, target, constraint, true, where != null, problem),
                onAt, end, insertAt, assignments, where);
    }

    private static Parsed syntax(String table, List<String> insertColumns, int onAt, List<PgToken> tokens) {
        return new Parsed(new Conflict(table, insertColumns, List.of(), null, false, false,
                "syntax error in ON CONFLICT"), onAt, tokens.size(), 0, List.of(), null);
    }

    /** Where the clause ends: a top-level RETURNING or ";", or the end. */
    private static int statementEnd(List<PgToken> tokens, int from) {
        int depth = 0;
        for (int i = from; i < tokens.size(); i++) {
            PgToken t = tokens.get(i);
            if (t.is(PgToken.Kind.OPEN)) depth++;
            else if (t.is(PgToken.Kind.CLOSE)) depth--;
            else if (depth == 0 && (t.isWord("RETURNING") || t.is(PgToken.Kind.PUNCT) && t.text().equals(";"))) return i;
        }
        return tokens.size();
    }

    private static Assignment assignment(List<PgToken> tokens) {
        int c = next(tokens, -1);
        if (c < 0 || !(tokens.get(c).is(PgToken.Kind.WORD) || tokens.get(c).is(PgToken.Kind.QUOTED_IDENT))) return null;
        int eq = next(tokens, c);
        if (eq < 0 || !tokens.get(eq).is(PgToken.Kind.PUNCT) || !tokens.get(eq).text().equals("=")) return null;
        List<PgToken> value = new ArrayList<>(tokens.subList(eq + 1, tokens.size()));
        while (!value.isEmpty() && value.getFirst().is(PgToken.Kind.SPACE)) value.removeFirst();
        while (!value.isEmpty() && value.getLast().is(PgToken.Kind.SPACE)) value.removeLast();
        if (value.isEmpty()) return null;
        return new Assignment(name(tokens.get(c)), List.of(tokens.get(c)), value);
    }

    /**
     * The assignments in an order where each reads only columns assigned after it (or itself),
     * so MySQL's left-to-right evaluation sees the old row as PostgreSQL's does; null on a cycle.
     * {@code where} (or null) is read by every assignment.
     */
    private static List<Assignment> order(List<Assignment> assignments, List<PgToken> where) {
        Set<String> assigned = new HashSet<>();
        for (Assignment a : assignments) assigned.add(a.column);
        List<Assignment> left = new ArrayList<>(assignments), out = new ArrayList<>();
        while (!left.isEmpty()) {
            Assignment ready = null;
            for (Assignment a : left.reversed()) {
                // a may run last of the remaining ones when it reads none of their columns
                Set<String> reads = reads(a.value, where, assigned);
                boolean readsOther = false;
                for (Assignment x : left) if (x != a && reads.contains(x.column)) readsOther = true;
                if (!readsOther) {
                    ready = a;
                    break;
                }
            }
            if (ready == null) return null;
            left.remove(ready);
            out.add(ready);
        }
        return out.reversed();
    }

    /** The assigned columns an expression reads from the existing row (not through EXCLUDED). */
    private static Set<String> reads(List<PgToken> value, List<PgToken> where, Set<String> assigned) {
        Set<String> out = new HashSet<>();
        List<PgToken> tokens = new ArrayList<>(value);
        if (where != null) tokens.addAll(where);
        for (int i = 0; i < tokens.size(); i++) {
            PgToken t = tokens.get(i);
            if (!(t.is(PgToken.Kind.WORD) || t.is(PgToken.Kind.QUOTED_IDENT))) continue;
            String n = name(t);
            if (!assigned.contains(n)) continue;
            if (i >= 2 && tokens.get(i - 1).text().equals(".") && tokens.get(i - 2).isWord("EXCLUDED")) continue;
            out.add(n);
        }
        return out;
    }

    /** EXCLUDED.col as MySQL's VALUES(col): the row that was proposed for insertion. */
    private static List<PgToken> excluded(List<PgToken> tokens) {
        List<PgToken> out = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            PgToken t = tokens.get(i);
            if (t.isWord("EXCLUDED") && i + 2 < tokens.size() && tokens.get(i + 1).text().equals(".")
                    && (tokens.get(i + 2).is(PgToken.Kind.WORD) || tokens.get(i + 2).is(PgToken.Kind.QUOTED_IDENT))) {
                out.add(word("VALUES(" + tokens.get(i + 2).text() + ")"));
                i += 2;
            } else {
                out.add(t);
            }
        }
        return out;
    }

    /** The names in the parenthesised list at index open, or null when an entry is not a plain name. */
    private static List<String> names(List<PgToken> tokens, int open) {
        List<String> out = new ArrayList<>();
        int close = closing(tokens, open);
        boolean expectName = true;
        for (int i = open + 1; i < close; i++) {
            PgToken t = tokens.get(i);
            if (t.is(PgToken.Kind.SPACE) || t.is(PgToken.Kind.COMMENT)) continue;
            if (expectName && (t.is(PgToken.Kind.WORD) || t.is(PgToken.Kind.QUOTED_IDENT))) {
                out.add(name(t));
                expectName = false;
            } else if (!expectName && t.is(PgToken.Kind.PUNCT) && t.text().equals(",")) {
                expectName = true;
            } else {
                return null;
            }
        }
        return out;
    }

    private static int closing(List<PgToken> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).is(PgToken.Kind.OPEN)) depth++;
            else if (tokens.get(i).is(PgToken.Kind.CLOSE) && --depth == 0) return i;
        }
        return tokens.size() - 1;
    }

    /** A column name as PostgreSQL folds it: unquoted names to lower case. */
    private static String name(PgToken t) {
        return t.is(PgToken.Kind.QUOTED_IDENT) ? unquote(t.text()) : t.text().toLowerCase(Locale.ROOT);
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1).replace("\"\"", "\"")
                : s.toLowerCase(Locale.ROOT);
    }
}
