package dev.basalt.engine.expr;

import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Parses the tiny literal language of the data-driven test files:
 * 12, -3, 1.50, 1e3, 'text' ('' escapes a quote), NULL, 0xFF, DATE'..', TIME'..', TIMESTAMP'..',
 * and nested calls NAME(args).
 */
public final class LiteralParser {
    private final String s;
    private int i;

    private LiteralParser(String s) { this.s = s; }

    /** Parses a whole call "NAME(arg, ...)" into an expression. */
    public static Expr parseExpr(String text) {
        LiteralParser p = new LiteralParser(text.trim());
        Expr e = p.expr();
        p.space();
        if (p.i != p.s.length()) throw new IllegalArgumentException("trailing text in: " + text);
        return e;
    }

    private void space() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }

    private Expr expr() {
        Expr left = additive();
        space();
        for (String op : new String[] {"<=>", "<=", ">=", "<>", "!=", "=", "<", ">"}) {
            if (s.startsWith(op, i)) {
                i += op.length();
                BinaryOp b = switch (op) {
                    case "<=>" -> BinaryOp.NULL_SAFE_EQ; case "<=" -> BinaryOp.LE; case ">=" -> BinaryOp.GE;
                    case "<>", "!=" -> BinaryOp.NE; case "=" -> BinaryOp.EQ; case "<" -> BinaryOp.LT; default -> BinaryOp.GT;
                };
                return Exprs.binary(b, left, additive());
            }
        }
        return left;
    }

    private Expr additive() {
        Expr e = term();
        while (true) {
            space();
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                BinaryOp op = s.charAt(i++) == '+' ? BinaryOp.ADD : BinaryOp.SUBTRACT;
                e = Exprs.binary(op, e, term());
            } else {
                return e;
            }
        }
    }

    private Expr term() {
        Expr e = primary();
        while (true) {
            space();
            if (i < s.length() && (s.charAt(i) == '*' || s.charAt(i) == '/' || s.charAt(i) == '%')) {
                char c = s.charAt(i++);
                BinaryOp op = c == '*' ? BinaryOp.MULTIPLY : c == '/' ? BinaryOp.DIVIDE : BinaryOp.MOD;
                e = Exprs.binary(op, e, primary());
            } else if (s.regionMatches(true, i, "DIV ", 0, 4)) {
                i += 4;
                e = Exprs.binary(BinaryOp.INT_DIVIDE, e, primary());
            } else {
                return e;
            }
        }
    }

    private Expr primary() {
        space();
        if (s.charAt(i) == '(') {
            i++;
            Expr e = expr();
            space();
            if (s.charAt(i++) != ')') throw new IllegalArgumentException("expected ) in " + s);
            return e;
        }
        char c = s.charAt(i);
        if (c == '\'') return Exprs.stringLiteral(quoted());
        if (c == '-' || c == '+' || Character.isDigit(c) || c == '.') {
            if (s.startsWith("0x", i)) {
                int st = i += 2;
                while (i < s.length() && Character.digit(s.charAt(i), 16) >= 0) i++;
                String h = s.substring(st, i);
                return Exprs.hexLiteral(HexFormat.of().parseHex(h.length() % 2 == 1 ? "0" + h : h));
            }
            int st = i;
            if (c == '-' || c == '+') i++;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == 'e' || s.charAt(i) == 'E'
                    || ((s.charAt(i) == '-' || s.charAt(i) == '+') && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E')))) i++;
            String num = s.substring(st, i);
            boolean neg = num.startsWith("-");
            String body = neg || num.startsWith("+") ? num.substring(1) : num;
            NumberKind kind = body.contains("e") || body.contains("E") ? NumberKind.APPROXIMATE
                    : body.contains(".") ? NumberKind.DECIMAL : NumberKind.INTEGER;
            Expr lit = Exprs.numberLiteral(body, kind);
            return neg ? Exprs.unary(UnaryOp.NEGATE, lit) : lit;
        }
        int st = i;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) i++;
        String word = s.substring(st, i);
        space();
        String upper = word.toUpperCase();
        if (upper.equals("NULL")) return Exprs.nullLiteral();
        if (i < s.length() && s.charAt(i) == '\'') {
            String text = quoted();
            return switch (upper) {
                case "DATE" -> Exprs.temporalLiteral(TypeKind.DATE, text);
                case "TIME" -> Exprs.temporalLiteral(TypeKind.TIME, text);
                case "TIMESTAMP" -> Exprs.temporalLiteral(TypeKind.DATETIME, text);
                case "BINARY" -> Exprs.literal(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), SqlType.of(TypeKind.VARBINARY, text.length()));
                default -> throw new IllegalArgumentException("unknown typed literal " + word);
            };
        }
        if (i < s.length() && s.charAt(i) == '(') {
            i++;
            List<Expr> args = new ArrayList<>();
            space();
            if (s.charAt(i) == ')') { i++; return Exprs.function(word, args, "test"); }
            while (true) {
                args.add(expr());
                space();
                char d = s.charAt(i++);
                if (d == ')') break;
                if (d != ',') throw new IllegalArgumentException("expected , or ) at " + i + " in " + s);
            }
            return Exprs.function(word, args, "test");
        }
        throw new IllegalArgumentException("cannot parse at " + st + ": " + s);
    }

    private String quoted() {
        StringBuilder sb = new StringBuilder();
        i++;
        while (true) {
            char c = s.charAt(i++);
            if (c == '\'') {
                if (i < s.length() && s.charAt(i) == '\'') { sb.append('\''); i++; continue; }
                return sb.toString();
            }
            if (c == '\\' && i < s.length()) {
                char n = s.charAt(i++);
                sb.append(switch (n) { case 'n' -> '\n'; case 't' -> '\t'; case '0' -> '\0'; default -> n; });
                continue;
            }
            sb.append(c);
        }
    }
}
