package dev.basalt.sql.ast;

import java.util.List;

/**
 * LOAD DATA [LOW_PRIORITY | CONCURRENT] [LOCAL] INFILE 'file' [REPLACE | IGNORE] INTO TABLE t
 * [CHARACTER SET cs] [FIELDS ...] [LINES ...] [IGNORE n LINES | ROWS] [(col_or_@var, ...)]
 * [SET col = expr, ...].
 * @param duplicates null (error on duplicates, or skip with LOCAL), "REPLACE" or "IGNORE"
 * @param charset null when not written
 * @param targets the column list: a column name, or "@name" for a user variable; empty = all columns
 */
public record LoadData(boolean local, String file, String duplicates, QualifiedName table, String charset,
                       FileFormat format, long ignoreLines, List<String> targets, List<Assignment> set)
        implements Statement {
    public LoadData {
        targets = List.copyOf(targets);
        set = List.copyOf(set);
    }
}
