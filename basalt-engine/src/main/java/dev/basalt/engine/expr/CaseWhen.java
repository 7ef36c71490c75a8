package dev.basalt.engine.expr;

import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.Types;
import dev.basalt.engine.types.ValueComparator;
import dev.basalt.engine.types.Values;

import java.util.ArrayList;
import java.util.List;

/** CASE [operand] WHEN .. THEN .. [ELSE ..] END, result converted to the unified THEN/ELSE type. */
public final class CaseWhen implements Expr {
    private final Expr operand;
    private final Expr[] whens, thens;
    private final Expr elseExpr;
    private final SqlType type;
    private final Conversion[] thenConv;
    private final Conversion elseConv;
    private final ValueComparator[] cmps;

    public CaseWhen(Expr operand, List<Expr> whens, List<Expr> thens, Expr elseExpr) {
        if (whens.size() != thens.size() || whens.isEmpty()) throw new IllegalArgumentException("CASE needs WHEN/THEN pairs");
        this.operand = operand;
        this.whens = whens.toArray(Expr[]::new);
        this.thens = thens.toArray(Expr[]::new);
        this.elseExpr = elseExpr;
        List<SqlType> types = new ArrayList<>();
        for (Expr t : thens) types.add(t.type());
        if (elseExpr != null) types.add(elseExpr.type());
        this.type = Types.unify(types);
        this.thenConv = new Conversion[this.thens.length];
        for (int i = 0; i < this.thens.length; i++) thenConv[i] = Conversion.between(this.thens[i].type(), type);
        this.elseConv = elseExpr == null ? Conversion.IDENTITY : Conversion.between(elseExpr.type(), type);
        this.cmps = new ValueComparator[this.whens.length];
        if (operand != null) {
            for (int i = 0; i < this.whens.length; i++) cmps[i] = Values.comparator(operand.type(), this.whens[i].type());
        }
    }

    public Expr operand() { return operand; }

    @Override public SqlType type() { return type; }

    @Override
    public boolean nullable() {
        if (elseExpr == null || elseExpr.nullable()) return true;
        for (Expr t : thens) if (t.nullable()) return true;
        return false;
    }

    @Override
    public Object eval(EvalContext ctx, Object[] row) {
        if (operand == null) {
            for (int i = 0; i < whens.length; i++) {
                if (whens[i].test(ctx, row)) return thenConv[i].apply(ctx, thens[i].eval(ctx, row));
            }
        } else {
            Object v = operand.eval(ctx, row);
            if (v != null) {
                for (int i = 0; i < whens.length; i++) {
                    Object w = whens[i].eval(ctx, row);
                    if (w != null && cmps[i].compare(v, w) == 0) return thenConv[i].apply(ctx, thens[i].eval(ctx, row));
                }
            }
        }
        return elseExpr == null ? null : elseConv.apply(ctx, elseExpr.eval(ctx, row));
    }

    @Override
    public List<Expr> children() {
        List<Expr> c = new ArrayList<>();
        if (operand != null) c.add(operand);
        for (int i = 0; i < whens.length; i++) { c.add(whens[i]); c.add(thens[i]); }
        if (elseExpr != null) c.add(elseExpr);
        return c;
    }

    @Override
    public Expr withChildren(List<Expr> c) {
        int i = 0;
        Expr op = operand != null ? c.get(i++) : null;
        List<Expr> w = new ArrayList<>(), t = new ArrayList<>();
        for (int k = 0; k < whens.length; k++) { w.add(c.get(i++)); t.add(c.get(i++)); }
        Expr e = elseExpr != null ? c.get(i) : null;
        return new CaseWhen(op, w, t, e);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(case");
        if (operand != null) sb.append(' ').append(operand);
        for (int i = 0; i < whens.length; i++) sb.append(" when ").append(whens[i]).append(" then ").append(thens[i]);
        if (elseExpr != null) sb.append(" else ").append(elseExpr);
        return sb.append(" end)").toString();
    }
}
