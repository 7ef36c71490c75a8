package dev.basalt.engine.statement;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * information_schema.KEYWORDS (MySQL 8.0.13): WORD and RESERVED (1/0) for each of MySQL 8.0's
 * keywords, read once from the data file {@code mysql80-keywords.txt} beside this class (one word a
 * line, "R" after a reserved one), in alphabetical order. Tools read it to know which identifiers
 * to quote; the list is MySQL's, not only the words Basalt's parser knows.
 */
final class KeywordRows {
    private KeywordRows() {}

    private static final List<Object[]> ROWS = load();

    static List<Object[]> rows() {
        List<Object[]> out = new ArrayList<>(ROWS.size());
        for (Object[] r : ROWS) out.add(r.clone());
        return out;
    }

    private static List<Object[]> load() {
        try (InputStream in = KeywordRows.class.getResourceAsStream("mysql80-keywords.txt")) {
            if (in == null) throw new IllegalStateException("mysql80-keywords.txt missing from the classpath");
            List<Object[]> rows = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line; (line = r.readLine()) != null; ) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) continue;
                String[] parts = line.split("\\s+");
                rows.add(new Object[]{parts[0], parts.length > 1 && parts[1].equals("R") ? 1L : 0L});
            }
            rows.sort((a, b) -> ((String) a[0]).compareTo((String) b[0]));
            return List.copyOf(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
