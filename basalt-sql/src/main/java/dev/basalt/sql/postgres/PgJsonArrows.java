package dev.basalt.sql.postgres;

import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's json/jsonb field operators with a literal key or index, as MySQL's JSON functions:
 * {@code x -> 'key'} is {@code JSON_EXTRACT(x, '$."key"')}, {@code x ->> 'key'} is
 * {@code JSON_UNQUOTE(JSON_EXTRACT(x, '$."key"'))}, {@code x -> 2} uses {@code '$[2]'}; chains
 * ({@code x -> 'a' ->> 'b'}) nest. Runs after the casts are translated, so {@code '{}'::jsonb -> 'a'}
 * works. A key starting with {@code $} is left alone: it is a MySQL path ({@code doc->>'$.a'}), which
 * MySQL's grammar reads on a column. Other right operands (parameters, expressions, negative
 * indexes) are left for the engine, which refuses them.
 */
final class PgJsonArrows {
    private PgJsonArrows() {}

    static List<PgToken> rewrite(List<PgToken> in) {
        if (!hasArrow(in)) return in;
        List<PgToken> out = new ArrayList<>(in.size() + 8);
        for (int i = 0; i < in.size(); i++) {
            PgToken t = in.get(i);
            int width = arrowWidth(in, i);
            if (width > 0 && PgDialect.castOperand(out)) {
                int keyAt = PgTokens.next(in, i + width - 1);
                String path = keyAt < 0 ? null : path(in.get(keyAt));
                int after = keyAt < 0 ? -1 : PgTokens.next(in, keyAt);
                boolean castFollows = after >= 0 && in.get(after).is(PgToken.Kind.CAST);
                if (path != null && !castFollows) {
                    List<PgToken> operand = PgDialect.takeOperand(out);
                    boolean text = width == 3;
                    if (text) out.add(new PgToken(PgToken.Kind.WORD, "JSON_UNQUOTE"));
                    if (text) out.add(new PgToken(PgToken.Kind.OPEN, "("));
                    out.add(new PgToken(PgToken.Kind.WORD, "JSON_EXTRACT"));
                    out.add(new PgToken(PgToken.Kind.OPEN, "("));
                    out.addAll(operand); // the operand's own tokens: $n parameters inside keep their identity
                    out.add(new PgToken(PgToken.Kind.PUNCT, ","));
                    out.add(new PgToken(PgToken.Kind.SPACE, " "));
                    out.add(new PgToken(PgToken.Kind.STRING, path));
                    out.add(new PgToken(PgToken.Kind.CLOSE, ")"));
                    if (text) out.add(new PgToken(PgToken.Kind.CLOSE, ")"));
                    i = keyAt;
                    continue;
                }
            }
            out.add(t);
        }
        return out;
    }

    private static boolean hasArrow(List<PgToken> in) {
        for (int i = 0; i < in.size(); i++) if (arrowWidth(in, i) > 0) return true;
        return false;
    }

    /** 2 for "->", 3 for "->>" starting at token i (adjacent characters), else 0. */
    private static int arrowWidth(List<PgToken> in, int i) {
        if (!punct(in, i, "-") || !punct(in, i + 1, ">")) return 0;
        return punct(in, i + 2, ">") ? 3 : 2;
    }

    private static boolean punct(List<PgToken> in, int i, String p) {
        return i < in.size() && in.get(i).is(PgToken.Kind.PUNCT) && in.get(i).text().equals(p);
    }

    /** The MySQL JSON path literal for a key or index token, or null when the token is neither. */
    private static String path(PgToken t) {
        if (t.is(PgToken.Kind.NUMBER) && t.text().chars().allMatch(Character::isDigit)) return "'$[" + t.text() + "]'";
        if (!t.is(PgToken.Kind.STRING) || !t.text().startsWith("'") || t.text().length() < 2) return null;
        String key = t.text().substring(1, t.text().length() - 1).replace("''", "'");
        if (key.startsWith("$")) return null;
        String quoted = key.replace("\\", "\\\\").replace("\"", "\\\"");
        return "'$.\"" + quoted.replace("'", "''") + "\"'";
    }
}
