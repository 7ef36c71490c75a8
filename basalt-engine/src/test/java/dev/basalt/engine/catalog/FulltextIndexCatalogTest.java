package dev.basalt.engine.catalog;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** FULLTEXT and SPATIAL indexes survive the catalog encoding; a FULLTEXT one is listed last and takes text columns only. */
class FulltextIndexCatalogTest {

    private static TableDef spec(SqlType bodyType) {
        List<ColumnDef> cols = List.of(
                ColumnDef.of("id", SqlType.BIGINT, false),
                ColumnDef.of("title", SqlType.varchar(100), true),
                ColumnDef.of("body", bodyType, true));
        List<IndexDef> idx = List.of(
                new IndexDef(7, "PRIMARY", true, true, List.of(IndexPart.of(0))),
                new IndexDef(8, "ft", false, false, List.of(IndexPart.of(1), IndexPart.of(2)), true),
                new IndexDef(9, "k_title", false, false, List.of(new IndexPart(1, 10, false))));
        return new TableDef(3, "db", "docs", cols, idx, TableOptions.DEFAULT);
    }

    @Test
    void fulltextFlagRoundTrips() {
        TableDef t = TableValidator.validate(spec(SqlType.of(TypeKind.TEXT)));
        TableDef back = CatalogSerde.table(CatalogSerde.table(t));
        assertEquals(t.indexes(), back.indexes());
        assertTrue(back.index("ft").orElseThrow().fulltext());
        assertFalse(back.index("k_title").orElseThrow().fulltext());
        assertEquals("ft", back.indexes().getLast().name(), "FULLTEXT keys are listed after the others");
    }

    @Test
    void spatialFlagRoundTrips() {
        List<ColumnDef> cols = List.of(ColumnDef.of("id", SqlType.BIGINT, false), ColumnDef.of("g", SqlType.of(TypeKind.GEOMETRY), false));
        TableDef t = TableValidator.validate(new TableDef(4, "db", "places", cols, List.of(
                new IndexDef(7, "PRIMARY", true, true, List.of(IndexPart.of(0))),
                new IndexDef(8, "sp", false, false, List.of(IndexPart.of(1)), false, true)), TableOptions.DEFAULT));
        TableDef back = CatalogSerde.table(CatalogSerde.table(t));
        assertEquals(t.indexes(), back.indexes());
        assertTrue(back.index("sp").orElseThrow().spatial());
        assertFalse(back.index("sp").orElseThrow().fulltext());
        // NOT NULL geometry only (1252, 1687), also when ALTER TABLE changes the column
        List<ColumnDef> nullable = List.of(cols.get(0), ColumnDef.of("g", SqlType.of(TypeKind.GEOMETRY), true));
        assertEquals(1252, assertThrows(SqlException.class, () -> TableValidator.validate(t.withColumns(nullable))).errorCode());
    }

    @Test
    void fulltextOnANonTextColumnIs1283() {
        SqlException e = assertThrows(SqlException.class, () -> TableValidator.validate(spec(SqlType.BIGINT)));
        assertEquals(1283, e.errorCode());
        assertEquals("Column 'body' cannot be part of FULLTEXT index", e.getMessage());
        assertThrows(SqlException.class, () -> TableValidator.validate(spec(SqlType.of(TypeKind.BLOB))));
    }
}
