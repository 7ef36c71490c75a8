package dev.basalt.engine.function;

import dev.basalt.engine.expr.Coercion;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.Literal;
import dev.basalt.engine.expr.TrimMode;
import dev.basalt.engine.types.Collation;
import dev.basalt.engine.types.Folding;
import dev.basalt.engine.types.Numbers;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import dev.basalt.engine.types.Types;
import dev.basalt.engine.types.ValueComparator;
import dev.basalt.engine.types.Values;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

import static dev.basalt.engine.function.FunctionCall.*;
import static dev.basalt.engine.function.FunctionDef.VARIADIC;
import static dev.basalt.engine.function.Text.*;

/**
 * String functions. TRIM's forms: TRIM(str), LTRIM(str), RTRIM(str), and for
 * TRIM([BOTH|LEADING|TRAILING] remstr FROM str) either {@code Exprs.trim} or the functions
 * TRIM_BOTH(str, remstr), TRIM_LEADING(str, remstr), TRIM_TRAILING(str, remstr).
 */
public final class StringFunctions {
    private StringFunctions() {}

    private static final SqlType INT_RESULT = SqlType.BIGINT;
    /** LENGTH, CHAR_LENGTH, BIT_LENGTH: BIGINT(10) as MySQL 8's Item_func_length (MariaDB: INT(10), BIT_LENGTH 11). */
    private static final SqlType LENGTH_RESULT = SqlType.BIGINT.withLength(10);
    /** LOCATE / INSTR / POSITION: BIGINT(11), MY_INT32_NUM_DECIMAL_DIGITS. */
    private static final SqlType POSITION_RESULT = SqlType.BIGINT.withLength(11);

    private static FunctionCall call(String name, List<Expr> args, SqlType type, Body body) {
        return new FunctionCall(name, args, type, true, true, body);
    }

    private static long maxLen(List<Expr> args) {
        long n = 0;
        for (Expr a : args) n += Types.displayLength(a.type());
        return n;
    }

    /** A constant integer argument's value (a literal), else null: lengths known when the statement is prepared. */
    private static Long constantInt(Expr e) {
        return e instanceof Literal l && l.value() instanceof Long v ? v : null;
    }

    /**
     * SUBSTRING's length in characters as mysqld computes it (Item_func_substr::resolve_type):
     * the string's, less the characters a constant start skips, at most a constant length.
     */
    private static long substringLen(List<Expr> a) {
        long len = maxLen(a.subList(0, 1));
        Long start = constantInt(a.get(1));
        if (start != null) len = start < 0 ? Math.min(len, -start) : len - Math.min(Math.max(start - 1, 0), len);
        Long count = a.size() > 2 ? constantInt(a.get(2)) : null;
        if (count != null) len = count <= 0 ? 0 : Math.min(len, count);
        return len;
    }

    /** REPLACE's length as mysqld's: every character of the string may become the replacement. */
    private static long replaceLen(List<Expr> a) {
        long len = maxLen(a.subList(0, 1));
        long grow = maxLen(a.subList(2, 3)) - 1;
        return grow > 0 ? len + len * grow : len;
    }

    /** LPAD/RPAD with a constant length are VARCHAR of that length, as on MySQL; else LONGTEXT. */
    private static SqlType padType(List<Expr> a) {
        Long len = constantInt(a.get(1));
        return len == null || len > 16383 ? SqlType.LONGTEXT : varchar(Math.max(len, 0), a.subList(0, 1));
    }

