package dev.basalt.sql.postgres;

import java.util.ArrayList;
import java.util.List;

/**
 * Identity columns in CREATE/ALTER TABLE: {@code GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY}
 * becomes what {@code serial} becomes, {@code NOT NULL AUTO_INCREMENT UNIQUE} (MySQL needs a key
 * on an AUTO_INCREMENT column; an identity column is NOT NULL in PostgreSQL too). MySQL's
 * AUTO_INCREMENT is BY DEFAULT's rule: an INSERT may give the value itself, also for ALWAYS, where
 * PostgreSQL would refuse it. Sequence options ({@code AS IDENTITY (START WITH 10)}) are refused.
 */
final class PgIdentity {
    private PgIdentity() {}

    static final String AUTO_INCREMENT = "NOT NULL AUTO_INCREMENT UNIQUE";

    /** Each identity clause replaced by AUTO_INCREMENT; everything else unchanged. */
    static List<PgToken> rewrite(List<PgToken> in) {
        List<PgToken> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            int end = clauseEnd(in, i);
            if (end < 0 || hasOptions(in, end)) {
                out.add(in.get(i));
                continue;
            }
            out.add(new PgToken(PgToken.Kind.WORD, AUTO_INCREMENT));
            i = end;
        }
        return out;
    }

    /** Why the statement cannot be translated (an identity clause with sequence options), or null. */
    static String problem(List<PgToken> in) {
        for (int i = 0; i < in.size(); i++) {
            int end = clauseEnd(in, i);
            if (end >= 0 && hasOptions(in, end)) return "sequence options of an identity column are not supported";
        }
        return null;
    }

    /** The index of IDENTITY when a {@code GENERATED ... AS IDENTITY} clause starts at i, else -1. */
    private static int clauseEnd(List<PgToken> in, int i) {
        if (!in.get(i).isWord("GENERATED")) return -1;
        int j = PgTokens.next(in, i);
        if (j < 0) return -1;
        if (in.get(j).isWord("BY")) {
            j = PgTokens.next(in, j);
            if (j < 0 || !in.get(j).isWord("DEFAULT")) return -1;
        } else if (!in.get(j).isWord("ALWAYS")) {
            return -1;
        }
        j = PgTokens.next(in, j);
        if (j < 0 || !in.get(j).isWord("AS")) return -1;
        j = PgTokens.next(in, j);
        // GENERATED ALWAYS AS (expr) is a generated column, MySQL's own syntax: left alone
        return j >= 0 && in.get(j).isWord("IDENTITY") ? j : -1;
    }

    private static boolean hasOptions(List<PgToken> in, int identity) {
        int j = PgTokens.next(in, identity);
        return j >= 0 && in.get(j).is(PgToken.Kind.OPEN);
    }
}
