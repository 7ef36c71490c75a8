package dev.basalt.engine.plan;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.function.Predicate;

/** Generic search over AST records (statements, queries, expressions), subqueries included. */
public final class AstWalker {
    private AstWalker() {}

    /** Record accessors per AST class, looked up once: getRecordComponents() is costly per call. */
    static final ClassValue<Method[]> ACCESSORS = new ClassValue<>() {
        @Override protected Method[] computeValue(Class<?> type) {
            if (!type.isRecord() || !type.getPackageName().startsWith("dev.basalt.sql")) return new Method[0];
            RecordComponent[] comps = type.getRecordComponents();
            Method[] m = new Method[comps.length];
            for (int i = 0; i < comps.length; i++) m[i] = comps[i].getAccessor();
            return m;
        }
    };

    /** True if some node of the tree (the root included) satisfies the test. */
    public static boolean any(Object node, Predicate<Object> test) {
        return any(node, test, n -> false);
    }

    /** As {@link #any(Object, Predicate)}, not descending into nodes that {@code skip} accepts. */
    public static boolean any(Object node, Predicate<Object> test, Predicate<Object> skip) {
        if (node == null || node instanceof String || node instanceof Enum<?> || node instanceof Number
                || node instanceof Boolean) {
            return false;
        }
        if (test.test(node)) return true;
        if (skip.test(node)) return false;
        if (node instanceof List<?> list) {
            for (Object o : list) if (any(o, test, skip)) return true;
            return false;
        }
        for (Method accessor : ACCESSORS.get(node.getClass())) {
            try {
                if (any(accessor.invoke(node), test, skip)) return true;
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return false;
    }
}