    static void register() {
        Functions.register("CONCAT", 1, VARIADIC, StringFunctions::concat);
        Functions.register("CONCAT_WS", 2, VARIADIC, (n, a) -> call(n, a, varchar(maxLen(a), a), lenientN((ctx, v) -> {
            if (v[0] == null) return null;
            String sep = str(v[0]);
            StringBuilder sb = new StringBuilder();
            boolean first = true;
            for (int i = 1; i < v.length; i++) {
                if (v[i] == null) continue;
                if (!first) sb.append(sep);
                sb.append(str(v[i]));
                first = false;
            }
            return sb.toString();
        })));
        Functions.register("LENGTH OCTET_LENGTH", 1, 1, (n, a) -> call(n, a, LENGTH_RESULT, strict1((ctx, x) ->
                (long) (x instanceof byte[] b ? b.length : utf8Length(str(x))))));
        Functions.register("CHAR_LENGTH CHARACTER_LENGTH", 1, 1, (n, a) -> call(n, a, LENGTH_RESULT, strict1((ctx, x) ->
                (long) (x instanceof byte[] b ? b.length : cpLength(str(x))))));
        Functions.register("BIT_LENGTH", 1, 1, (n, a) -> call(n, a, LENGTH_RESULT, strict1((ctx, x) ->
                8L * (x instanceof byte[] b ? b.length : utf8Length(str(x))))));
        Functions.register("UPPER UCASE", 1, 1, (n, a) -> call(n, a, varchar(maxLen(a), a), strict1((ctx, x) ->
                x instanceof byte[] ? x : Text.upper(str(x)))));
        Functions.register("LOWER LCASE", 1, 1, (n, a) -> call(n, a, varchar(maxLen(a), a), strict1((ctx, x) ->
                x instanceof byte[] ? x : Text.lower(str(x)))));
        Functions.register("SUBSTRING SUBSTR MID", 2, 3, (n, a) -> call(n, a, varchar(substringLen(a), a), strictN((ctx, v) -> {
            String s = str(v[0]);
            long pos = Coercion.toLong(ctx, v[1]);
            long len = v.length > 2 ? Coercion.toLong(ctx, v[2]) : Long.MAX_VALUE;
            int n0 = cpLength(s);
            if (pos == 0 || len <= 0) return "";
            long start = pos > 0 ? pos - 1 : n0 + pos;
            if (start < 0 || start >= n0) return "";
            return cpSub(s, (int) start, (int) Math.min(len, n0));
        })));
        Functions.register("LEFT", 2, 2, (n, a) -> call(n, a, varchar(maxLen(a.subList(0, 1)), a), strict2((ctx, x, y) -> {
            long len = Coercion.toLong(ctx, y);
            String s = str(x);
            return len <= 0 ? "" : cpSub(s, 0, (int) Math.min(len, Integer.MAX_VALUE));
        })));
        Functions.register("RIGHT", 2, 2, (n, a) -> call(n, a, varchar(maxLen(a.subList(0, 1)), a), strict2((ctx, x, y) -> {
            long len = Coercion.toLong(ctx, y);
            String s = str(x);
            int n0 = cpLength(s);
            if (len <= 0) return "";
            if (len >= n0) return s;
            return cpSub(s, (int) (n0 - len), (int) len);
        })));
        Functions.register("TRIM", 1, 1, (n, a) -> trim(TrimMode.BOTH, null, a.get(0)));
        Functions.register("LTRIM", 1, 1, (n, a) -> trim(TrimMode.LEADING, null, a.get(0)));
        Functions.register("RTRIM", 1, 1, (n, a) -> trim(TrimMode.TRAILING, null, a.get(0)));
        Functions.register("TRIM_BOTH", 2, 2, (n, a) -> trim(TrimMode.BOTH, a.get(1), a.get(0)));
        Functions.register("TRIM_LEADING", 2, 2, (n, a) -> trim(TrimMode.LEADING, a.get(1), a.get(0)));
        Functions.register("TRIM_TRAILING", 2, 2, (n, a) -> trim(TrimMode.TRAILING, a.get(1), a.get(0)));
        Functions.register("REPLACE", 3, 3, (n, a) -> call(n, a, varchar(replaceLen(a), a), strict3((ctx, x, y, z) -> {
            String from = str(y);
            return from.isEmpty() ? str(x) : str(x).replace(from, str(z));
        })));
        Functions.register("REVERSE", 1, 1, (n, a) -> call(n, a, varchar(maxLen(a), a), strict1((ctx, x) ->
                new StringBuilder(str(x)).reverse().toString())));
        Functions.register("REPEAT", 2, 2, (n, a) -> call(n, a, SqlType.LONGTEXT, strict2((ctx, x, y) -> {
            long times = Coercion.toLong(ctx, y);
            String s = str(x);
            if (times <= 0 || s.isEmpty()) return "";
            if ((long) s.length() * times > (1 << 26)) return null;
            return s.repeat((int) times);
        })));
        Functions.register("SPACE", 1, 1, (n, a) -> call(n, a, SqlType.LONGTEXT, strict1((ctx, x) -> {
            long times = Coercion.toLong(ctx, x);
            return times <= 0 ? "" : times > (1 << 26) ? null : " ".repeat((int) times);
        })));
        Functions.register("LPAD", 3, 3, (n, a) -> call(n, a, padType(a), strict3((ctx, x, y, z) -> pad(str(x), Coercion.toLong(ctx, y), str(z), true))));
        Functions.register("RPAD", 3, 3, (n, a) -> call(n, a, padType(a), strict3((ctx, x, y, z) -> pad(str(x), Coercion.toLong(ctx, y), str(z), false))));
        Functions.register("INSTR", 2, 2, (n, a) -> {
            Collation c = Values.pickCollation(a.get(0).type(), a.get(1).type());
            return call(n, a, POSITION_RESULT, strict2((ctx, x, y) -> locate(str(y), str(x), 1, c)));
        });
        Functions.register("LOCATE POSITION", 2, 3, (n, a) -> {
            Collation c = Values.pickCollation(a.get(0).type(), a.get(1).type());
            return call(n, a, POSITION_RESULT, strictN((ctx, v) -> locate(str(v[0]), str(v[1]), v.length > 2 ? Coercion.toLong(ctx, v[2]) : 1, c)));
        });
        Functions.register("ASCII", 1, 1, (n, a) -> call(n, a, SqlType.BIGINT.withLength(3), strict1((ctx, x) -> {
            byte[] b = Coercion.toBytes(x, null);
            return b.length == 0 ? 0L : (long) (b[0] & 0xFF);
        })));
        Functions.register("ORD", 1, 1, (n, a) -> call(n, a, INT_RESULT, strict1((ctx, x) -> {
            String s = str(x);
            if (s.isEmpty()) return 0L;
            byte[] b = utf8(new String(Character.toChars(s.codePointAt(0))));
            long r = 0;
            for (byte v : b) r = r * 256 + (v & 0xFF);
            return r;
        })));
        Functions.register("CHAR", 1, VARIADIC, (n, a) -> call(n, a, varbinary(a.size() * 4L), lenientN((ctx, v) -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Object o : v) {
                if (o == null) continue;
                long x = Coercion.toLong(ctx, o);
                boolean started = false;
                for (int sh = 24; sh >= 0; sh -= 8) {
                    int b = (int) ((x >>> sh) & 0xFF);
                    if (b != 0 || started || sh == 0) { out.write(b); started = true; }
                }
            }
            return out.toByteArray();
        })));
        Functions.register("HEX", 1, 1, (n, a) -> {
            boolean numeric = a.get(0).type().kind().isNumeric();
            return call(n, a, varchar(maxLen(a) * 2, a), strict1((ctx, x) -> {
                if (numeric || x instanceof Long || x instanceof Double || x instanceof BigDecimal) {
                    return Long.toHexString(numberBits(ctx, x)).toUpperCase(Locale.ROOT);
                }
                return HexFormat.of().withUpperCase().formatHex(Coercion.toBytes(x, null));
            }));
        });
        Functions.register("UNHEX", 1, 1, (n, a) -> call(n, a, varbinary(maxLen(a) / 2 + 1), strict1((ctx, x) -> {
            String s = str(x);
            if (s.length() % 2 == 1) s = "0" + s;
            try {
                return HexFormat.of().parseHex(s);
            } catch (IllegalArgumentException e) {
                return null;
            }
        })));
        Functions.register("BIN", 1, 1, (n, a) -> call(n, a, varchar(64, a), strict1((ctx, x) -> Long.toBinaryString(numberBits(ctx, x)))));
        Functions.register("OCT", 1, 1, (n, a) -> call(n, a, varchar(22, a), strict1((ctx, x) -> Long.toOctalString(numberBits(ctx, x)))));
        Functions.register("STRCMP", 2, 2, (n, a) -> {
            ValueComparator c = Values.comparator(asString(a.get(0).type()), asString(a.get(1).type()));
            return call(n, a, INT_RESULT, strict2((ctx, x, y) -> (long) Integer.signum(c.compare(str(x), str(y)))));
        });
        Functions.register("FORMAT", 2, 3, (n, a) -> call(n, a, varchar(maxLen(a.subList(0, 1)) + 30, a), strictN((ctx, v) -> format(ctx, v[0], Coercion.toLong(ctx, v[1])))));
        Functions.register("FIELD", 2, VARIADIC, StringFunctions::field);
        Functions.register("ELT", 2, VARIADIC, (n, a) -> call(n, a, varchar(maxLen(a.subList(1, a.size())), a.subList(1, a.size())), (ctx, row, args) -> {
            Object i = args[0].eval(ctx, row);
            if (i == null) return null;
            long idx = Coercion.toLong(ctx, i);
            if (idx < 1 || idx >= args.length) return null;
            Object v = args[(int) idx].eval(ctx, row);
            return v == null ? null : v instanceof byte[] ? v : str(v);
        }));
        Functions.register("FIND_IN_SET", 2, 2, (n, a) -> {
            Collation c = Values.pickCollation(a.get(0).type(), a.get(1).type());
            return call(n, a, INT_RESULT, strict2((ctx, x, y) -> {
                String needle = Folding.fold(str(x), c);
                if (needle.indexOf(',') >= 0) return 0L;
                String list = str(y);
                if (list.isEmpty()) return 0L;
                String[] parts = list.split(",", -1);
                for (int i = 0; i < parts.length; i++) if (Folding.fold(parts[i], c).equals(needle)) return (long) (i + 1);
                return 0L;
            }));
        });
        Functions.register("QUOTE", 1, 1, (n, a) -> new FunctionCall(n, a, varchar(maxLen(a) * 2 + 2, a), false, true, (ctx, row, args) -> {
            Object v = args[0].eval(ctx, row);
            return v == null ? "NULL" : quote(str(v));
        }));
        Functions.register("MD5", 1, 1, (n, a) -> call(n, a, SqlType.varchar(32), strict1((ctx, x) -> digest("MD5", x))));
        Functions.register("SHA1 SHA", 1, 1, (n, a) -> call(n, a, SqlType.varchar(40), strict1((ctx, x) -> digest("SHA-1", x))));
        Functions.register("SHA2", 2, 2, (n, a) -> call(n, a, SqlType.varchar(128), strict2((ctx, x, bits) -> {
            long b = Coercion.toLong(ctx, bits);
            String alg = switch ((int) b) {
                case 0, 256 -> "SHA-256";
                case 224 -> "SHA-224";
                case 384 -> "SHA-384";
                case 512 -> "SHA-512";
                default -> null;
            };
            return alg == null ? null : digest(alg, x);
        })));
        Functions.register("CRC32", 1, 1, (n, a) -> call(n, a, SqlType.of(TypeKind.INT, 10).withUnsigned(true), strict1((ctx, x) -> {
            CRC32 crc = new CRC32();
            crc.update(Coercion.toBytes(x, null));
            return crc.getValue();
        })));
        Functions.register("TO_BASE64", 1, 1, (n, a) -> call(n, a, varchar(maxLen(a) * 4 / 3 + 4, a), strict1((ctx, x) -> {
            String s = Base64.getEncoder().encodeToString(Coercion.toBytes(x, null));
            if (s.length() <= 76) return s;
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < s.length(); i += 76) {
                if (i > 0) sb.append('\n');
                sb.append(s, i, Math.min(s.length(), i + 76));
            }
            return sb.toString();
        })));
        Functions.register("FROM_BASE64", 1, 1, (n, a) -> call(n, a, varbinary(maxLen(a)), strict1((ctx, x) -> {
            try {
                return Base64.getMimeDecoder().decode(str(x));
            } catch (IllegalArgumentException e) {
                return null;
            }
        })));
        Functions.register("INSERT", 4, 4, (n, a) -> call(n, a, varchar(maxLen(a), a), strictN((ctx, v) -> {
            String s = str(v[0]);
            long pos = Coercion.toLong(ctx, v[1]), len = Coercion.toLong(ctx, v[2]);
            String ins = str(v[3]);
            int n0 = cpLength(s);
            if (pos < 1 || pos > n0) return s;
            int start = (int) pos - 1;
            long tailStart = len < 0 || start + len > n0 ? n0 : start + len;
            return cpSub(s, 0, start) + ins + cpSub(s, (int) tailStart, n0);
        })));
        Functions.register("SUBSTRING_INDEX", 3, 3, (n, a) -> call(n, a, varchar(maxLen(a.subList(0, 1)), a), strict3((ctx, x, d, c) ->
                substringIndex(str(x), str(d), Coercion.toLong(ctx, c)))));
        Functions.register("CHARSET", 1, 1, (n, a) -> {
            String cs = a.get(0).type().kind().isBinary() ? "binary" : "utf8mb4";
            return new FunctionCall(n, a, SqlType.varchar(64), false, true, of0(ctx -> cs));
        });
        Functions.register("COLLATION", 1, 1, (n, a) -> {
            SqlType t = a.get(0).type();
            String c = t.kind().isBinary() ? "binary" : t.kind().isString() ? t.collation().name()
                    : t.kind() == TypeKind.NULL_TYPE ? "binary" : "binary";
            return new FunctionCall(n, a, SqlType.varchar(64), false, true, of0(ctx -> c));
        });
        RegexpFunctions.register();
    }

    private static SqlType asString(SqlType t) {
        return t.kind().isString() || t.kind().isBinary() ? t : SqlType.varchar(Types.displayLength(t));
    }

    private static long numberBits(EvalContext ctx, Object x) {
        if (x instanceof String s) {
            return dev.basalt.engine.expr.BitOperation.bits(ctx, Coercion.toDecimal(ctx, s).setScale(0, RoundingMode.DOWN));
        }
        return dev.basalt.engine.expr.BitOperation.bits(ctx, x);
    }

    private static Expr concat(String name, List<Expr> args) {
        long len = maxLen(args);
        if (anyBinary(args)) {
            return call(name, args, varbinary(len), strictN((ctx, v) -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (int i = 0; i < v.length; i++) out.writeBytes(Coercion.toBytes(v[i], args.get(i).type()));
                return out.toByteArray();
            }));
        }
        SqlType[] types = args.stream().map(Expr::type).toArray(SqlType[]::new);
        if (args.size() == 2) {
            return call(name, args, varchar(len, args), strict2((ctx, x, y) -> {
                String a = x instanceof String s ? s : Coercion.toText(x, types[0]);
                String b = y instanceof String s ? s : Coercion.toText(y, types[1]);
                return a.concat(b);
            }));
        }
        return call(name, args, varchar(len, args), strictN((ctx, v) -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < v.length; i++) sb.append(v[i] instanceof String s ? s : Coercion.toText(v[i], types[i]));
            return sb.toString();
        }));
    }

    /** TRIM([mode] [remstr] FROM str); remstr null means a space. */
    public static Expr trim(TrimMode mode, Expr remstr, Expr str) {
        List<Expr> args = remstr == null ? List.of(str) : List.of(str, remstr);
        String name = remstr == null ? (mode == TrimMode.BOTH ? "TRIM" : mode == TrimMode.LEADING ? "LTRIM" : "RTRIM") : "TRIM_" + mode.name();
        return call(name, args, varchar(Types.displayLength(str.type()), args), strictN((ctx, v) -> {
            String s = str(v[0]);
            String r = v.length > 1 ? str(v[1]) : " ";
            if (r.isEmpty()) return s;
            int b = 0, e = s.length();
            if (mode != TrimMode.TRAILING) while (s.startsWith(r, b)) b += r.length();
            if (mode != TrimMode.LEADING) while (e - r.length() >= b && s.startsWith(r, e - r.length())) e -= r.length();
            return s.substring(b, e);
        }));
    }

    private static String pad(String s, long len, String padding, boolean left) {
        if (len < 0) return null;
        int n = cpLength(s);
        if (len <= n) return cpSub(s, 0, (int) len);
        if (padding.isEmpty()) return null;
        if (len > (1 << 26)) return null;
        int need = (int) len - n;
        StringBuilder p = new StringBuilder(need);
        int pl = cpLength(padding);
        while (need >= pl) { p.append(padding); need -= pl; }
        p.append(cpSub(padding, 0, need));
        return left ? p.append(s).toString() : s + p;
    }

    private static long locate(String needle, String hay, long pos, Collation c) {
        if (pos < 1) return 0L;
        String h = foldChars(hay, c), nd = foldChars(needle, c);
        int n = cpLength(h);
        if (pos - 1 > n) return 0L;
        int startIdx = h.offsetByCodePoints(0, (int) pos - 1);
        int i = h.indexOf(nd, startIdx);
        return i < 0 ? 0L : (long) h.codePointCount(0, i) + 1;
    }

    private static Expr field(String name, List<Expr> args) {
        SqlType t0 = args.get(0).type();
        boolean allStrings = true;
        for (Expr a : args) allStrings &= a.type().kind().isString() || a.type().kind().isBinary();
        ValueComparator[] cmps = new ValueComparator[args.size()];
        for (int i = 1; i < args.size(); i++) {
            cmps[i] = allStrings ? Values.comparator(t0, args.get(i).type())
                    : (x, y) -> Double.compare(Coercion.toDouble(null, x), Coercion.toDouble(null, y));
        }
        return new FunctionCall(name, args, SqlType.BIGINT, false, true, (ctx, row, a) -> {
            Object v = a[0].eval(ctx, row);
            if (v == null) return 0L;
            for (int i = 1; i < a.length; i++) {
                Object x = a[i].eval(ctx, row);
                if (x != null && cmps[i].compare(v, x) == 0) return (long) i;
            }
            return 0L;
        });
    }

    static String format(EvalContext ctx, Object x, long decimals) {
        int d = (int) Math.max(0, Math.min(decimals, 30));
        BigDecimal v = x instanceof Double db ? new BigDecimal(Double.toString(db)) : Coercion.toDecimal(ctx, x);
        v = v.setScale(d, RoundingMode.HALF_UP);
        String plain = v.abs().toPlainString();
        int dot = plain.indexOf('.');
        String intPart = dot < 0 ? plain : plain.substring(0, dot);
        StringBuilder sb = new StringBuilder();
        if (v.signum() < 0) sb.append('-');
        int lead = intPart.length() % 3;
        for (int i = 0; i < intPart.length(); i++) {
            if (i > 0 && (i - lead) % 3 == 0) sb.append(',');
            sb.append(intPart.charAt(i));
        }
        if (dot >= 0) sb.append(plain, dot, plain.length());
        return sb.toString();
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '\0' -> sb.append("\\0");
                case '\u001a' -> sb.append("\\Z");
                default -> sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }

    private static String digest(String alg, Object x) {
        try {
            MessageDigest md = MessageDigest.getInstance(alg);
            return HexFormat.of().formatHex(md.digest(Coercion.toBytes(x, null)));
        } catch (NoSuchAlgorithmException e) {
            return null;
        }
    }

    static String substringIndex(String s, String delim, long count) {
        if (delim.isEmpty() || count == 0) return "";
        if (count > 0) {
            int idx = -1;
            for (long i = 0; i < count; i++) {
                idx = s.indexOf(delim, idx + (i == 0 ? 1 : delim.length()));
                if (idx < 0) return s;
            }
            return s.substring(0, idx);
        }
        int idx = s.length();
        // -Long.MIN_VALUE overflows to itself; more delimiters than any string holds either way
        long fromEnd = count == Long.MIN_VALUE ? Long.MAX_VALUE : -count;
        for (long i = 0; i < fromEnd; i++) {
            idx = s.lastIndexOf(delim, idx - (i == 0 ? delim.length() : delim.length()));
            if (idx < 0) return s;
        }
        return s.substring(idx + delim.length());
    }

}
