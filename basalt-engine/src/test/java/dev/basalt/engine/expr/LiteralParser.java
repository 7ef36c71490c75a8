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

    private boolean keyword(String k) {
        space();
        if (s.regionMatches(true, i, k, 0, k.length())
                && (i + k.length() == s.length() || !Character.isLetterOrDigit(s.charAt(i + k.length())))) {
            i += k.length();
            return true;
        }
        return false;
    }

    private Expr expr() {
        Expr e = conjunction();
        while (true) {
            if (keyword("OR")) e = Exprs.binary(BinaryOp.OR, e, conjunction());
            else if (keyword("XOR")) e = Exprs.binary(BinaryOp.XOR, e, conjunction());
            else return e;
        }
    }

    private Expr conjunction() {
        Expr e = negation();
        while (keyword("AND")) e = Exprs.binary(BinaryOp.AND, e, negation());
        return e;
    }

    private Expr negation() {
        if (keyword("NOT")) return Exprs.unary(UnaryOp.NOT, negation());
        return predicate();
    }

    private Expr predicate() {
        Expr left = comparison();
        if (keyword("IS")) {
            boolean neg = keyword("NOT");
            if (keyword("NULL")) return Exprs.isNull(left, neg);
            if (keyword("TRUE")) return Exprs.isTruth(left, TruthValue.TRUE, neg);
            if (keyword("FALSE")) return Exprs.isTruth(left, TruthValue.FALSE, neg);
            if (keyword("UNKNOWN")) return Exprs.isTruth(left, TruthValue.UNKNOWN, neg);
            throw new IllegalArgumentException("bad IS in " + s);
        }
        int save = i;
        boolean neg = keyword("NOT");
        if (keyword("LIKE")) {
            Expr pat = comparison();
            Expr esc = keyword("ESCAPE") ? primary() : null;
            return Exprs.like(left, pat, esc, neg);
        }
        if (keyword("REGEXP")) return Exprs.regexp(left, comparison(), neg);
        if (keyword("BETWEEN")) {
            Expr lo = comparison();
            if (!keyword("AND")) throw new IllegalArgumentException("BETWEEN without AND in " + s);
            return Exprs.between(left, lo, comparison(), neg);
        }
        if (keyword("IN")) {
            space();
            i++; // (
            List<Expr> items = new ArrayList<>();
            while (true) {
                items.add(expr());
                space();
                char d = s.charAt(i++);
                if (d == ')') break;
            }
            return Exprs.in(left, items, neg);
        }
        i = save;
        return left;
    }

    private Expr comparison() {
        Expr left = bitwise();
        space();
        for (String op : new String[] {"<=>", "<=", ">=", "<>", "!=", "=", "<", ">"}) {
            if (s.startsWith(op, i)) {
                i += op.length();
                BinaryOp b = switch (op) {
                    case "<=>" -> BinaryOp.NULL_SAFE_EQ; case "<=" -> BinaryOp.LE; case ">=" -> BinaryOp.GE;
                    case "<>", "!=" -> BinaryOp.NE; case "=" -> BinaryOp.EQ; case "<" -> BinaryOp.LT; default -> BinaryOp.GT;
                };
                return Exprs.binary(b, left, bitwise());
            }
        }
        return left;
    }

    private Expr bitwise() {
        Expr e = additive();
        while (true) {
            space();
            if (s.startsWith("<<", i)) { i += 2; e = Exprs.binary(BinaryOp.SHIFT_LEFT, e, additive()); }
            else if (s.startsWith(">>", i)) { i += 2; e = Exprs.binary(BinaryOp.SHIFT_RIGHT, e, additive()); }
            else if (i < s.length() && s.charAt(i) == '&') { i++; e = Exprs.binary(BinaryOp.BIT_AND, e, additive()); }
            else if (i < s.length() && s.charAt(i) == '|') { i++; e = Exprs.binary(BinaryOp.BIT_OR, e, additive()); }
            else if (i < s.length() && s.charAt(i) == '^') { i++; e = Exprs.binary(BinaryOp.BIT_XOR, e, additive()); }
            else return e;
        }
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
            } else if (s.regionMatches(true, i, "MOD ", 0, 4)) {
                i += 4;
                e = Exprs.binary(BinaryOp.MOD, e, primary());
            } else {
                return e;
            }
        }
    }

    private Expr primary() {
        space();
        if (s.charAt(i) == '~') { i++; return Exprs.unary(UnaryOp.BIT_NOT, primary()); }
        if (s.charAt(i) == '-' && i + 1 < s.length() && !Character.isDigit(s.charAt(i + 1))) { i++; return Exprs.unary(UnaryOp.NEGATE, primary()); }
        if (keyword("CAST")) {
            space();
            i++; // (
            Expr e = expr();
            if (!keyword("AS")) throw new IllegalArgumentException("CAST without AS in " + s);
            SqlType t = typeName();
            space();
            i++; // )
            return Exprs.cast(e, t);
        }
        if (keyword("CASE")) {
            Expr operand = null;
            space();
            if (!s.regionMatches(true, i, "WHEN", 0, 4)) operand = expr();
            List<Expr> whens = new ArrayList<>(), thens = new ArrayList<>();
            while (keyword("WHEN")) {
                whens.add(expr());
                keyword("THEN");
                thens.add(expr());
            }
            Expr otherwise = keyword("ELSE") ? expr() : null;
            keyword("END");
            return Exprs.caseWhen(operand, whens, thens, otherwise);
        }
        if (s.charAt(i) == '@') {
            i++;
            int st = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) i++;
            String name = s.substring(st, i);
            space();
            if (s.startsWith(":=", i)) { i += 2; return Exprs.assignUserVariable(name, expr()); }
            return Exprs.userVariable(name);
        }
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
        if (upper.equals("TRUE")) return Exprs.booleanLiteral(true);
        if (upper.equals("ROW") && s.charAt(i) == '(') {
            i++;
            List<Expr> items = new ArrayList<>();
            while (true) {
                items.add(expr());
                space();
                if (s.charAt(i++) == ')') break;
            }
            return Exprs.row(items);
        }
        if (upper.equals("FALSE")) return Exprs.booleanLiteral(false);
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

    private SqlType typeName() {
        space();
        int st = i;
        while (i < s.length() && Character.isLetter(s.charAt(i))) i++;
        String name = s.substring(st, i).toUpperCase();
        int a = 0, b = -1;
        space();
        if (i < s.length() && s.charAt(i) == '(') {
            int close = s.indexOf(')', i);
            String[] parts = s.substring(i + 1, close).split(",");
            a = Integer.parseInt(parts[0].trim());
            if (parts.length > 1) b = Integer.parseInt(parts[1].trim());
            i = close + 1;
        }
        return switch (name) {
            case "SIGNED" -> { keyword("INTEGER"); yield SqlType.BIGINT; }
            case "UNSIGNED" -> { keyword("INTEGER"); yield SqlType.BIGINT_UNSIGNED; }
            case "DECIMAL" -> SqlType.decimal(a == 0 ? 10 : a, Math.max(b, 0));
            case "CHAR" -> SqlType.of(TypeKind.CHAR, a);
            case "BINARY" -> SqlType.of(TypeKind.BINARY, a);
            case "DATE" -> SqlType.DATE;
            case "DATETIME" -> SqlType.DATETIME.withScale(a);
            case "TIME" -> SqlType.TIME.withScale(a);
            case "DOUBLE" -> SqlType.DOUBLE;
            case "FLOAT" -> SqlType.of(TypeKind.FLOAT);
            case "YEAR" -> SqlType.of(TypeKind.YEAR);
            case "JSON" -> SqlType.of(TypeKind.JSON);
            default -> throw new IllegalArgumentException("type " + name);
        };
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
                if (n == '%' || n == '_') { sb.append('\\').append(n); continue; }
                sb.append(switch (n) { case 'n' -> '\n'; case 't' -> '\t'; case '0' -> '\0'; default -> n; });
                continue;
            }
            sb.append(c);
        }
    }
}
