package dev.basalt.bench.charts;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.Arrays;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * bin/bench's chart step: draws a result table (see {@link ResultTable}) as grouped bars, one group per
 * workload, one bar per series, each bar labelled with its value, and writes a PNG. Runs headless, so a
 * bench machine without a display (or Python) can draw it.
 *
 * <pre>
 * BarChart INPUT.tsv OUTPUT.png [--title T] [--y-label L] [--x-label L] [--series a,b]
 *                               [--width W] [--height H] [--horizontal] [--log]
 * </pre>
 * --horizontal lays the bars sideways, for long workload names such as the planner's query shapes;
 * --log draws the value axis logarithmic, for series that differ by orders of magnitude.
 */
public final class BarChart {

    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd)
    };

    /** What to draw, filled in from the command line; the defaults fit a four-workload, two-server table. */
    static final class Options {
        String title = "";
        String xLabel = "workload";
        String yLabel = "value";
        List<String> series = List.of();
        int width = 900;
        int height = 500;
        boolean horizontal;
        boolean log;
    }

    private BarChart() {}

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        if (args.length < 2 || args[0].startsWith("-")) {
            System.err.println("usage: BarChart INPUT.tsv|csv OUTPUT.png [--title T] [--x-label L] [--y-label L]"
                    + " [--series a,b] [--width W] [--height H] [--horizontal] [--log]");
            System.exit(2);
        }
        try {
            Options o = parse(Arrays.asList(args).subList(2, args.length));
            render(ResultTable.read(Path.of(args[0])), o, Path.of(args[1]));
        } catch (IllegalArgumentException bad) {
            System.err.println("BarChart: " + bad.getMessage());
            System.exit(2);
        }
    }

    static Options parse(List<String> args) {
        Options o = new Options();
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            switch (flag) {
                case "--horizontal" -> o.horizontal = true;
                case "--log" -> o.log = true;
                case "--title", "--x-label", "--y-label", "--series", "--width", "--height" -> {
                    if (i + 1 >= args.size()) throw new IllegalArgumentException(flag + " needs a value");
                    String v = args.get(++i);
                    switch (flag) {
                        case "--title" -> o.title = v;
                        case "--x-label" -> o.xLabel = v;
                        case "--y-label" -> o.yLabel = v;
                        case "--series" -> o.series = List.of(v.split(","));
                        case "--width" -> o.width = positive(flag, v);
                        default -> o.height = positive(flag, v);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        return o;
    }

    private static int positive(String flag, String v) {
        try {
            int n = Integer.parseInt(v);
            if (n > 0) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " needs a positive number, not '" + v + "'");
    }

    /** The power of ten at or below the smallest positive value: where a log axis' bars start. */
    private static double logFloor(ResultTable t) {
        double min = Double.MAX_VALUE;
        for (Double[] row : t.values()) {
            for (Double v : row) if (v != null && v > 0) min = Math.min(min, v);
        }
        return min == Double.MAX_VALUE ? 1 : Math.pow(10, Math.floor(Math.log10(min)));
    }

    /** Whole numbers once values reach the hundreds (tx/s); two decimals for small ones (ms, ratios). */
    private static DecimalFormat valueFormat(ResultTable t) {
        double max = 0;
        for (Double[] row : t.values()) {
            for (Double v : row) if (v != null) max = Math.max(max, Math.abs(v));
        }
        return new DecimalFormat(max >= 100 ? "#,##0" : "#,##0.##");
    }

    /** Draws TABLE and writes it to PNG (parent directories created). */
    static void render(ResultTable table, Options o, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        ResultTable t = o.series.isEmpty() ? table : table.select(o.series);
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int row = 0; row < t.categories().size(); row++) {
            for (int s = 0; s < t.series().size(); s++) {
                // A null value leaves an empty slot: the run failed or was not measured.
                Double v = t.values().get(row)[s];
                data.addValue(o.log && v != null && v <= 0 ? null : v, t.series().get(s), t.categories().get(row));
            }
        }
        BarRenderer bars = new BarRenderer();
        bars.setBarPainter(new StandardBarPainter()); // flat bars: gradients print badly and hide the values
        bars.setShadowVisible(false);
        bars.setItemMargin(0.03);
        bars.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", valueFormat(t)));
        if (o.horizontal) { // beside the bar's end: above it, the label would sit on the neighbouring bar
            bars.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
        }
        bars.setDefaultItemLabelsVisible(true);
        bars.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int s = 0; s < t.series().size(); s++) bars.setSeriesPaint(s, PALETTE[s % PALETTE.length]);
        if (o.log) bars.setBase(logFloor(t)); // bars grow from a power of ten below the smallest value, not from 0

        CategoryAxis x = new CategoryAxis(o.xLabel);
        x.setMaximumCategoryLabelLines(3);
        if (!o.horizontal && t.categories().size() > 4) x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        // A log axis keeps 49 tx/s visible next to 55,000 (bars then start at the axis' lower bound).
        NumberAxis y = o.log ? new LogarithmicAxis(o.yLabel) : new NumberAxis(o.yLabel);
        y.setUpperMargin(0.15); // room for the value labels above the tallest bar
        CategoryPlot plot = new CategoryPlot(data, x, y, bars);
        plot.setOrientation(o.horizontal ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);

        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        if (!o.title.isEmpty()) chart.setTitle(new TextTitle(o.title, new Font(Font.SANS_SERIF, Font.BOLD, 16)));
        LegendTitle legend = chart.getLegend();
        legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        chart.setBackgroundPaint(Color.WHITE);
        if (png.toAbsolutePath().getParent() != null) Files.createDirectories(png.toAbsolutePath().getParent());
        ChartUtils.saveChartAsPNG(png.toFile(), chart, o.width, o.height);
    }

}
