package dev.basalt.engine.expr;

import dev.basalt.engine.types.Collation;
import dev.basalt.engine.types.Folding;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.Types;
import dev.basalt.engine.types.Values;

import java.util.ArrayList;
import java.util.List;

/**
 * e [NOT] LIKE pattern [ESCAPE c]. Case-insensitive under a _ci collation; a constant pattern
 * is compiled once.
 */
public final class Like implements Expr {
    private final Expr operand, pattern, escape;
    private final boolean negated;
    private final Collation collation;
    private final LikePattern compiled;
    private final char constantEscape;
    private final String constantPrefix;

    public Like(Expr operand, Expr pattern, Expr escape, boolean negated) {
        this.operand = operand;
        this.pattern = pattern;
        this.escape = escape;
        this.negated = negated;
        this.collation = operand.type().kind().isBinary() || pattern.type().kind().isBinary()
                ? Collation.BINARY : Values.pickCollation(operand.type(), pattern.type());
        char esc = '\\';
        boolean escConst = escape == null || escape instanceof Literal;
        if (escape instanceof Literal l && l.value() != null) {
            String e = Coercion.toText(l.value(), l.type());
            esc = e.isEmpty() ? '\\' : e.charAt(0);
        }
        this.constantEscape = esc;
        if (pattern instanceof Literal l && l.value() != null && escConst) {
            String text = Coercion.toText(l.value(), l.type());
            compiled = LikePattern.compile(Folding.fold(text, collation), esc);
            constantPrefix = LikePattern.compile(text, esc).literalPrefix();
        } else {
            compiled = null;
            constantPrefix = null;
        }
    }

    public Expr operand() { return operand; }
    public Expr pattern() { return pattern; }
    public Expr escape() { return escape; }
    public boolean negated() { return negated; }
    public Collation collation() { return collation; }

    /**
     * The literal text (as written, unfolded) every match starts with, for index ranges on
     * LIKE 'abc%'; null when the pattern is not constant.
     */
    public String constantPrefix() { return constantPrefix; }

    /** The compiled constant pattern, or null when the pattern varies per row. */
    public LikePattern constantPattern() { return compiled; }

    @Override public SqlType type() { return Types.BOOL_RESULT; }

    @Override public boolean nullable() { return operand.nullable() || pattern.nullable(); }

    @Override
    public Object eval(EvalContext ctx, Object[] row) {
        Object v = operand.eval(ctx, row);
        if (v == null) return null;
        LikePattern lp = compiled;
        if (lp == null) {
            Object pv = pattern.eval(ctx, row);
            if (pv == null) return null;
            char esc = constantEscape;
            if (escape != null && !(escape instanceof Literal)) {
                Object ev = escape.eval(ctx, row);
                String es = ev == null ? "" : Coercion.toText(ev, escape.type());
                esc = es.isEmpty() ? '\\' : es.charAt(0);
            }
            lp = LikePattern.compile(Folding.fold(Coercion.toText(pv, pattern.type()), collation), esc);
        }
        boolean m = lp.matches(Folding.fold(Coercion.toText(v, operand.type()), collation));
        return m != negated ? 1L : 0L;
    }

    @Override
    public List<Expr> children() {
        List<Expr> c = new ArrayList<>(3);
        c.add(operand);
        c.add(pattern);
        if (escape != null) c.add(escape);
        return c;
    }

    @Override
    public Expr withChildren(List<Expr> c) { return new Like(c.get(0), c.get(1), c.size() > 2 ? c.get(2) : null, negated); }

    @Override
    public String toString() { return "(" + operand + (negated ? " not like " : " like ") + pattern + ")"; }
}
