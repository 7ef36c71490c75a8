package dev.basalt.sql.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * PostgreSQL's date/time functions that MySQL lacks or spells differently, renamed to the engine's
 * PG_ functions so the MySQL port keeps MySQL's names: age(), justify_days/hours/interval(),
 * date_part(), date_trunc(), and {@code extract(field FROM x)} as {@code PG_EXTRACT('field', x)} (PostgreSQL's
 * fields, such as epoch and dow, on timestamps, dates and intervals, with numeric results).
 */
final class PgDateFunctions {
    private PgDateFunctions() {}

    private static final Map<String, String> RENAMED = Map.of(
            "age", "PG_AGE", "justify_days", "PG_JUSTIFY_DAYS", "justify_hours", "PG_JUSTIFY_HOURS",
            "justify_interval", "PG_JUSTIFY_INTERVAL", "date_part", "PG_DATE_PART", "date_trunc", "PG_DATE_TRUNC");

    static List<PgToken> rewrite(List<PgToken> in) {
        List<PgToken> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            PgToken t = in.get(i);
            int open = PgTokens.next(in, i);
            boolean call = t.is(PgToken.Kind.WORD) && open > 0 && in.get(open).is(PgToken.Kind.OPEN) && !qualifiedByOther(out);
            String renamed = call ? RENAMED.get(t.text().toLowerCase(Locale.ROOT)) : null;
            if (renamed != null) {
                out.add(new PgToken(PgToken.Kind.WORD, renamed));
                continue;
            }
            if (call && t.isWord("EXTRACT")) {
                int field = PgTokens.next(in, open);
                int from = field > 0 ? PgTokens.next(in, field) : -1;
                int close = PgTokens.closing(in, open);
                if (from > 0 && close > from && in.get(field).is(PgToken.Kind.WORD) && in.get(from).isWord("FROM")) {
                    out.add(new PgToken(PgToken.Kind.WORD, "PG_EXTRACT"));
                    out.add(in.get(open));
                    out.add(new PgToken(PgToken.Kind.STRING, "'" + in.get(field).text().toLowerCase(Locale.ROOT) + "'"));
                    out.add(new PgToken(PgToken.Kind.PUNCT, ","));
                    // the argument's tokens stay tokens (parameters keep their place); the later rewrites still see them
                    out.addAll(rewrite(in.subList(from + 1, close)));
                    out.add(in.get(close));
                    i = close;
                    continue;
                }
            }
            out.add(t);
        }
        return out;
    }

    /** {@code x.age(...)}: a qualified name is someone's own function, left alone. */
    private static boolean qualifiedByOther(List<PgToken> out) {
        PgToken before = PgTokens.lastSignificant(out);
        return before != null && before.is(PgToken.Kind.PUNCT) && before.text().equals(".");
    }
}
