package dev.basalt.engine.catalog;

import java.util.List;

/**
 * An index. The PRIMARY KEY is an index named "PRIMARY" with {@code primary} and {@code unique};
 * its entries are the row keys themselves. {@code indexId} is allocated by the catalog (pass 0 in
 * specs handed to DDL). A {@code fulltext} index is metadata for MATCH ... AGAINST: the storage keeps
 * no key entries for it (see {@code dev.basalt.engine.fulltext}).
 */
public record IndexDef(int indexId, String name, boolean primary, boolean unique, List<IndexPart> parts, boolean fulltext) {

    public static final String PRIMARY = "PRIMARY";

    public IndexDef {
        parts = List.copyOf(parts);
    }

    /** An ordinary (B-tree) index. */
    public IndexDef(int indexId, String name, boolean primary, boolean unique, List<IndexPart> parts) {
        this(indexId, name, primary, unique, parts, false);
    }

    public IndexDef withId(int id) { return new IndexDef(id, name, primary, unique, parts, fulltext); }

    public IndexDef withName(String n) { return new IndexDef(indexId, n, primary, unique, parts, fulltext); }

    /** The same index over other parts (column remapping in ALTER TABLE). */
    public IndexDef withParts(List<IndexPart> p) { return new IndexDef(indexId, name, primary, unique, p, fulltext); }

    /** Column positions of the parts, in order. */
    public int[] columns() {
        int[] c = new int[parts.size()];
        for (int i = 0; i < c.length; i++) c[i] = parts.get(i).column();
        return c;
    }

    public boolean covers(int column) {
        for (IndexPart p : parts) if (p.column() == column) return true;
        return false;
    }
}
