package dev.basalt.engine.types;

import java.util.Arrays;

/** Key objects whose equals/hashCode follow SQL equality (see {@link Values#groupKey}). */
public final class GroupKeys {
    private GroupKeys() {}

    /** The key of SQL NULL: all NULLs fall into one group. */
    public static final Object NULL_KEY = new Object() {
        @Override public String toString() { return "NULL"; }
    };

    /** A byte string compared by content (binary strings and collation sort keys). */
    public record Bytes(byte[] bytes) {
        @Override public boolean equals(Object o) { return o instanceof Bytes b && Arrays.equals(bytes, b.bytes); }
        @Override public int hashCode() { return Arrays.hashCode(bytes); }
        @Override public String toString() { return Arrays.toString(bytes); }
    }

    /** A composite key over several values (GROUP BY a, b / COUNT(DISTINCT a, b)). */
    public record Composite(Object[] parts) {
        @Override public boolean equals(Object o) { return o instanceof Composite c && Arrays.equals(parts, c.parts); }
        @Override public int hashCode() { return Arrays.hashCode(parts); }
    }
}
