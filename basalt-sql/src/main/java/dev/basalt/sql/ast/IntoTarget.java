package dev.basalt.sql.ast;

import java.util.List;

/**
 * Where SELECT ... INTO puts its result: variables (one row), a text file of rows (OUTFILE) or
 * one raw row (DUMPFILE).
 */
public sealed interface IntoTarget {

    /**
     * INTO @a, @b: one variable per column. {@code names} are user variable names; a stored
     * program may also name its local variables here.
     */
    record UserVariables(List<String> names) implements IntoTarget {
        public UserVariables { names = List.copyOf(names); }
    }

    /** INTO OUTFILE 'file' [CHARACTER SET cs] [FIELDS ...] [LINES ...]; charset null when not written. */
    record Outfile(String file, String charset, FileFormat format) implements IntoTarget {}

    /** INTO DUMPFILE 'file': the single row's values written back to back, without separators. */
    record Dumpfile(String file) implements IntoTarget {}
}
