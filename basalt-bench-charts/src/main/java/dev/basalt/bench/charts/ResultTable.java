package dev.basalt.bench.charts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark's result table as the bench scripts write it: a header row, then one row per workload.
 * The first column names the workload (or query shape); every other column is one series (basalt,
 * mariadb, ratio...). Cells that are not numbers ("n/a", empty: a failed run) stay null so a chart
 * leaves a gap instead of drawing a zero.
 */
record ResultTable(List<String> series, List<String> categories, List<Double[]> values) {

    /** Reads TSV when the header has a tab, CSV otherwise; blank lines and lines starting with # are skipped. */
    static ResultTable read(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank() && !line.startsWith("#")) lines.add(line);
        }
        if (lines.isEmpty()) throw new IllegalArgumentException(file + ": no header row");
        boolean tsv = lines.getFirst().contains("\t");
        List<String> header = split(lines.getFirst(), tsv);
        if (header.size() < 2) throw new IllegalArgumentException(file + ": needs a workload column and at least one series");
        List<String> categories = new ArrayList<>();
        List<Double[]> values = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = split(line, tsv);
            categories.add(cells.getFirst());
            Double[] row = new Double[header.size() - 1];
            for (int i = 1; i < header.size() && i < cells.size(); i++) row[i - 1] = number(cells.get(i));
            values.add(row);
        }
        return new ResultTable(List.copyOf(header.subList(1, header.size())), categories, values);
    }

    /** Keeps only the named series, in the given order (the chart should not mix tx/s and ratios on one axis). */
    ResultTable select(List<String> names) {
        List<Double[]> picked = new ArrayList<>();
        int[] index = new int[names.size()];
        for (int i = 0; i < names.size(); i++) {
            index[i] = series.indexOf(names.get(i));
            if (index[i] < 0) throw new IllegalArgumentException("no column '" + names.get(i) + "'; columns: " + series);
        }
        for (Double[] row : values) {
            Double[] out = new Double[index.length];
            for (int i = 0; i < index.length; i++) out[i] = row[index[i]];
            picked.add(out);
        }
        return new ResultTable(List.copyOf(names), categories, picked);
    }

    private static Double number(String cell) {
        // Markdown tables in docs/benchmarks.md write "**0.61x**", "1,578,143" and "55 666": keep the number.
        String s = cell.replace("**", "").strip().replaceAll("(?<=\\d)[ ,\u00a0\u202f](?=\\d{3}\\b)", "");
        if (s.endsWith("x")) s = s.substring(0, s.length() - 1); // "0.42x" ratios in the markdown tables
        try {
            return s.isEmpty() ? null : Double.valueOf(s);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /** Tab-separated, or comma-separated with optional double quotes ("" inside quotes is one quote). */
    static List<String> split(String line, boolean tsv) {
        List<String> cells = new ArrayList<>();
        if (tsv) {
            for (String c : line.split("\t", -1)) cells.add(c.strip());
            return cells;
        }
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return cells;
    }
}
