package dev.basalt.engine.plan;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.function.Predicate;

/** Generic search over AST records (statements, queries, expressions), subqueries included. */
public final class AstWalker {
    private AstWalker() {}

    /** True if some node of the tree (the root included) satisfies the test. */
    public static boolean any(Object node, Predicate<Object> test) {
        return any(node, test, n -> false);
    }

    /** As {@link #any(Object, Predicate)}, not descending into nodes that {@code skip} accepts. */
    public static boolean any(Object node, Predicate<Object> test, Predicate<Object> skip) {
        if (node == null) return false;
        if (test.test(node)) return true;
        if (skip.test(node)) return false;
        if (node instanceof List<?> list) {
            for (Object o : list) if (any(o, test, skip)) return true;
            return false;
        }
        if (!(node instanceof Record r) || !r.getClass().getPackageName().startsWith("dev.basalt.sql")) return false;
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            try {
                if (any(c.getAccessor().invoke(r), test, skip)) return true;
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return false;
    }
}
