package dev.basalt.sql.ast;

import java.util.Map;

/**
 * Table options of CREATE / ALTER TABLE.
 * @param engine ENGINE, or null
 * @param charset [DEFAULT] CHARACTER SET / CHARSET, or null
 * @param collation [DEFAULT] COLLATE, or null
 * @param autoIncrement AUTO_INCREMENT = n, or null
 * @param comment COMMENT, or null
 * @param others every other option, upper-case name to value text (e.g. ROW_FORMAT -> DYNAMIC)
 */
public record TableOptions(String engine, String charset, String collation, Long autoIncrement, String comment,
        Map<String, String> others) {
    public static final TableOptions NONE = new TableOptions(null, null, null, null, null, Map.of());

    public boolean isEmpty() {
        return engine == null && charset == null && collation == null && autoIncrement == null
                && comment == null && others.isEmpty();
    }
}
