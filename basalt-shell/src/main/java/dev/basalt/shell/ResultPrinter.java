package dev.basalt.shell;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Prints a result as the mysql client does: a boxed table, vertical (\G), or tab-separated for scripts. */
final class ResultPrinter {

    private ResultPrinter() {}

    /** Boxed, columns as wide as their widest value; numbers right-aligned. */
    static void table(List<String> names, List<String[]> rows, boolean[] numeric, PrintStream out) {
        int[] width = new int[names.size()];
        for (int i = 0; i < width.length; i++) width[i] = displayWidth(names.get(i));
        for (String[] row : rows) {
            for (int i = 0; i < width.length; i++) width[i] = Math.max(width[i], displayWidth(text(row[i])));
        }
        StringBuilder rule = new StringBuilder("+");
        for (int w : width) rule.append("-".repeat(w + 2)).append('+');
        out.println(rule);
        out.println(line(names.toArray(String[]::new), width, new boolean[width.length]));
        out.println(rule);
        for (String[] row : rows) out.println(line(row, width, numeric));
        out.println(rule);
    }

    private static String line(String[] values, int[] width, boolean[] right) {
        StringBuilder b = new StringBuilder("|");
        for (int i = 0; i < width.length; i++) {
            String v = text(values[i]);
            String pad = " ".repeat(width[i] - displayWidth(v));
            b.append(' ').append(right[i] ? pad + v : v + pad).append(" |");
        }
        return b.toString();
    }

    /** One "*** n. row ***" block per row, names right-aligned before ": value". */
    static void vertical(List<String> names, List<String[]> rows, PrintStream out) {
        int w = 0;
        for (String n : names) w = Math.max(w, displayWidth(n));
        int n = 0;
        for (String[] row : rows) {
            out.println("*************************** " + (++n) + ". row ***************************");
            for (int i = 0; i < names.size(); i++) {
                out.println(" ".repeat(w - displayWidth(names.get(i))) + names.get(i) + ": " + text(row[i]));
            }
        }
    }

    /** Scripts: a header line, then one line per row, values tab-separated, NULL as "NULL". */
    static void tabs(List<String> names, List<String[]> rows, PrintStream out) {
        out.println(String.join("\t", names));
        for (String[] row : rows) {
            List<String> escaped = new ArrayList<>(row.length);
            for (String v : row) escaped.add(v == null ? "NULL" : escape(v));
            out.println(String.join("\t", escaped));
        }
    }

    /** As mysql --batch: tab, newline and backslash inside a value are escaped. */
    static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }

    private static String text(String v) { return v == null ? "NULL" : v; }

    /** Code points, so accented letters line up (wide CJK characters are not measured). */
    private static int displayWidth(String s) { return s.codePointCount(0, s.length()); }
}
