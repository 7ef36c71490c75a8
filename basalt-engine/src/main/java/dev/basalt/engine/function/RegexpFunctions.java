package dev.basalt.engine.function;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.expr.Coercion;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.types.Folding;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.Types;
import dev.basalt.engine.types.Values;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static dev.basalt.engine.function.FunctionCall.strictN;
import static dev.basalt.engine.function.Text.str;

/**
 * MySQL 8's regular expression functions with all their optional arguments:
 * REGEXP_LIKE(expr, pat[, match_type]), REGEXP_INSTR(expr, pat[, pos[, occurrence[, return_option[, match_type]]]]),
 * REGEXP_SUBSTR(expr, pat[, pos[, occurrence[, match_type]]]) and
 * REGEXP_REPLACE(expr, pat, repl[, pos[, occurrence[, match_type]]]).
 * Positions count characters from 1. Case sensitivity follows the arguments' collation unless
 * match_type says 'c' or 'i'. Java's regex dialect stands in for ICU's (same syntax for the
 * common constructs, including $n in replacements).
 */
final class RegexpFunctions {
    private RegexpFunctions() {}

    /** 3685: a position or group reference outside the subject or pattern. */
    private static SqlException outOfBounds() {
        return new SqlException(3685, "HY000", "Index out of bounds in regular expression search.");
    }

    static void register() {
        Functions.register("REGEXP_LIKE", 2, 3, (n, a) -> call(n, a, Types.BOOL_RESULT, (ctx, v, ci) ->
                pattern(v[1], ci, arg(v, 2)).matcher(str(v[0])).find() ? 1L : 0L));
        Functions.register("REGEXP_INSTR", 2, 6, (n, a) -> call(n, a, SqlType.BIGINT, (ctx, v, ci) -> {
            String s = str(v[0]);
            int from = start(ctx, s, v, 2);
            long occurrence = v.length > 3 ? Coercion.toLong(ctx, v[3]) : 1;
            long option = v.length > 4 ? Coercion.toLong(ctx, v[4]) : 0;
            if (option != 0 && option != 1) {
                throw new SqlException(1210, "HY000", "Incorrect arguments to regexp_instr: return_option must be 1 or 0.");
            }
            Matcher m = pattern(v[1], ci, arg(v, 5)).matcher(s);
            if (!find(m, from, occurrence)) return 0L;
            int at = option == 0 ? m.start() : m.end();
            return (long) s.codePointCount(0, at) + 1;
        }));
        Functions.register("REGEXP_SUBSTR", 2, 5, (n, a) -> call(n, a, Text.varchar(Types.displayLength(a.get(0).type()), a),
                (ctx, v, ci) -> {
                    String s = str(v[0]);
                    int from = start(ctx, s, v, 2);
                    long occurrence = v.length > 3 ? Coercion.toLong(ctx, v[3]) : 1;
                    Matcher m = pattern(v[1], ci, arg(v, 4)).matcher(s);
                    return find(m, from, occurrence) ? m.group() : null;
                }));
        Functions.register("REGEXP_REPLACE", 3, 6, (n, a) -> call(n, a, SqlType.LONGTEXT, (ctx, v, ci) -> {
            String s = str(v[0]);
            String replacement = str(v[2]);
            int from = start(ctx, s, v, 3);
            long occurrence = v.length > 4 ? Coercion.toLong(ctx, v[4]) : 0; // 0: every match
            Matcher m = pattern(v[1], ci, arg(v, 5)).matcher(s);
            StringBuilder out = new StringBuilder(s.substring(0, from));
            int copied = from;
            long seen = 0;
            int at = from;
            while (at <= s.length() && m.find(at)) {
                seen++;
                if (occurrence == 0 || seen == occurrence) {
                    out.append(s, copied, m.start()).append(expand(m, replacement));
                    copied = m.end();
                    if (occurrence != 0) break;
                }
                at = m.end() == m.start() ? m.end() + 1 : m.end();
            }
            return out.append(s, copied, s.length()).toString();
        }));
    }

    /** The replacement for the current match: $n and ${name} expanded, backslash escapes the next character. */
    private static String expand(Matcher m, String replacement) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            if (c == '\\' && i + 1 < replacement.length()) {
                b.append(replacement.charAt(++i));
            } else if (c == '$' && i + 1 < replacement.length() && Character.isDigit(replacement.charAt(i + 1))) {
                int j = i + 1;
                int group = replacement.charAt(j) - '0';
                // take more digits while they still name an existing group, as Java and ICU do
                while (j + 1 < replacement.length() && Character.isDigit(replacement.charAt(j + 1))
                        && group * 10 + (replacement.charAt(j + 1) - '0') <= m.groupCount()) {
                    group = group * 10 + (replacement.charAt(++j) - '0');
                }
                if (group > m.groupCount()) throw outOfBounds();
                String g = m.group(group);
                if (g != null) b.append(g);
                i = j;
            } else if (c == '$' && i + 1 < replacement.length() && replacement.charAt(i + 1) == '{') {
                int close = replacement.indexOf('}', i);
                if (close < 0) throw outOfBounds();
                String g = m.group(replacement.substring(i + 2, close));
                if (g != null) b.append(g);
                i = close;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Moves to the occurrence-th match at or after {@code from}; occurrence below 1 counts as 1. */
    private static boolean find(Matcher m, int from, long occurrence) {
        int at = from;
        for (long i = 0; i < Math.max(1, occurrence); i++) {
            if (at > m.regionEnd() || !m.find(at)) return false;
            at = m.end() == m.start() ? m.end() + 1 : m.end();
        }
        return true;
    }

    /** The char index where the search starts: argument {@code i} (1-based characters, default 1); 3685 outside the subject. */
    private static int start(EvalContext ctx, String s, Object[] v, int i) {
        long pos = v.length > i ? Coercion.toLong(ctx, v[i]) : 1;
        int chars = s.codePointCount(0, s.length());
        if (pos < 1 || pos > chars + 1) throw outOfBounds();
        return s.offsetByCodePoints(0, (int) pos - 1);
    }

    private static String arg(Object[] v, int i) { return v.length > i ? str(v[i]) : null; }

    @FunctionalInterface
    private interface RegexpBody {
        Object apply(EvalContext ctx, Object[] values, boolean caseInsensitive);
    }

    private static FunctionCall call(String name, List<Expr> args, SqlType type, RegexpBody body) {
        boolean ci = Folding.isCaseInsensitive(Values.pickCollation(args.get(0).type(), args.get(1).type()));
        return new FunctionCall(name, args, type, true, true, strictN((ctx, v) -> body.apply(ctx, v, ci)));
    }

    /** Compiles the pattern with the collation's case rule and the match_type flags (c i m n u); 3692 bad syntax. */
    static Pattern pattern(Object regex, boolean ci, String matchType) {
        int flags = ci ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
        if (matchType != null) {
            for (char c : matchType.toCharArray()) {
                switch (c) {
                    case 'c' -> flags &= ~(Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
                    case 'i' -> flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                    case 'm' -> flags |= Pattern.MULTILINE;
                    case 'n' -> flags |= Pattern.DOTALL;
                    case 'u' -> flags |= Pattern.UNIX_LINES;
                    default -> throw new SqlException(3693, "HY000", "Invalid match mode flag in regular expression.");
                }
            }
        }
        try {
            return Pattern.compile(str(regex), flags);
        } catch (PatternSyntaxException e) {
            throw new SqlException(3692, "HY000", "Syntax error in regular expression: " + e.getDescription());
        }
    }
}
