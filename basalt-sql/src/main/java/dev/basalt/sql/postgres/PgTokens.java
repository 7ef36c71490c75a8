package dev.basalt.sql.postgres;

import java.util.List;

/** Navigation in a PostgreSQL token list that the dialect's rewrites share. */
final class PgTokens {
    private PgTokens() {}

    /** Index of the parenthesis that closes the one at {@code open}, or -1 when it is never closed. */
    static int closing(List<PgToken> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).is(PgToken.Kind.OPEN)) depth++;
            else if (tokens.get(i).is(PgToken.Kind.CLOSE) && --depth == 0) return i;
        }
        return -1;
    }

    /** Index of the next token after {@code i} that is not whitespace or a comment, or -1. */
    static int next(List<PgToken> tokens, int i) {
        for (int j = i + 1; j < tokens.size(); j++) {
            if (significant(tokens.get(j))) return j;
        }
        return -1;
    }

    /** The last token of {@code out} that is not whitespace or a comment, or null. */
    static PgToken lastSignificant(List<PgToken> out) {
        for (int j = out.size() - 1; j >= 0; j--) {
            if (significant(out.get(j))) return out.get(j);
        }
        return null;
    }

    private static boolean significant(PgToken t) {
        return !t.is(PgToken.Kind.SPACE) && !t.is(PgToken.Kind.COMMENT);
    }
}
