package dev.basalt.engine.catalog;

import java.util.List;

/**
 * An index. The PRIMARY KEY is an index named "PRIMARY" with {@code primary} and {@code unique};
 * its entries are the row keys themselves. {@code indexId} is allocated by the catalog (pass 0 in
 * specs handed to DDL). A {@code fulltext} index serves MATCH ... AGAINST: the storage keeps an entry
 * per word of a row for it, not a key per row (see {@code dev.basalt.engine.table.FulltextEntries}).
 * A {@code spatial} index (one geometry column) keeps the bounding rectangle of each row's value
 * (see {@code dev.basalt.engine.table.SpatialEntries}).
 */
public record IndexDef(int indexId, String name, boolean primary, boolean unique, List<IndexPart> parts, boolean fulltext,
                       boolean spatial) {

    public static final String PRIMARY = "PRIMARY";

    public IndexDef {
        parts = List.copyOf(parts);
    }

    /** A FULLTEXT ({@code fulltext}) or ordinary index. */
    public IndexDef(int indexId, String name, boolean primary, boolean unique, List<IndexPart> parts, boolean fulltext) {
        this(indexId, name, primary, unique, parts, fulltext, false);
    }

    /** An ordinary (B-tree) index. */
    public IndexDef(int indexId, String name, boolean primary, boolean unique, List<IndexPart> parts) {
        this(indexId, name, primary, unique, parts, false, false);
    }

    public IndexDef withId(int id) { return new IndexDef(id, name, primary, unique, parts, fulltext, spatial); }

    public IndexDef withName(String n) { return new IndexDef(indexId, n, primary, unique, parts, fulltext, spatial); }

    /** FULLTEXT and SPATIAL indexes keep entries of their own, not one ordered key per row: no range scans, no statistics. */
    public boolean keyless() { return fulltext || spatial; }

    /** The same index over other parts (column remapping in ALTER TABLE). */
    public IndexDef withParts(List<IndexPart> p) { return new IndexDef(indexId, name, primary, unique, p, fulltext, spatial); }

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
