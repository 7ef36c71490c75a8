package dev.basalt.engine.plan;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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

    /**
     * The same accessors as method handles typed {@code (Object)Object}: the walk runs for every
     * statement (1093 checks, aggregate and window-function searches), and {@link Method#invoke}'s
     * per-call access checks and argument arrays made it a few percent of a point query's CPU.
     */
    private static final ClassValue<MethodHandle[]> GETTERS = new ClassValue<>() {
        @Override protected MethodHandle[] computeValue(Class<?> type) {
            Method[] methods = ACCESSORS.get(type);
            MethodHandle[] out = new MethodHandle[methods.length];
            try {
                for (int i = 0; i < methods.length; i++) {
                    out[i] = MethodHandles.publicLookup().unreflect(methods[i]).asType(GETTER_TYPE);
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            return out;
        }
    };

    private static final MethodType GETTER_TYPE = MethodType.methodType(Object.class, Object.class);

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
        for (MethodHandle getter : GETTERS.get(node.getClass())) {
            Object child;
            try {
                child = (Object) getter.invokeExact(node);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
            if (any(child, test, skip)) return true;
        }
        return false;
    }
}
