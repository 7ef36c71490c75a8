package dev.basalt.bench.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BarChartTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Test
    void rendersAGroupedBarChartToAPngOfTheRequestedSize(@TempDir Path dir) throws Exception {
        Path tsv = dir.resolve("bench.tsv");
        Files.writeString(tsv, """
                workload\tmariadb\tbasalt
                oltp_update_index\t812.5\t1204.1
                oltp_insert\t900\tn/a
                """);
        Path png = dir.resolve("out/bench.png");
        BarChart.main(new String[] {tsv.toString(), png.toString(), "--title", "tx/s", "--y-label", "tx/s",
                "--width", "640", "--height", "360"});

        byte[] head = new byte[8];
        try (InputStream in = Files.newInputStream(png)) {
            assertEquals(8, in.read(head));
        }
        assertArrayEquals(PNG_SIGNATURE, head);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(640, image.getWidth());
        assertEquals(360, image.getHeight());

        // A log axis must not trip over the bars' default base of 0 (JFreeChart refuses values <= 0 there).
        Path log = dir.resolve("log.png");
        BarChart.main(new String[] {tsv.toString(), log.toString(), "--log", "--horizontal"});
        assertEquals(900, ImageIO.read(log.toFile()).getWidth());
    }

    @Test
    void parsesOptionsAndRejectsUnknownOnes() {
        BarChart.Options o = BarChart.parse(List.of("--series", "a,b", "--log", "--width", "300", "--horizontal"));
        assertEquals(List.of("a", "b"), o.series);
        assertEquals(300, o.width);
        assertEquals(true, o.log && o.horizontal);
        assertThrows(IllegalArgumentException.class, () -> BarChart.parse(List.of("--width", "0")));
        assertThrows(IllegalArgumentException.class, () -> BarChart.parse(List.of("--title")));
        assertThrows(IllegalArgumentException.class, () -> BarChart.parse(List.of("--nope")));
    }

    @Test
    void readsCsvWithQuotesAndKeepsNonNumbersAsGaps(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("planner.csv");
        Files.writeString(csv, """
                # a comment line
                query,basalt,mariadb,ratio
                "MIN(k), MAX(k)",0.5,0.4,1.25x
                "say ""hi"" twice",n/a,,0.9
                "docs' separators","1,578,143",55 666,**0.61x**
                """);
        ResultTable t = ResultTable.read(csv);
        assertEquals(List.of("basalt", "mariadb", "ratio"), t.series());
        assertEquals(List.of("MIN(k), MAX(k)", "say \"hi\" twice", "docs' separators"), t.categories());
        assertArrayEquals(new Double[] {1578143.0, 55666.0, 0.61}, t.values().get(2));
        assertEquals(1.25, t.values().getFirst()[2]);
        assertNull(t.values().get(1)[0]);
        assertNull(t.values().get(1)[1]);

        ResultTable picked = t.select(List.of("mariadb", "basalt"));
        assertEquals(0.4, picked.values().getFirst()[0]);
        assertThrows(IllegalArgumentException.class, () -> t.select(List.of("nope")));
    }
}
