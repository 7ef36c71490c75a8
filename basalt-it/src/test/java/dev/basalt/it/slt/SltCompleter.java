package dev.basalt.it.slt;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rewrites a test file's expectations with what a reference server actually did, so expected outputs
 * come from a real server rather than from guessing. Statement records get {@code ok} or
 * {@code error <errno>}; query records get their values (or the hash line if the original used one).
 */
public final class SltCompleter {
    private SltCompleter() {}

    public static List<String> complete(List<String> lines, Map<Integer, Actual> actuals, PrintStream warnings) {
        List<String> out = new ArrayList<>(lines.size());
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            Actual a = actuals.get(i + 1);
            if (a == null || !(line.startsWith("statement") || line.startsWith("query"))) {
                out.add(line);
                i++;
                continue;
            }
            if (line.startsWith("statement")) {
                out.add(a instanceof Actual.Error e ? "statement error " + e.errno() : "statement ok");
                i++;
                while (i < lines.size() && !lines.get(i).isBlank()) out.add(lines.get(i++));
                continue;
            }
            out.add(line);
            i++;
            while (i < lines.size() && !lines.get(i).isBlank() && !lines.get(i).equals("----")) out.add(lines.get(i++));
            List<String> oldResults = new ArrayList<>();
            if (i < lines.size() && lines.get(i).equals("----")) {
                i++;
                while (i < lines.size() && !lines.get(i).isEmpty()) oldResults.add(lines.get(i++));
            }
            switch (a) {
                case Actual.Rows r -> {
                    out.add("----");
                    boolean hashed = oldResults.size() == 1 && oldResults.get(0).contains(" values hashing to ");
                    if (hashed) out.add(r.values().size() + " values hashing to " + ResultComparer.md5(r.values()));
                    else out.addAll(r.values());
                }
                case Actual.Error e -> {
                    warnings.printf("WARNING line %d: query failed on the reference server: %d %s%n", i, e.errno(), e.message());
                    out.add("----");
                    out.addAll(oldResults);
                }
                case Actual.StatementOk ok -> {
                    out.add("----");
                    out.addAll(oldResults);
                }
            }
        }
        return out;
    }
}
