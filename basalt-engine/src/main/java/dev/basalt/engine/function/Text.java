package dev.basalt.engine.function;

import dev.basalt.engine.expr.Coercion;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.types.Collation;
import dev.basalt.engine.types.Folding;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** String helpers shared by the string functions: code-point indexing, result types. */
final class Text {
    private Text() {}

    static String str(Object v) {
        return v instanceof String s ? s : Coercion.toText(v, null);
    }

    /**
     * UPPER() as MySQL does it: character by character, so a character without a one-character
     * upper case stays as it is ('ß' stays 'ß'; Java's String.toUpperCase would give "SS").
     */
    static String upper(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> sb.appendCodePoint(Character.toUpperCase(cp)));
        return sb.toString();
    }

    /** LOWER(): character by character, as {@link #upper}. */
    static String lower(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> sb.appendCodePoint(Character.toLowerCase(cp)));
        return sb.toString();
    }

    static int cpLength(String s) { return s.codePointCount(0, s.length()); }

    /** Substring by code points [from, from+count), clamped. */
    static String cpSub(String s, int from, int count) {
        int n = cpLength(s);
        if (from >= n || count <= 0) return "";
        int end = (int) Math.min((long) from + count, n);
        if (n == s.length()) return s.substring(from, end);
        int b = s.offsetByCodePoints(0, from);
        int e = s.offsetByCodePoints(b, end - from);
        return s.substring(b, e);
    }

    /** Collation of a call: the first character-string argument's. */
    static Collation collationOf(List<Expr> args) {
        for (Expr a : args) {
            SqlType t = a.type();
            if (t.kind().isString()) return t.collation();
            if (t.kind().isBinary()) return Collation.BINARY;
        }
        return Collation.DEFAULT;
    }

    static boolean anyBinary(List<Expr> args) {
        for (Expr a : args) if (a.type().kind().isBinary()) return true;
        return false;
    }

    static SqlType varchar(long len, List<Expr> args) {
        int l = (int) Math.min(Math.max(len, 0), 16383);
        if (len > 16383) return SqlType.of(TypeKind.LONGTEXT).withCollation(collationOf(args));
        return SqlType.varchar(l).withCollation(collationOf(args));
    }

    static SqlType varbinary(long len) {
        return len > 65535 ? SqlType.of(TypeKind.LONGBLOB) : SqlType.of(TypeKind.VARBINARY, (int) Math.max(len, 0));
    }

    /** Case-folds char by char (positions preserved) when the collation ignores case. */
    static String foldChars(String s, Collation c) {
        if (!Folding.isCaseInsensitive(c)) return s;
        char[] a = s.toCharArray();
        for (int i = 0; i < a.length; i++) a[i] = Character.toUpperCase(Character.toLowerCase(a[i]));
        return new String(a);
    }

    static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) n++;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c)) { n += 4; i++; }
            else n += 3;
        }
        return n;
    }
}
