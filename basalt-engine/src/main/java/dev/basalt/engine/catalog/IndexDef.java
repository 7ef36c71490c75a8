package dev.basalt.engine.catalog;

import java.util.List;

/**
 * An index. The PRIMARY KEY is an index named "PRIMARY" with {@code primary} and {@code unique};
 * its entries are the row keys themselves. {@code indexId} is allocated by the catalog (pass 0 in
 * specs handed to DDL).
 */
public record IndexDef(int indexId, String name, boolean primary, boolean unique, List<IndexPart> parts) {

    public static final String PRIMARY = "PRIMARY";

    public IndexDef {
        parts = List.copyOf(parts);
    }

    public IndexDef withId(int id) { return new IndexDef(id, name, primary, unique, parts); }

    public IndexDef withName(String n) { return new IndexDef(indexId, n, primary, unique, parts); }

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
