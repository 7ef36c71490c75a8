package dev.basalt.sql.postgres;

import static dev.basalt.sql.postgres.PgTokens.next;

import java.util.List;

/**
 * The parts of an UPDATE or DELETE (translated text, RETURNING already split off) that
 * UPDATE/DELETE ... RETURNING needs to read the rows it writes: the table reference as written
 * (with its alias), the WHERE condition, and how many {@code ?} parameters that condition holds
 * (they are the statement's last ones: SET comes before WHERE). Forms with more than one table
 * (UPDATE ... FROM, DELETE ... USING, joins), ORDER BY or LIMIT get a {@code problem}.
 */
public final class PgWriteTarget {
    private PgWriteTarget() {}

    public record Target(boolean update, String tableRef, String where, int whereParameters, String problem) {}

    /** The target of an UPDATE or DELETE statement, or null for other statements. */
    public static Target of(String statement) {
        List<PgToken> tokens = PgLexer.tokens(statement);
        int first = next(tokens, -1);
        if (first < 0) return null;
        boolean update = tokens.get(first).isWord("UPDATE");
        if (!update && !tokens.get(first).isWord("DELETE")) return null;
        int from = first;
        if (!update) {
            from = next(tokens, first);
            if (from < 0 || !tokens.get(from).isWord("FROM")) return problem(update, "DELETE without FROM");
        }
        int set = -1, where = -1, depth = 0;
        for (int i = from + 1; i < tokens.size(); i++) {
            PgToken t = tokens.get(i);
            if (t.is(PgToken.Kind.OPEN)) depth++;
            else if (t.is(PgToken.Kind.CLOSE)) depth--;
            if (depth != 0) continue;
            if (update && set < 0 && t.isWord("SET")) set = i;
            else if (where < 0 && t.isWord("WHERE")) where = i;
            else if (t.isWord("ORDER") || t.isWord("LIMIT") || t.isWord("USING") || t.isWord("JOIN")
                    || (set < 0 && t.is(PgToken.Kind.PUNCT) && t.text().equals(","))
                    || (update && set >= 0 && where < 0 && t.isWord("FROM"))) {
                return problem(update, "RETURNING on an " + (update ? "UPDATE" : "DELETE") + " of more than one table, with ORDER BY or LIMIT is not supported");
            }
        }
        if (update && set < 0) return problem(true, "UPDATE without SET");
        int refEnd = update ? set : where >= 0 ? where : tokens.size();
        String tableRef = text(tokens.subList(from + 1, refEnd)).strip();
        String condition = where < 0 ? "TRUE" : text(tokens.subList(where + 1, tokens.size())).strip();
        if (condition.endsWith(";")) condition = condition.substring(0, condition.length() - 1).strip();
        int parameters = 0;
        if (where >= 0) {
            for (PgToken t : tokens.subList(where + 1, tokens.size())) {
                if (t.text().equals("?") && !t.is(PgToken.Kind.STRING) && !t.is(PgToken.Kind.QUOTED_IDENT)) parameters++;
            }
        }
        return new Target(update, tableRef, condition, parameters, null);
    }

    private static Target problem(boolean update, String problem) {
        return new Target(update, null, null, 0, problem);
    }

    private static String text(List<PgToken> tokens) {
        StringBuilder sb = new StringBuilder();
        for (PgToken t : tokens) sb.append(t.text());
        return sb.toString();
    }
}
