package dev.basalt.engine.function;

import dev.basalt.engine.expr.Coercion;
import dev.basalt.engine.types.SqlType;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;

import static dev.basalt.engine.function.FunctionCall.*;
import static dev.basalt.engine.function.FunctionDef.VARIADIC;

/** User-level locks, time zones, periods and small helpers. */
final class MiscFunctions {
    private MiscFunctions() {}

    static void register() {
        Functions.register("GET_LOCK", 2, 2, (n, a) -> new FunctionCall(n, a, SqlType.BIGINT, true, false, strict2((ctx, name, t) -> {
            try {
                return NamedLocks.acquire(Coercion.toText(name, null), ctx.connectionId(), Coercion.toDouble(ctx, t));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        })));
        Functions.register("RELEASE_LOCK", 1, 1, (n, a) -> new FunctionCall(n, a, SqlType.BIGINT, true, false,
                strict1((ctx, name) -> NamedLocks.release(Coercion.toText(name, null), ctx.connectionId()))));
        Functions.register("IS_FREE_LOCK", 1, 1, (n, a) -> new FunctionCall(n, a, SqlType.BIGINT, true, false,
                strict1((ctx, name) -> NamedLocks.owner(Coercion.toText(name, null)) == null ? 1L : 0L)));
        Functions.register("IS_USED_LOCK", 1, 1, (n, a) -> new FunctionCall(n, a, SqlType.BIGINT_UNSIGNED, true, false,
                strict1((ctx, name) -> NamedLocks.owner(Coercion.toText(name, null)))));
        Functions.register("RELEASE_ALL_LOCKS", 0, 0, (n, a) -> new FunctionCall(n, a, SqlType.BIGINT, false, false,
                of0(ctx -> NamedLocks.releaseAll(ctx.connectionId()))));
        Functions.register("CONVERT_TZ", 3, 3, (n, a) -> new FunctionCall(n, a, SqlType.DATETIME.withScale(Math.max(DateFunctions.fspOf(a.get(0)), 0)), true, true,
                strict3((ctx, v, from, to) -> {
                    LocalDateTime t = Coercion.toDateTime(ctx, v);
                    ZoneId f = zone(Coercion.toText(from, null)), z = zone(Coercion.toText(to, null));
                    if (t == null || f == null || z == null) return null;
                    return dev.basalt.engine.time.TimeZones.convert(t, f, z);
                })));
        Functions.register("BIT_COUNT", 1, 1, (n, a) -> new FunctionCall(n, a, SqlType.BIGINT, true, true,
                strict1((ctx, v) -> (long) Long.bitCount(dev.basalt.engine.expr.BitOperation.bits(ctx, v)))));
        Functions.register("MAKE_SET", 2, VARIADIC, (n, a) -> new FunctionCall(n, a, SqlType.varchar(255), true, true, (ctx, row, args) -> {
            Object bits = args[0].eval(ctx, row);
            if (bits == null) return null;
            long b = dev.basalt.engine.expr.BitOperation.bits(ctx, bits);
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i < args.length && i <= 64; i++) {
                if ((b & (1L << (i - 1))) == 0) continue;
                Object v = args[i].eval(ctx, row);
                if (v == null) continue;
                if (!sb.isEmpty()) sb.append(',');
                sb.append(Coercion.toText(v, args[i].type()));
            }
            return sb.toString();
        }));
        Functions.register("PERIOD_ADD", 2, 2, (n, a) -> new FunctionCall(n, a, SqlType.BIGINT, true, true, strict2((ctx, p, m) -> {
            long months = toMonths(Coercion.toLong(ctx, p)) + Coercion.toLong(ctx, m);
            return months / 12 * 100 + months % 12 + 1;
        })));
        Functions.register("PERIOD_DIFF", 2, 2, (n, a) -> new FunctionCall(n, a, SqlType.BIGINT, true, true, strict2((ctx, p1, p2) ->
                toMonths(Coercion.toLong(ctx, p1)) - toMonths(Coercion.toLong(ctx, p2)))));
        Functions.register("TIMESTAMP", 1, 2, (n, a) -> {
            int fsp = DateFunctions.fspOf(a.get(0));
            if (a.size() == 1) return new FunctionCall(n, a, SqlType.DATETIME.withScale(fsp), true, true, strict1(Coercion::toDateTime));
            int f = Math.max(fsp, DateFunctions.fspOf(a.get(1)));
            return new FunctionCall(n, a, SqlType.DATETIME.withScale(f), true, true, strict2((ctx, d, t) -> {
                LocalDateTime dt = Coercion.toDateTime(ctx, d);
                Duration du = Coercion.toTime(ctx, t);
                return dt == null || du == null ? null : dt.plus(du);
            }));
        });
        Functions.register("SOUNDEX", 1, 1, (n, a) -> new FunctionCall(n, a, SqlType.varchar(Math.max(4, dev.basalt.engine.types.Types.displayLength(a.get(0).type()))), true, true,
                strict1((ctx, v) -> soundex(Coercion.toText(v, null)))));
    }

    private static long toMonths(long period) {
        if (period == 0) return 0;
        long y = period / 100, m = period % 100;
        if (y < 70) y += 2000; else if (y < 100) y += 1900;
        return y * 12 + m - 1;
    }

    /** A CONVERT_TZ zone argument: null (so NULL) when MySQL would not know it. */
    private static ZoneId zone(String z) {
        return dev.basalt.engine.time.TimeZones.parse(z.trim());
    }

    /** MySQL's SOUNDEX: first letter kept, codes for the rest, no length cap below 4 (padded with 0). */
    static String soundex(String s) {
        StringBuilder sb = new StringBuilder();
        char last = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = Character.toUpperCase(s.charAt(i));
            if (!Character.isLetter(c)) continue;
            char code = code(c);
            if (sb.isEmpty()) {
                sb.append(c);
                last = code;
                continue;
            }
            if (code != '0' && code != last) sb.append(code);
            if (c != 'H' && c != 'W') last = code;
        }
        if (sb.isEmpty()) return "";
        while (sb.length() < 4) sb.append('0');
        return sb.toString();
    }

    private static char code(char c) {
        return switch (c) {
            case 'B', 'F', 'P', 'V' -> '1';
            case 'C', 'G', 'J', 'K', 'Q', 'S', 'X', 'Z' -> '2';
            case 'D', 'T' -> '3';
            case 'L' -> '4';
            case 'M', 'N' -> '5';
            case 'R' -> '6';
            default -> '0';
        };
    }
}
