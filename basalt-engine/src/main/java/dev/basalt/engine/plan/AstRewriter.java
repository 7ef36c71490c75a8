package dev.basalt.engine.plan;

import dev.basalt.sql.ast.ColumnRef;
import dev.basalt.sql.ast.Expression;
import dev.basalt.sql.ast.Query;
import dev.basalt.sql.ast.WhenClause;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Rebuilds AST expressions with column references replaced (used for select-list aliases in
 * HAVING). Generic over the AST's records; subqueries are left alone.
 */
public final class AstRewriter {
    private AstRewriter() {}

    static Expression rewriteColumns(Expression e, Function<ColumnRef, Expression> f) {
        return (Expression) rewrite(e, n -> n instanceof ColumnRef c ? f.apply(c) : null);
    }

    /** Rebuilds {@code e} with nodes replaced: f returns a replacement, or null to descend (subqueries stay). */
    public static Expression rewriteNodes(Expression e, Function<Expression, Expression> f) {
        return (Expression) rewrite(e, n -> n instanceof Expression x ? f.apply(x) : null);
    }

    /** VALUES(col) in ON DUPLICATE KEY UPDATE -> a column of the proposed row, under {@code alias}. */
    public static Expression valuesToColumns(Expression e, String alias) {
        return (Expression) rewrite(e, n -> n instanceof dev.basalt.sql.ast.ValuesRef v
                ? new ColumnRef(null, alias, v.column().column()) : null);
    }

    /** @name -> its value for one row of LOAD DATA (a variable not in {@code values} stays). */
    public static Expression userVariablesToValues(Expression e, java.util.Map<String, Expression> values) {
        return (Expression) rewrite(e, n -> n instanceof dev.basalt.sql.ast.UserVariable v
                ? values.get(v.name().toLowerCase(java.util.Locale.ROOT)) : null);
    }

    /**
     * Rebuilds a whole query with expression nodes replaced, subqueries, derived tables and CTEs
     * included: f returns a replacement, or null to descend.
     */
    public static Query rewriteQuery(Query q, Function<Expression, Expression> f) {
        return (Query) rewriteDeep(q, f);
    }

    private static Object rewriteDeep(Object node, Function<Expression, Expression> f) {
        if (node instanceof Expression x) {
            Expression r = f.apply(x);
            if (r != null) return r;
        }
        if (node instanceof List<?> list) return mapList(list, o -> rewriteDeep(o, f));
        // only the AST's own records are rebuilt; names, literals' values and enums stay
        if (!(node instanceof Record r) || !r.getClass().getPackageName().equals(Query.class.getPackageName())) return node;
        return rebuild(r, v -> rewriteDeep(v, f));
    }

    /** {@code list} with each element mapped, or {@code list} itself when nothing changed. */
    private static List<?> mapList(List<?> list, Function<Object, Object> element) {
        List<Object> out = new ArrayList<>(list.size());
        boolean changed = false;
        for (Object o : list) {
            Object r = element.apply(o);
            changed |= r != o;
            out.add(r);
        }
        return changed ? out : list;
    }

    /** {@code r} with each component mapped, or {@code r} itself when nothing changed. */
    private static Object rebuild(Record r, Function<Object, Object> component) {
        java.lang.reflect.Method[] accessors = AstWalker.ACCESSORS.get(r.getClass());
        Object[] args = new Object[accessors.length];
        Class<?>[] types = new Class<?>[accessors.length];
        boolean changed = false;
        try {
            for (int i = 0; i < accessors.length; i++) {
                Object v = accessors[i].invoke(r);
                Object nv = component.apply(v);
                changed |= nv != v;
                args[i] = nv;
                types[i] = accessors[i].getReturnType();
            }
            if (!changed) return r;
            Constructor<?> ctor = r.getClass().getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** f returns a replacement for a node, or null to descend into it. */
    private static Object rewrite(Object node, Function<Object, Expression> f) {
        if (node instanceof Expression x) {
            Expression r = f.apply(x);
            if (r != null) return r;
        }
        if (node instanceof ColumnRef) return node;
        if (node instanceof Query) return node;
        if (node instanceof List<?> list) return mapList(list, o -> rewrite(o, f));
        if (!(node instanceof Expression) && !(node instanceof WhenClause)) return node;
        return rebuild((Record) node, v -> rewrite(v, f));
    }
}
