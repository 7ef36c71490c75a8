package dev.basalt.pageserver.layer;

/**
 * The answer of one layer for one key at a read LSN: {@link #MISSING} when the layer says nothing
 * about the key (look in older layers), otherwise the value, or null for "deleted / absent" which
 * ends the search.
 */
public record Lookup(boolean found, byte[] value) {
    public static final Lookup MISSING = new Lookup(false, null);

    public static Lookup of(byte[] valueOrNull) { return new Lookup(true, valueOrNull); }
}
