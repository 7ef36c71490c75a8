package dev.basalt.engine.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.basalt.engine.types.SqlType;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * The PARTITION BY text is stored after the constraints and generated columns, and the STATS_*
 * table options after it; both read back, alone or together.
 */
class PartitionedTableSerdeTest {

    private static TableDef table(String partitioning) {
        TableDef t = new TableDef(7, "d", "t", List.of(ColumnDef.of("a", SqlType.INT, false)),
                List.of(new IndexDef(3, "PRIMARY", true, true, List.of(IndexPart.of(0)))), TableOptions.DEFAULT);
        return t.withOptions(t.options().withPartitioning(partitioning));
    }

    @Test
    void partitioningSurvivesARoundTrip() {
        String text = "PARTITION BY HASH (`a`)\nPARTITIONS 4";
        TableDef back = CatalogSerde.table(CatalogSerde.table(table(text)));
        assertEquals(text, back.options().partitioning());
        assertEquals(table(text), back);
    }

    @Test
    void aTableWithoutPartitionsReadsBackWithout() {
        TableDef back = CatalogSerde.table(CatalogSerde.table(table(null)));
        assertNull(back.options().partitioning());
        assertEquals(table(null), back);
    }

    @Test
    void statsOptionsSurviveARoundTripWithAndWithoutPartitions() {
        StatsOptions stats = new StatsOptions(1, 0, 25);
        for (String partitioning : java.util.Arrays.asList(null, "PARTITION BY HASH (`a`)\nPARTITIONS 2")) {
            TableDef t = table(partitioning);
            t = t.withOptions(t.options().withStats(stats));
            TableDef back = CatalogSerde.table(CatalogSerde.table(t));
            assertEquals(stats, back.options().stats());
            assertEquals(t, back);
        }
    }
}
