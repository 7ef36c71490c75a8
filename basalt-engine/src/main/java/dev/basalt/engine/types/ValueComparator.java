package dev.basalt.engine.types;

/** Three-way comparison of two non-null values, chosen once for a pair of types. */
@FunctionalInterface
public interface ValueComparator {
    int compare(Object a, Object b);
}
