package dev.basalt.engine.catalog;

/**
 * One key part of an index.
 *
 * @param column       position of the column in {@link TableDef#columns()}
 * @param prefixLength index only the first N characters (bytes for binary), 0 = whole value
 * @param descending   DESC key part
 */
public record IndexPart(int column, int prefixLength, boolean descending) {
    public static IndexPart of(int column) { return new IndexPart(column, 0, false); }
}
